// Training scenes: the settings form and the with-weights (checkpoint) form read, write and read
// back to the same config and state; errors name the field and its line:column.
#include "core/train/training_scene.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

namespace flowlab {
namespace {

const char* kMoons = R"({
  "version": 1,
  "dim": 2,
  "title": "Two moons",
  "chapter": 5,
  "description": "The seed's chapter 5.",
  "training": {
    "dataset": "moons",
    "noise": 0.05,
    "architecture": {"layers": 4, "hidden": 16, "depth": 3, "activation": "relu", "log_scale_bound": 1.5},
    "batch": 128,
    "learning_rate": 0.004,
    "schedule": "constant",
    "warmup_steps": 50,
    "schedule_steps": 700,
    "final_lr_fraction": 0.1,
    "test_size": 1024,
    "seed": 7
  },
  "optimizer": {"type": "adam", "beta1": 0.8, "beta2": 0.99, "clip_norm": 2.5}
})";

TEST(TrainingScene, ReadsEverySettingOfTheSettingsForm) {
  const Expected<TrainingScene> t = parseTrainingScene(kMoons, "moons.json");
  ASSERT_TRUE(t.ok()) << t.status.message();
  const TrainingScene& s = t.value;
  EXPECT_EQ(s.title, "Two moons");
  EXPECT_EQ(s.chapter, 5);
  EXPECT_EQ(s.description, "The seed's chapter 5.");
  EXPECT_FALSE(s.weights);
  const TrainerConfig& c = s.config;
  EXPECT_EQ(c.data.kind, DatasetKind::Moons);
  EXPECT_EQ(c.data.noise, 0.05);
  EXPECT_EQ(c.model, (RealNvpConfig{4, 16, 3, Activation::Relu, 1.5}));
  EXPECT_EQ(c.batch, 128);
  EXPECT_EQ(c.learningRate, 0.004);
  EXPECT_EQ(c.schedule, (LrSchedule{LrScheduleKind::Constant, 50, 700, 0.1}));
  EXPECT_EQ(c.testSize, 1024);
  EXPECT_EQ(c.seed, 7u);
  EXPECT_EQ(c.adam.beta1, 0.8);
  EXPECT_EQ(c.adam.beta2, 0.99);
  EXPECT_EQ(c.adam.epsilon, AdamConfig{}.epsilon) << "absent: the default";
  EXPECT_EQ(c.adam.clipNorm, 2.5);
}

TEST(TrainingScene, AbsentFieldsAreTheCommandLinesDefaults) {
  const Expected<TrainingScene> t = parseTrainingScene(R"({"training": {}})", "min.json");
  ASSERT_TRUE(t.ok()) << t.status.message();
  TrainerConfig cli;
  cli.data.noise = 0.05;  // resolved
  EXPECT_EQ(t.value.config.model, cli.model);
  EXPECT_EQ(t.value.config.data, cli.data);
  EXPECT_EQ(t.value.config.schedule, cli.schedule);
  EXPECT_EQ(t.value.config.batch, cli.batch);
  EXPECT_EQ(t.value.config.learningRate, cli.learningRate);
  EXPECT_EQ(t.value.config.adam.clipNorm, cli.adam.clipNorm);
  EXPECT_EQ(t.value.chapter, 0);
}

void expectSameConfig(const TrainerConfig& a, const TrainerConfig& b) {
  EXPECT_EQ(a.data, b.data);
  EXPECT_EQ(a.model, b.model);
  EXPECT_EQ(a.batch, b.batch);
  EXPECT_EQ(a.learningRate, b.learningRate);
  EXPECT_EQ(a.schedule, b.schedule);
  EXPECT_EQ(a.adam.beta1, b.adam.beta1);
  EXPECT_EQ(a.adam.beta2, b.adam.beta2);
  EXPECT_EQ(a.adam.epsilon, b.adam.epsilon);
  EXPECT_EQ(a.adam.clipNorm, b.adam.clipNorm);
  EXPECT_EQ(a.testSize, b.testSize);
  EXPECT_EQ(a.seed, b.seed);
  EXPECT_EQ(a.threads, b.threads);
  EXPECT_EQ(a.trainNllSmoothing, b.trainNllSmoothing);
}

TEST(TrainingScene, SettingsFormRoundTrips) {
  const Expected<TrainingScene> t = parseTrainingScene(kMoons, "moons.json");
  ASSERT_TRUE(t.ok());
  const Expected<Json> j = trainingSceneToJson(t.value);
  ASSERT_TRUE(j.ok()) << j.status.message();
  EXPECT_FALSE(j.value.contains("layers")) << "no weights, no layers";
  const Expected<TrainingScene> back = parseTrainingScene(j.value.dump(2), "written.json");
  ASSERT_TRUE(back.ok()) << back.status.message() << "\n" << j.value.dump(2);
  EXPECT_EQ(back.value.title, "Two moons");
  EXPECT_EQ(back.value.chapter, 5);
  EXPECT_EQ(back.value.description, t.value.description);
  EXPECT_FALSE(back.value.weights);
  expectSameConfig(back.value.config, t.value.config);
}

// With weights: a trained model (every built-in dataset, so the no-noise ones too) written as a
// training scene reads back to the same step, parameters and optimizer moments, bit for bit.
TEST(TrainingScene, WithWeightsFormRoundTripsTheCheckpointBitForBit) {
  for (const std::string& name : datasetNames()) {
    SCOPED_TRACE(name);
    TrainerConfig c;
    c.data = Dataset::make(name).value.spec();
    c.model.layers = 2;
    c.model.hidden = 8;
    c.testSize = 256;
    c.seed = 3;
    Trainer trainer(c);
    trainer.step(12);
    TrainingScene scene;
    scene.title = "trained " + name;
    scene.chapter = 5;
    scene.config = trainer.config();
    scene.weights = Checkpoint{trainer.config(), trainer.state()};
    const std::string path = (std::filesystem::temp_directory_path() / ("flowlab-training-scene-" + name + ".json")).string();
    ASSERT_TRUE(saveTrainingScene(scene, path).ok());
    const Expected<TrainingScene> back = loadTrainingScene(path);
    ASSERT_TRUE(back.ok()) << back.status.message();
    ASSERT_TRUE(back.value.weights);
    EXPECT_EQ(back.value.title, scene.title);
    EXPECT_EQ(back.value.chapter, 5);
    expectSameConfig(back.value.config, trainer.config());
    const TrainerState& s = back.value.weights->state;
    EXPECT_EQ(s.step, 12);
    EXPECT_EQ(s.params, trainer.state().params);
    EXPECT_EQ(s.adam.m, trainer.state().adam.m);
    EXPECT_EQ(s.adam.v, trainer.state().adam.v);
    EXPECT_EQ(s.emaRaw, trainer.state().emaRaw);
    // It is a checkpoint too: the 2D lab's reader and readCheckpoint take it.
    const Expected<SceneFile> flow = loadSceneFile(path);
    ASSERT_TRUE(flow.ok()) << flow.status.message();
    EXPECT_EQ(flow.value.flow.layerCount(), 2);
    std::filesystem::remove(path);
  }
}

// Found by the training_scene fuzzer: a scene with weights and no title came back titled with
// the checkpoint's generated name ("RealNVP on moons ...").
TEST(TrainingScene, AnUntitledSceneWithWeightsStaysUntitled) {
  TrainerConfig c;
  c.model.layers = 2;
  c.model.hidden = 4;
  c.testSize = 64;
  Trainer trainer(c);
  TrainingScene scene;
  scene.config = trainer.config();
  scene.weights = Checkpoint{trainer.config(), trainer.state()};
  const Expected<Json> j = trainingSceneToJson(scene);
  ASSERT_TRUE(j.ok());
  const Expected<TrainingScene> back = parseTrainingScene(j.value.dump(2), "untitled.json");
  ASSERT_TRUE(back.ok()) << back.status.message();
  EXPECT_EQ(back.value.title, "");
}

TEST(TrainingScene, AnArchitectureThatContradictsTheLayersIsAnError) {
  TrainerConfig c;
  c.model.layers = 2;
  c.model.hidden = 8;
  c.testSize = 64;
  Trainer trainer(c);
  TrainingScene scene;
  scene.config = c;
  scene.weights = Checkpoint{trainer.config(), trainer.state()};
  Expected<Json> j = trainingSceneToJson(scene);
  ASSERT_TRUE(j.ok());
  j.value["training"]["architecture"]["hidden"] = 32;
  const Expected<TrainingScene> back = parseTrainingScene(j.value.dump(2), "bad.json");
  ASSERT_FALSE(back.ok());
  EXPECT_NE(back.status.message().find("does not match the layers"), std::string::npos) << back.status.message();
  EXPECT_TRUE(std::regex_search(back.status.message(), std::regex("^bad\\.json:[0-9]+:[0-9]+: ")))
      << back.status.message();
}

struct BadCase {
  const char* text;
  const char* where;   // "line:col" of the offending value
  const char* reason;  // a piece of the message
};

TEST(TrainingScene, ErrorsNameTheFieldAndItsPosition) {
  const BadCase cases[] = {
      // Wrong types.
      {"{\"training\": {\n  \"batch\": \"many\"}}", "2:12", "training/batch: must be an integer"},
      {"{\"training\": {\n  \"architecture\": {\"layers\": 2.5}}}", "2:30", "\"layers\" must be an integer"},
      {"{\"training\": {\"dataset\": 5}}", "1:26", "training/dataset: must be a string"},
      {"{\"title\": 3, \"training\": {}}", "1:11", "\"title\" must be a string"},
      {"{\"training\": []}", "1:14", "\"training\" must be a JSON object"},
      {"{\"training\": {},\n \"optimizer\": {\"beta1\": \"x\"}}", "2:25", "optimizer/beta1: must be a number"},
      // Out of range.
      {"{\"training\": {\"learning_rate\": -1}}", "1:32", "training/learning_rate: -1 is out of range"},
      {"{\"training\": {\"noise\": 2}}", "1:24", "training/noise"},
      {"{\"training\": {\"architecture\": {\"hidden\": 5000}}}", "1:42", "\"hidden\" must be in [1, 1024]"},
      {"{\"training\": {\"architecture\": {\"log_scale_bound\": 0}}}", "1:51", "\"log_scale_bound\" must be in (0, 20]"},
      {"{\"chapter\": 9, \"training\": {}}", "1:13", "\"chapter\" must be in [1, 6]"},
      {"{\"training\": {\"batch\": 1}}", "1:14", "batch must be >= 2"},
      {"{\"training\": {}, \"optimizer\": {\"beta2\": 1}}", "1:41", "optimizer/beta2: 1 is out of range"},
      // Unknown names.
      {"{\"training\": {\"dataset\": \"bananas\"}}", "1:26", "unknown dataset 'bananas'"},
      {"{\"training\": {\"hiden\": 3}}", "1:24", "unknown field \"hiden\""},
      {"{\"training\": {\"architecture\": {\"activation\": \"gelu\"}}}", "1:46", "\"activation\" must be \"tanh\" or \"relu\""},
      {"{\"training\": {\"schedule\": \"linear\"}}", "1:27", "training/schedule"},
      {"{\"training\": {}, \"optimizer\": {\"type\": \"sgd\"}}", "1:40", "must be \"adam\""},
      // State without weights, and the wrong form.
      {"{\"training\": {}, \"optimizer\": {\"m\": [1]}}", "1:37", "unknown field \"m\""},
      {"{\"training\": {}, \"step\": 3}", "1:26", "\"step\" belongs to a scene with weights"},
      {"{\"dim\": 1, \"training\": {}}", "1:9", "\"dim\" must be 2"},
      {"{\"dim\": 2, \"layers\": []}", "1:1", "not a training scene"},
      {"{\"dim\": 2, \"training\": {}, \"layers\": []}", "1:38", "not a trainable RealNVP"},
      {"{\"dim\": 2, \"training\": {}, \"layers\": [{\"type\": \"sine\"}]}", "1:48", "layer 1 (sine)"},
      {"{\"training\": {\n", "2:1", "invalid JSON"},
  };
  for (const BadCase& c : cases) {
    SCOPED_TRACE(c.text);
    const Expected<TrainingScene> t = parseTrainingScene(c.text, "s.json");
    ASSERT_FALSE(t.ok());
    const std::string& m = t.status.message();
    EXPECT_EQ(m.rfind(std::string("s.json:") + c.where + ": ", 0), 0u) << m;
    EXPECT_NE(m.find(c.reason), std::string::npos) << m;
  }
}

TEST(TrainingScene, DescribesDatasetArchitectureAndSteps) {
  const Expected<TrainingScene> t = parseTrainingScene(kMoons, "moons.json");
  ASSERT_TRUE(t.ok());
  const std::string d = describeTrainingScene(t.value);
  for (const char* part : {"moons (noise 0.05)", "4 affine couplings", "1 → 16 → 16 → 16 → 2 relu", "700 steps",
                           "batch 128", "seed 7", "no weights"})
    EXPECT_NE(d.find(part), std::string::npos) << part << " in " << d;
}

TEST(TrainingScene, OnlyObjectsWithATrainingFieldAreTrainingScenes) {
  EXPECT_TRUE(isTrainingScene(Json::parse(R"({"training": {}})")));
  EXPECT_FALSE(isTrainingScene(Json::parse(R"({"dim": 2, "layers": []})")));
  EXPECT_FALSE(isTrainingScene(Json::parse(R"([1, 2])")));
}

}  // namespace
}  // namespace flowlab
