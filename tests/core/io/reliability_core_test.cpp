// Regression tests for checkpoint fields, Adam's step counter, linear layers on empty batches and
// near-overflowing matrices, and the trainer's bounded loss history.
#include <gtest/gtest.h>

#include "core/io/read_file.h"
#include "core/train/training_scene.h"

#include <climits>
#include <filesystem>
#include <string>
#include <vector>
#include <cmath>

#include "core/bijectors/linear.h"
#include "core/bijectors/lu_linear.h"
#include "core/nn/adam.h"
#include "core/train/checkpoint.h"

namespace flowlab {
namespace {

TrainerConfig tinyConfig() {
  TrainerConfig c;
  c.model.layers = 2;
  c.model.hidden = 4;
  c.batch = 16;
  c.testSize = 64;
  return c;
}

SceneFile savedScene() {
  Trainer t(tinyConfig());
  t.step(5);
  Expected<SceneFile> scene = checkpointScene(t);
  EXPECT_TRUE(scene.ok());
  // Through JSON text, as a file on disk would be.
  Expected<Json> j = sceneToJson(scene.value);
  return parseScene(j.value.dump(), "cp.json").value;
}

std::string loadError(const char* section, const char* key, const Json& value) {
  SceneFile scene = savedScene();
  if (std::string(section).empty())
    scene.extras[key] = value;
  else
    scene.extras[section][key] = value;
  const Expected<Checkpoint> cp = readCheckpoint(scene);
  return cp.ok() ? std::string("loaded") : cp.status.message();
}

TEST(CheckpointFields, AnUnmodifiedCheckpointLoads) {
  const Expected<Checkpoint> cp = readCheckpoint(savedScene());
  ASSERT_TRUE(cp.ok()) << cp.status.message();
  EXPECT_EQ(cp.value.state.step, 5);
}

TEST(CheckpointFields, OutOfRangeFieldsAreRefusedByName) {
  // Each once loaded: lr_scale -1 and final_lr_fraction -50 trained uphill, beta1 1 failed later
  // with a misleading message, 1e300 events printed -2147483648, LLONG_MAX overflowed in Adam.
  EXPECT_EQ(loadError("optimizer", "lr_scale", -1), "optimizer/lr_scale: -1 is out of range (must be in (0, 1])");
  EXPECT_EQ(loadError("training", "final_lr_fraction", -50),
            "training/final_lr_fraction: -50 is out of range (must be in [0, 1])");
  EXPECT_EQ(loadError("optimizer", "beta1", 1), "optimizer/beta1: 1 is out of range (must be in [0, 1))");
  EXPECT_EQ(loadError("optimizer", "non_finite_events", 1e300),
            "optimizer/non_finite_events: must be an integer, got 1e+300");
  EXPECT_EQ(loadError("optimizer", "non_finite_events", 4294967296LL),
            "optimizer/non_finite_events: 4294967296 is out of range [0, 2147483647]");
  EXPECT_EQ(loadError("", "step", LLONG_MAX),
            "step: 9223372036854775807 is out of range [0, 9007199254740992]");
  EXPECT_EQ(loadError("training", "batch", 4294967298LL), "training/batch: 4294967298 is out of range [0, 2147483647]");
  EXPECT_EQ(loadError("training", "batch", "256"), "training/batch: must be an integer, got \"256\"");
  EXPECT_EQ(loadError("training", "noise", -5), "training/noise: -5 is out of range (must be in [0.005, 1])");
}

TEST(CheckpointFields, NegativeSecondMomentIsRefused) {
  SceneFile scene = savedScene();
  scene.extras["optimizer"]["v"][0] = -1.0;
  const Expected<Checkpoint> cp = readCheckpoint(scene);
  ASSERT_FALSE(cp.ok());
  EXPECT_EQ(cp.status.message(), "optimizer/v: entry 0 is negative (a second moment is >= 0)");
  scene.extras["optimizer"]["v"][0] = 1e300;
  EXPECT_EQ(readCheckpoint(scene).status.message(), "optimizer/v: entry 0 is out of range of a float");
}

TEST(AdamLimits, StepCounterSaturatesInsteadOfOverflowing) {
  AdamConfig config;
  AdamState<double> in, out;
  in.reset(2);
  in.step = LLONG_MAX;  // UBSan: signed overflow in t = step + 1
  VectorT<double> params = VectorT<double>::Ones(2), grad = VectorT<double>::Ones(2), next;
  const AdamReport r = adamStep(config, 1e-3, params, in, grad, next, out);
  EXPECT_TRUE(r.finite);
  EXPECT_EQ(out.step, LLONG_MAX);
  EXPECT_TRUE(next.allFinite());
}

TEST(LinearEdges, EmptyBatchesGoThroughBothDirections) {
  const Linear l = Linear::rotation(0.3);
  const Transformed back = l.inverse(Batch(0, 2));  // UBSan: reference binding to null
  EXPECT_EQ(back.value.rows(), 0);
  EXPECT_EQ(back.logAbsDet.size(), 0);
  EXPECT_EQ(l.forward(Batch(0, 2)).value.rows(), 0);
}

// Found by the scene fuzzer (tests/data/fuzz_regressions/scene-lu-linear-empty-batch.json): under
// UBSan, LuLinear::inverse applies an offset to the null data of an empty batch. Passes in Release;
// fails in the ASan/UBSan stage until core/bijectors/lu_linear.cpp returns early for 0 rows.
TEST(LinearEdges, LuLinearInverseOfAnEmptyBatch) {
  Matrix L = Matrix::Identity(2, 2), U = Matrix::Identity(2, 2);
  U(0, 1) = 0.5;
  const LuLinear lu({1, 0}, L, U, Vector::Zero(2));
  EXPECT_EQ(lu.inverse(Batch(0, 2)).value.rows(), 0);
  EXPECT_EQ(lu.forward(Batch(0, 2)).value.rows(), 0);
}

// Found by the scene fuzzer: an empty point set through a whole flow. Passes in Release; under
// UBSan it fails (null-pointer offsets in LuLinear::inverse and MlpConditioner::compute) until
// Flow::forward/inverse return early for 0 rows.
TEST(EmptyBatches, EveryShippedSceneAndACheckpoint) {
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(std::string(FLOWLAB_SOURCE_DIR) + "/assets/scenes"))
    if (const Expected<std::string> text = readTextFile(e.path().string()); text.ok()) {
      const Json root = Json::parse(text.value, nullptr, false);
      if (!(isTrainingScene(root) && !root.contains("layers"))) files.push_back(e.path().string());  // settings only: no flow
    }
  files.push_back(std::string(FLOWLAB_SOURCE_DIR) + "/fuzz/seeds/checkpoint/tiny_checkpoint.json");
  files.push_back(std::string(FLOWLAB_SOURCE_DIR) + "/fuzz/seeds/scene/mixed_layers.json");
  for (const std::string& f : files) {
    SCOPED_TRACE(f);
    const Expected<SceneFile> s = loadSceneFile(f);
    ASSERT_TRUE(s.ok()) << s.status.message();
    if (!s.value.flow.problems().empty()) continue;
    const Expected<Vector> lp = s.value.flow.logProb(Batch(0, s.value.dim));
    ASSERT_TRUE(lp.ok()) << lp.status.message();
    EXPECT_EQ(lp.value.size(), 0);
  }
}

TEST(LinearEdges, AHugeButWellConditionedMatrixIsNotCalledSingular) {
  Matrix A(2, 2);
  A << 1e200, 0.0, 0.0, 1e200;  // det A = 1e400 overflows to inf
  EXPECT_TRUE(Linear(A, Vector::Zero(2)).validate().ok()) << Linear(A, Vector::Zero(2)).validate().message();
  A << 1e200, 1e200, 1e200, 1e200;  // truly singular at that scale
  const Status s = Linear(A, Vector::Zero(2)).validate();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message().rfind("singular", 0), 0u) << s.message();
  EXPECT_EQ(s.message().find("inf"), std::string::npos) << s.message();
}

TEST(TrainerMemory, LossHistoryIsBounded) {
  TrainerConfig c = tinyConfig();
  c.model.layers = 1;
  c.model.hidden = 1;
  c.batch = 2;
  c.testSize = 1;
  Trainer t(c);
  const int steps = int(Trainer::kCurveCapacity) + 1000;
  t.step(steps);
  EXPECT_GT(t.stepCount(), (long long)Trainer::kCurveCapacity);
  EXPECT_LE(t.curve().size(), Trainer::kCurveCapacity);  // once: one float per step, forever
  EXPECT_GE(t.curve().size(), Trainer::kCurveCapacity / 2);
}

}  // namespace
}  // namespace flowlab
