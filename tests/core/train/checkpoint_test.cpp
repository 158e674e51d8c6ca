#include "core/train/checkpoint.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include "core/train/flow_export.h"

namespace flowlab {
namespace {

TrainerConfig smallConfig() {
  TrainerConfig c;
  c.model.hidden = 12;
  c.model.layers = 4;
  c.testSize = 512;
  c.seed = 21;
  return c;
}

std::string tempPath(const char* name) { return (std::filesystem::temp_directory_path() / name).string(); }

// The generic Flow (AffineCoupling + MlpConditioner in double) computes the trainer's density.
TEST(FlowExport, FlowLogProbMatchesTheTrainerAndImportRoundTrips) {
  Trainer t(smallConfig());
  t.step(40);
  const std::vector<float> params(t.state().params.data(), t.state().params.data() + t.state().params.size());
  const Flow flow = exportRealNvp(t.config().model, params);
  ASSERT_EQ(flow.layerCount(), 4);
  ASSERT_TRUE(flow.validate().ok());
  Rng rng(1);
  const Batch x = t.dataset().sample(300, rng);
  const Expected<Vector> viaFlow = flow.logProb(x);
  ASSERT_TRUE(viaFlow.ok()) << viaFlow.status.message();
  const VectorT<float> viaTrainer = t.logProb(x.cast<float>());
  EXPECT_LT((viaFlow.value - viaTrainer.cast<double>()).cwiseAbs().maxCoeff(), 2e-4);
  const RealNvp<double> md(t.config().model);
  VectorT<double> viaDouble;
  RealNvpWorkspace<double> ws;
  md.logProb(t.state().params.cast<double>().eval().data(), x, viaDouble, ws);
  EXPECT_LT((viaFlow.value - viaDouble).cwiseAbs().maxCoeff(), 1e-10);
  EXPECT_GT((viaFlow.value.array() + 0.5 * x.rowwise().squaredNorm().array()).abs().maxCoeff(), 0.05);

  const Expected<ImportedRealNvp> back = importRealNvp(flow);
  ASSERT_TRUE(back.ok()) << back.status.message();
  EXPECT_EQ(back.value.params, params);
  EXPECT_EQ(back.value.config, t.config().model);
}

TEST(Checkpoint, RoundTripGivesBitIdenticalLogProbAndContinuesIdentically) {
  Trainer a(smallConfig());
  a.step(30);
  const std::string path = tempPath("flowlab_checkpoint_test.json");
  ASSERT_TRUE(saveCheckpoint(a, path).ok());
  Expected<std::unique_ptr<Trainer>> loaded = loadCheckpoint(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status.message();
  Trainer& b = *loaded.value;
  EXPECT_EQ(b.stepCount(), 30);
  EXPECT_EQ(b.config().model, a.config().model);
  EXPECT_EQ(b.state().adam.m, a.state().adam.m);
  EXPECT_EQ(b.state().adam.v, a.state().adam.v);
  Rng rng(2);
  const MatrixT<float> x = a.dataset().sample(500, rng).cast<float>();
  EXPECT_EQ(a.logProb(x), b.logProb(x));  // bit-identical
  EXPECT_EQ(a.trainNll(), b.trainNll());
  a.step(25);
  b.step(25);
  EXPECT_EQ(a.state().params, b.state().params);
  EXPECT_EQ(std::vector<float>(a.curve().end() - 25, a.curve().end()), b.curve());
  // The file is an ordinary scene: the generic loader reads it and its flow evaluates.
  const Expected<SceneFile> scene = loadSceneFile(path);
  ASSERT_TRUE(scene.ok()) << scene.status.message();
  EXPECT_TRUE(scene.value.flow.logProb(x.cast<double>()).ok());
  std::remove(path.c_str());
}

TEST(Checkpoint, RejectsAFlowThatIsNotATrainableRealNvp) {
  SceneFile scene;
  scene.dim = 2;
  scene.flow = Flow(2);
  const Expected<Checkpoint> cp = readCheckpoint(scene);
  EXPECT_FALSE(cp.ok());
  EXPECT_NE(cp.status.message().find("no layers"), std::string::npos);
}

// Found by the training_scene fuzzer: a weight of -2.2e205 is a fine double but inf as the
// trainer's float32; it was accepted, then written back as null. Now it is refused with its layer.
TEST(Checkpoint, RejectsAWeightBeyondTheRangeOfAFloat) {
  Trainer t(smallConfig());
  Expected<std::string> text = checkpointText(t);
  ASSERT_TRUE(text.ok());
  Json j = Json::parse(text.value);
  j["layers"][1]["conditioner"]["layers"][0]["W"][0][0] = -2.2e205;
  const Expected<SceneFile> scene = parseScene(j.dump(), "big.json");
  ASSERT_TRUE(scene.ok()) << scene.status.message();
  const Expected<Checkpoint> cp = readCheckpoint(scene.value);
  ASSERT_FALSE(cp.ok());
  EXPECT_NE(cp.status.message().find("layer 2"), std::string::npos) << cp.status.message();
  EXPECT_NE(cp.status.message().find("beyond the range of a 32-bit float"), std::string::npos) << cp.status.message();
  EXPECT_NE(cp.status.message().find("-2.2e+205"), std::string::npos) << cp.status.message();
  // Just inside a float's range is still a weight.
  j["layers"][1]["conditioner"]["layers"][0]["W"][0][0] = 3.0e38;
  EXPECT_TRUE(readCheckpoint(parseScene(j.dump(), "ok.json").value).ok());
}

}  // namespace
}  // namespace flowlab
