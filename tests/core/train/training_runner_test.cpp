// TrainingRunner: a Trainer on its own thread. Determinism against Trainer::step, the stop
// conditions (end of schedule, step limit, early stopping). The stress test is in
// training_runner_threads_test.cpp (label threads).
#include "core/train/training_runner.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <random>
#include <thread>

#include <filesystem>

#include "core/train/checkpoint.h"
#include "core/train/flow_export.h"

namespace flowlab {
namespace {

TrainerConfig smallConfig(std::uint64_t seed = 0) {
  TrainerConfig c;
  c.model.hidden = 16;
  c.model.layers = 4;
  c.testSize = 2048;
  c.seed = seed;
  c.schedule.total = 2000;
  return c;
}

RunnerOptions smallOptions() {
  RunnerOptions o;
  o.scatterPoints = 200;
  o.runningResolution = 16;
  o.pausedResolution = 24;
  o.settleSeconds = 0.02;
  return o;
}

std::vector<float> trainedParams(const TrainerConfig& c, int steps, double lr = -1) {
  Trainer t(c);
  if (lr > 0) t.setLearningRate(lr);
  t.step(steps);
  return std::vector<float>(t.state().params.data(), t.state().params.data() + t.state().params.size());
}

void sleepMs(int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }

TEST(TrainingRunner, StepsGiveTheSameParametersAsTheTrainer) {
  const TrainerConfig c = smallConfig(3);
  TrainingRunner r(c, smallOptions());
  r.step(37);
  r.step(63);
  ASSERT_TRUE(r.waitIdle());
  const auto s = r.snapshot();
  EXPECT_EQ(s->step, 100);
  EXPECT_EQ(s->params, trainedParams(c, 100)) << "the runner's extras changed the arithmetic";
  // The test NLL was sampled during the Step requests (every 100 steps) and at the end.
  EXPECT_EQ(s->testStep, 100);
  ASSERT_GE(s->test.steps.size(), 2u);
  EXPECT_EQ(s->test.steps.front(), 0.0);
  EXPECT_EQ(s->test.steps.back(), 100.0);
  ASSERT_TRUE(s->fields);
  EXPECT_EQ(s->fields->step, 100);
  ASSERT_TRUE(s->fields->density.ok()) << s->fields->density.status.message();
  ASSERT_TRUE(s->fields->latent.ok());
  // The latent points are f⁻¹ of the scatter: the exported generic flow agrees.
  const Expected<Transformed> z = exportRealNvp(c.model, s->params).inverse(*s->dataPoints);
  ASSERT_TRUE(z.ok());
  ASSERT_EQ(s->fields->latent.value.rows(), 200);
  EXPECT_LT((s->fields->latent.value - z.value.value).cwiseAbs().maxCoeff(), 1e-4);
  EXPECT_GT((s->fields->latent.value - *s->dataPoints).cwiseAbs().maxCoeff(), 0.05) << "100 steps moved nothing";
  // Samples are f of the base points: pulled back, they return to the base points.
  ASSERT_TRUE(s->fields->samples.ok());
  const Expected<Transformed> back = exportRealNvp(c.model, s->params).inverse(s->fields->samples.value);
  ASSERT_TRUE(back.ok());
  EXPECT_LT((back.value.value - *s->basePoints).cwiseAbs().maxCoeff(), 1e-9);
  // Idle at full resolution: the layer-by-layer pull-back, from the data to z.
  ASSERT_TRUE(r.waitIdle(60.0, true));
  const auto full = r.snapshot();
  ASSERT_EQ(full->fields->stages.size(), size_t(c.model.layers + 1));
  EXPECT_LT((full->fields->stages.front() - *full->dataPoints).cwiseAbs().maxCoeff(), 1e-12);
  EXPECT_LT((full->fields->stages.back() - full->fields->latent.value).cwiseAbs().maxCoeff(), 1e-4);
}

TEST(TrainingRunner, RunningThenPausingMatchesTheTrainerAtTheSameStep) {
  const TrainerConfig c = smallConfig(4);
  TrainingRunner r(c, smallOptions());
  r.run();
  while (r.snapshot()->step < 30) sleepMs(1);
  r.pause();
  ASSERT_TRUE(r.waitIdle());
  const long long k = r.snapshot()->step;
  ASSERT_GE(k, 30);
  sleepMs(50);
  EXPECT_EQ(r.snapshot()->step, k) << "a paused runner stepped";
  r.step(10);
  ASSERT_TRUE(r.waitIdle());
  EXPECT_EQ(r.snapshot()->params, trainedParams(c, int(k) + 10));
  EXPECT_FALSE(r.snapshot()->running);
}

TEST(TrainingRunner, RunStopsAtTheEndOfTheScheduleAndRunAgainStartsANewOne) {
  TrainerConfig c = smallConfig(5);
  c.schedule.warmup = 10;
  c.schedule.total = 60;
  TrainingRunner r(c, smallOptions());
  r.run();
  ASSERT_TRUE(r.waitIdle());
  auto s = r.snapshot();
  EXPECT_EQ(s->step, 60);
  EXPECT_EQ(s->stopped, StopReason::ScheduleEnd);
  EXPECT_EQ(s->learningRate, 0.0) << "the cosine ends at 0";
  EXPECT_EQ(s->params, trainedParams(c, 60));
  r.run();
  ASSERT_TRUE(r.waitIdle());
  s = r.snapshot();
  EXPECT_EQ(s->step, 120);
  EXPECT_EQ(s->scheduleStart, 60);
  EXPECT_EQ(s->scheduleEnd, 120);
  // The second schedule warmed up again: Trainer with the same restart gives the same parameters.
  Trainer t(c);
  t.step(60);
  t.restartSchedule();
  EXPECT_NEAR(t.currentLearningRate(), c.learningRate / 10.0, 1e-15);
  t.step(60);
  EXPECT_EQ(s->params, std::vector<float>(t.state().params.data(), t.state().params.data() + t.state().params.size()));
}

TEST(TrainingRunner, StopAtAStepLimit) {
  TrainingRunner r(smallConfig(6), smallOptions());
  r.setStopAt(25);
  r.run();
  ASSERT_TRUE(r.waitIdle());
  EXPECT_EQ(r.snapshot()->step, 25);
  EXPECT_EQ(r.snapshot()->stopped, StopReason::StepLimit);
  r.setStopAt(40);
  r.run();
  ASSERT_TRUE(r.waitIdle());
  EXPECT_EQ(r.snapshot()->step, 40);
}

TEST(TrainingRunner, EarlyStoppingKeepsTheBestParametersAndRestoresThem) {
  RunnerOptions o = smallOptions();
  o.minExtraInterval = 0.01;
  TrainingRunner r(smallConfig(7), o);
  r.step(40);
  ASSERT_TRUE(r.waitIdle());
  const auto best = r.snapshot();
  // With a learning rate of 0 the parameters stay put: the test NLL can only tie, never improve.
  r.setLearningRate(1e-300);
  r.setEarlyStopping(3);
  r.run();
  ASSERT_TRUE(r.waitIdle());
  auto s = r.snapshot();
  EXPECT_EQ(s->stopped, StopReason::EarlyStop) << s->message;
  EXPECT_GT(s->step, 40);
  EXPECT_EQ(s->bestStep, 40);
  EXPECT_EQ(s->bestTestNll, best->testNll);
  r.restoreBest();
  ASSERT_TRUE(r.waitIdle());
  s = r.snapshot();
  EXPECT_EQ(s->step, 40);
  EXPECT_EQ(s->params, best->params);
}

TEST(TrainingRunner, ThrottledRunTakesAtMostTheRequestedRate) {
  TrainingRunner r(smallConfig(8), smallOptions());
  r.setSpeed(20.0);
  const auto t0 = std::chrono::steady_clock::now();
  r.run();
  // Waits for a few steps rather than a fixed time: a loaded machine may take a while for the first.
  for (int i = 0; i < 6000 && r.snapshot()->step < 4; ++i) sleepMs(10);
  r.pause();
  ASSERT_TRUE(r.waitIdle());
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  // An upper bound only: at most one step per 50 ms, plus the first.
  EXPECT_GE(r.snapshot()->step, 4);
  EXPECT_LE(r.snapshot()->step, std::llround(elapsed * 20.0) + 2);
}

// Save at step 30 through the file format, train on to 50, open the file: step, parameters and
// optimizer come back, and 20 more steps land bit for bit where the unbroken run did.
TEST(TrainingRunner, LoadRestoresASavedModelAndContinuesBitIdentically) {
  const TrainerConfig c = smallConfig(5);
  const std::string path = (std::filesystem::temp_directory_path() / "flowlab-runner-load-test.json").string();
  TrainingRunner r(c, smallOptions());
  r.step(30);
  ASSERT_TRUE(r.waitIdle());  // a Step request queues steps: the save would come first otherwise
  r.save(path);
  r.step(20);
  ASSERT_TRUE(r.waitIdle());
  const auto before = r.snapshot();
  ASSERT_EQ(before->saveError, "");
  ASSERT_EQ(before->step, 50);
  const Expected<SceneFile> scene = loadSceneFile(path);
  ASSERT_TRUE(scene.ok()) << scene.status.message();
  const Expected<Checkpoint> cp = readCheckpoint(scene.value);
  ASSERT_TRUE(cp.ok()) << cp.status.message();
  r.load(std::make_shared<const Checkpoint>(cp.value));
  ASSERT_TRUE(r.waitIdle());
  auto s = r.snapshot();
  EXPECT_EQ(s->generation, before->generation + 1) << "a new run";
  EXPECT_EQ(s->step, 30);
  EXPECT_FALSE(s->running) << "paused";
  EXPECT_EQ(s->params, trainedParams(c, 30));
  EXPECT_EQ(s->message, "");
  // The curves restart at the loaded step.
  ASSERT_FALSE(s->test.steps.empty());
  EXPECT_EQ(s->test.steps.front(), 30.0);
  ASSERT_FALSE(s->train.steps.empty());
  EXPECT_EQ(s->train.steps.front(), 30.0);
  r.step(20);
  ASSERT_TRUE(r.waitIdle());
  s = r.snapshot();
  EXPECT_EQ(s->step, 50);
  EXPECT_EQ(s->params, before->params) << "continuing from the file = never having stopped";
  EXPECT_EQ(s->params, trainedParams(c, 50));
  std::filesystem::remove(path);
}

TEST(TrainingRunner, ABadCheckpointKeepsTheCurrentRunAndSaysWhy) {
  const TrainerConfig c = smallConfig(6);
  TrainingRunner r(c, smallOptions());
  r.step(10);
  ASSERT_TRUE(r.waitIdle());
  const auto before = r.snapshot();
  // Parameters of the wrong size for the architecture: Trainer::restore refuses them.
  Trainer t(c);
  auto bad = std::make_shared<Checkpoint>(Checkpoint{c, t.state()});
  bad->state.params.resize(3);
  r.load(bad);
  // An invalid config is refused before any trainer is built.
  auto invalid = std::make_shared<Checkpoint>(Checkpoint{c, t.state()});
  invalid->config.batch = 0;
  ASSERT_TRUE(r.waitIdle());
  auto s = r.snapshot();
  EXPECT_EQ(s->generation, before->generation);
  EXPECT_EQ(s->step, 10);
  EXPECT_EQ(s->params, before->params);
  EXPECT_EQ(s->message.rfind("Open model: ", 0), 0u) << s->message;
  EXPECT_NE(s->message.find("(the current model stays)"), std::string::npos) << s->message;
  r.load(invalid);
  ASSERT_TRUE(r.waitIdle());
  s = r.snapshot();
  EXPECT_EQ(s->generation, before->generation);
  EXPECT_EQ(s->params, before->params);
  EXPECT_NE(s->message.find("batch"), std::string::npos) << s->message;
  // And it still trains as before.
  r.step(5);
  ASSERT_TRUE(r.waitIdle());
  EXPECT_EQ(r.snapshot()->params, trainedParams(c, 15));
}

}  // namespace
}  // namespace flowlab
