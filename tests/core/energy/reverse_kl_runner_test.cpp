// The Energy view's worker: a fit runs to its end on its own thread, publishes what the view draws
// (a target field normalized over the grid, log q on the grid, samples, a log Z history), pauses
// and resumes, and stops when asked.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <thread>

#include "core/energy/reverse_kl_runner.h"

namespace flowlab {
namespace {

ReverseKlRunSettings smallRun(int steps) {
  ReverseKlRunSettings s;
  s.config.flow = "realnvp";
  s.config.knobs.layers = 2;
  s.config.knobs.hidden = 8;
  s.config.schedule.total = steps;
  s.steps = steps;
  s.grid = GridSpec{Rect{-5, 5, -5, 5}, 64, 64};
  s.samples = 200;
  s.estimateEvery = 50;
  s.estimateSamples = 500;
  return s;
}

TEST(ReverseKlRunner, RunsToTheEndAndPublishesWhatTheViewDraws) {
  int lastWakes = 0;
  ReverseKlRunner runner([&](bool last) { lastWakes += last ? 1 : 0; });
  runner.start(smallRun(200), makePresetTarget("banana"));
  runner.wait();
  const ReverseKlRunSnapshot s = runner.snapshot();
  EXPECT_EQ(s.state, ReverseKlRunSnapshot::State::Finished);
  EXPECT_EQ(s.step, 200);
  EXPECT_EQ(int(s.curve.size()), 200);
  EXPECT_EQ(lastWakes, 1);
  // Estimates at the start, every 50 steps and at the end.
  ASSERT_EQ(s.logZHistory.size(), 6u);
  EXPECT_EQ(s.logZHistory.front().step, 0);
  EXPECT_EQ(s.logZHistory.back().step, 200);
  ASSERT_TRUE(s.trueLogZ.has_value());
  ASSERT_TRUE(s.target && s.fields);
  // The target field is a density over the grid: Σ exp · cell area = 1.
  EXPECT_NEAR(s.target->logDensity.array().exp().sum() * s.target->grid.cellArea(), 1.0, 1e-12);
  // Inside [-5, 5]² the banana keeps most of its mass: the grid's log Z is just below the true one.
  EXPECT_LT(s.target->gridLogZ, *s.trueLogZ);
  EXPECT_GT(s.target->gridLogZ, *s.trueLogZ - 0.1);
  EXPECT_EQ(s.fields->step, 200);
  EXPECT_EQ(s.fields->flowLogDensity.size(), 64 * 64);
  EXPECT_TRUE(s.fields->flowLogDensity.allFinite());
  EXPECT_EQ(s.fields->samples.rows(), 200);
  // q is a density too: over the grid it holds at most its full mass.
  const double qMass = s.fields->flowLogDensity.array().exp().sum() * s.fields->grid.cellArea();
  EXPECT_GT(qMass, 0.8);
  EXPECT_LT(qMass, 1.0 + 1e-3);
  // The banana can be sampled: forward KL runs beside it, step for step, with its own fields.
  ASSERT_TRUE(s.forward);
  ASSERT_TRUE(s.forwardFields);
  EXPECT_EQ(s.forwardFields->step, 200);
  EXPECT_EQ(s.forwardFields->samples.rows(), 200);
  EXPECT_TRUE(std::isfinite(s.forwardKl));
  EXPECT_GT(s.forwardFields->flowLogDensity.array().exp().sum() * s.forwardFields->grid.cellArea(), 0.8);
}

TEST(ReverseKlRunner, ATargetWithoutSamplesHasNoForwardFit) {
  ReverseKlRunner runner;
  runner.start(smallRun(20), makePresetTarget("u2"));
  runner.wait();
  EXPECT_FALSE(runner.snapshot().forward);
  EXPECT_FALSE(runner.snapshot().forwardFields);
}

TEST(ReverseKlRunner, PausesResumesAndStops) {
  ReverseKlRunner runner;
  runner.start(smallRun(1000000), makePresetTarget("u1"));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  runner.pause();
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // a chunk in flight finishes
  const long long held = runner.snapshot().step;
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  const ReverseKlRunSnapshot paused = runner.snapshot();
  EXPECT_EQ(paused.state, ReverseKlRunSnapshot::State::Paused);
  EXPECT_EQ(paused.step, held);
  runner.resume();
  for (int i = 0; i < 100 && runner.snapshot().step <= held; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_GT(runner.snapshot().step, held);
  runner.stop();
  const long long stopped = runner.snapshot().step;
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(runner.snapshot().step, stopped);
}

TEST(ReverseKlRunner, ATargetUndefinedEverywhereFailsWithAMessage) {
  ReverseKlRunner runner;
  runner.start(smallRun(500), makeTarget("log(-1 - x^2)").value);
  runner.wait();
  const ReverseKlRunSnapshot s = runner.snapshot();
  EXPECT_EQ(s.state, ReverseKlRunSnapshot::State::Failed);
  EXPECT_NE(s.error.find("not finite"), std::string::npos) << s.error;
  EXPECT_EQ(s.target->nonFinite, 64 * 64);
  for (double p : s.params) EXPECT_TRUE(std::isfinite(p));
}

}  // namespace
}  // namespace flowlab
