// Flow-family checkpoints (core/train/family_checkpoint.h): for every family, N steps, a save, a
// load and M more steps equal N + M uninterrupted steps bit for bit (parameters, Adam moments,
// NLLs), through the trainer and through the Training view's RunEngine; bad optimizer fields are
// refused naming them; a family checkpoint reads as a training scene.
#include "core/train/family_checkpoint.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/scene/family_layers.h"
#include "core/train/run_engine.h"
#include "core/train/training_scene.h"

namespace flowlab {
namespace {

std::string kindName(const ::testing::TestParamInfo<FamilyKind>& info) { return familyName(info.param); }

FamilyTrainerConfig small(FamilyKind kind) {
  FamilyTrainerConfig c;
  c.flow.kind = kind;
  c.flow.layers = 2;
  c.flow.hidden = 8;
  c.flow.bins = 4;
  c.flow.solverSteps = 3;
  c.batch = 32;
  c.testSize = 256;
  c.schedule.warmup = 2;
  c.schedule.total = 12;
  c.learningRate = familyDefaultLearningRate(kind);
  c.seed = 4;
  return c;
}

Expected<Checkpoint> reread(const std::string& text) {
  const Expected<SceneFile> scene = parseScene(text, "saved.json");
  if (!scene.ok()) return {scene.status, Checkpoint{}};
  return readCheckpoint(scene.value);
}

void expectSameState(const FamilyTrainerState& a, const FamilyTrainerState& b) {
  EXPECT_EQ(a.step, b.step);
  EXPECT_EQ(a.adam.step, b.adam.step);
  EXPECT_EQ(a.lrScale, b.lrScale);
  EXPECT_EQ(a.emaRaw, b.emaRaw);
  ASSERT_EQ(a.params.size(), b.params.size());
  for (Eigen::Index i = 0; i < a.params.size(); ++i) {
    EXPECT_EQ(a.params(i), b.params(i)) << "parameter " << i;
    EXPECT_EQ(a.adam.m(i), b.adam.m(i)) << "m " << i;
    EXPECT_EQ(a.adam.v(i), b.adam.v(i)) << "v " << i;
  }
}

class FamilyCheckpoint : public ::testing::TestWithParam<FamilyKind> {};

TEST_P(FamilyCheckpoint, SavedAndResumedEqualsUninterrupted) {
  const FamilyTrainerConfig config = small(GetParam());
  FamilyTrainer first(config);
  first.step(7);
  const Expected<std::string> text = familyCheckpointText(first);
  ASSERT_TRUE(text.ok()) << text.status.message();
  const Expected<Checkpoint> cp = reread(text.value);
  ASSERT_TRUE(cp.ok()) << cp.status.message();
  ASSERT_TRUE(cp.value.family.has_value());
  EXPECT_EQ(*cp.value.family, canonicalFamilyConfig(config.flow));
  expectSameState(cp.value.familyState, first.state());
  // Written again from what was read: the same text.
  const Expected<SceneFile> again = checkpointScene(cp.value);
  ASSERT_TRUE(again.ok()) << again.status.message();
  EXPECT_EQ(sceneToJson(again.value).value.dump(2) + "\n", text.value);

  Expected<std::unique_ptr<FamilyTrainer>> resumed = familyTrainerFromCheckpoint(cp.value);
  ASSERT_TRUE(resumed.ok()) << resumed.status.message();
  EXPECT_EQ(resumed.value->config().learningRate, config.learningRate);
  resumed.value->step(5);
  FamilyTrainer straight(config);
  straight.step(12);
  expectSameState(resumed.value->state(), straight.state());
  EXPECT_EQ(resumed.value->trainNll(), straight.trainNll());
  EXPECT_EQ(resumed.value->testNll(), straight.testNll());

  // The Training view's path: the same model continuing behind a RunEngine.
  Expected<std::unique_ptr<RunEngine>> engine = runEngineFromCheckpoint(cp.value);
  ASSERT_TRUE(engine.ok()) << engine.status.message();
  ASSERT_TRUE(engine.value->family().has_value());
  EXPECT_EQ(engine.value->stepCount(), 7);
  engine.value->step(5);
  const std::vector<double> p = engine.value->familyParams();
  ASSERT_EQ(p.size(), std::size_t(straight.state().params.size()));
  for (std::size_t i = 0; i < p.size(); ++i) EXPECT_EQ(p[i], straight.state().params(Eigen::Index(i))) << i;
  EXPECT_EQ(engine.value->testNll(), straight.testNll());
}

TEST_P(FamilyCheckpoint, TheEngineSavesWhatTheTrainerWrites) {
  const FamilyTrainerConfig config = small(GetParam());
  FamilyTrainer trainer(config);
  trainer.step(3);
  RunConfig run{sharedTrainerConfig(config), config.flow};
  std::unique_ptr<RunEngine> engine = makeRunEngine(run);
  engine->step(3);
  const std::string path =
      (std::filesystem::temp_directory_path() / ("flowlab_family_ckpt_" + std::to_string(::getpid()) + ".json")).string();
  ASSERT_TRUE(engine->save(path).ok());
  std::ifstream in(path);
  const std::string saved((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::filesystem::remove(path);
  EXPECT_EQ(saved, familyCheckpointText(trainer).value);
  // The saved model is a scene like any other: its core Flow has the trainer's log p, bit for bit.
  const Expected<SceneFile> scene = parseScene(saved, path);
  ASSERT_TRUE(scene.ok()) << scene.status.message();
  const Batch x = trainer.testSet().topRows(200);
  const Vector expected = trainer.logProb(x);
  const Expected<Vector> got = scene.value.flow.logProb(x);
  ASSERT_TRUE(got.ok());
  for (Eigen::Index i = 0; i < x.rows(); ++i) EXPECT_EQ(got.value(i), expected(i)) << i;
}

INSTANTIATE_TEST_SUITE_P(Families, FamilyCheckpoint, ::testing::ValuesIn(std::vector<FamilyKind>{
                                                         FamilyKind::Nice, FamilyKind::RealNvp, FamilyKind::Glow,
                                                         FamilyKind::Maf, FamilyKind::Iaf, FamilyKind::Nsf,
                                                         FamilyKind::Cnf}),
                         kindName);

std::string edited(const std::function<void(Json&)>& edit) {
  FamilyTrainer t(small(FamilyKind::Nsf));
  t.step(2);
  Json j = Json::parse(familyCheckpointText(t).value);
  edit(j);
  return j.dump(2);
}

TEST(FamilyCheckpointErrors, NameTheField) {
  const int count = makeFamilyFlow(small(FamilyKind::Nsf).flow).paramCount();
  const Expected<Checkpoint> m = reread(edited([](Json& j) { j["optimizer"]["m"].erase(0); }));
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status.message().find("optimizer/m: expected an array of " + std::to_string(count) + " numbers"),
            std::string::npos)
      << m.status.message();
  const Expected<Checkpoint> v = reread(edited([](Json& j) { j["optimizer"]["v"][3] = -1.0; }));
  ASSERT_FALSE(v.ok());
  EXPECT_NE(v.status.message().find("optimizer/v/3: is negative"), std::string::npos) << v.status.message();
  const Expected<Checkpoint> nul = reread(edited([](Json& j) { j["optimizer"]["m"][2] = nullptr; }));
  ASSERT_FALSE(nul.ok());
  EXPECT_NE(nul.status.message().find("optimizer/m/2: must be a finite number, got null"), std::string::npos);
  const Expected<Checkpoint> scale = reread(edited([](Json& j) { j["optimizer"]["lr_scale"] = -1; }));
  ASSERT_FALSE(scale.ok());
  EXPECT_NE(scale.status.message().find("optimizer/lr_scale"), std::string::npos) << scale.status.message();
  const Expected<Checkpoint> step = reread(edited([](Json& j) { j["step"] = -3; }));
  ASSERT_FALSE(step.ok());
  EXPECT_NE(step.status.message().find("step: -3 is out of range"), std::string::npos) << step.status.message();
  const Expected<Checkpoint> batch = reread(edited([](Json& j) { j["training"]["batch"] = 2.5; }));
  ASSERT_FALSE(batch.ok());
  EXPECT_NE(batch.status.message().find("training/batch: must be an integer"), std::string::npos);
}

TEST(FamilyCheckpointErrors, TheRealNvpTrainerRefusesAFamilyModel) {
  FamilyTrainer t(small(FamilyKind::Maf));
  const Expected<Checkpoint> cp = reread(familyCheckpointText(t).value);
  ASSERT_TRUE(cp.ok());
  const Expected<std::unique_ptr<Trainer>> fast = trainerFromCheckpoint(cp.value);
  EXPECT_FALSE(fast.ok());
  EXPECT_NE(fast.status.message().find("maf"), std::string::npos) << fast.status.message();
}

TEST(FamilyTrainingScene, ACheckpointWithALessonsFieldsReadsAsATrainingScene) {
  FamilyTrainer t(small(FamilyKind::Glow));
  t.step(4);
  Json j = Json::parse(familyCheckpointText(t).value);
  j["title"] = "Glow";
  j["chapter"] = 6;
  j["description"] = "One. Two. Three.";
  const Expected<TrainingScene> scene = parseTrainingScene(j.dump(2), "glow.json");
  ASSERT_TRUE(scene.ok()) << scene.status.message();
  ASSERT_TRUE(scene.value.family.has_value());
  EXPECT_EQ(scene.value.family->kind, FamilyKind::Glow);
  ASSERT_TRUE(scene.value.weights.has_value());
  EXPECT_EQ(scene.value.weights->familyState.step, 4);
  const std::string described = describeTrainingScene(scene.value);
  EXPECT_NE(described.find("glow: 2 layers, hidden 8"), std::string::npos) << described;
  EXPECT_NE(described.find("trained weights at step 4"), std::string::npos) << described;
  // Written back (the Training view's save of a lesson): the same scene, no RealNVP "architecture".
  const Expected<Json> back = trainingSceneToJson(scene.value);
  ASSERT_TRUE(back.ok()) << back.status.message();
  EXPECT_FALSE(back.value["training"].contains("architecture"));
  EXPECT_EQ(back.value.dump(2), j.dump(2));

  // Settings only: a "family" block with no layers.
  Json settings = Json::parse(R"({"dim": 2, "title": "NSF", "chapter": 6, "training": {"dataset": "moons"},
                                  "family": {"kind": "nsf", "layers": 4, "hidden": 16, "bins": 6}})");
  const Expected<TrainingScene> s = parseTrainingScene(settings.dump(), "nsf.json");
  ASSERT_TRUE(s.ok()) << s.status.message();
  ASSERT_TRUE(s.value.family.has_value());
  EXPECT_EQ(s.value.family->bins, 6);
  settings["family"]["solver_steps"] = 4;
  const Expected<TrainingScene> bad = parseTrainingScene(settings.dump(2), "nsf.json");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status.message().find("family/solver_steps: a nsf has no"), std::string::npos) << bad.status.message();
}

}  // namespace
}  // namespace flowlab
