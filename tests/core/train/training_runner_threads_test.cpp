// TrainingRunner under stress (label threads): every control flipped 1,000 times at random while
// the runner trains and another thread reads its snapshots.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <random>
#include <thread>

#include "core/train/checkpoint.h"
#include "core/train/training_runner.h"

namespace flowlab {
namespace {

TrainerConfig smallConfig(std::uint64_t seed) {
  TrainerConfig c;
  c.model.hidden = 16;
  c.model.layers = 4;
  c.testSize = 2048;
  c.seed = seed;
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

std::vector<float> trainedParams(const TrainerConfig& c, int steps) {
  Trainer t(c);
  t.step(steps);
  return std::vector<float>(t.state().params.data(), t.state().params.data() + t.state().params.size());
}

void sleepMs(int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }

// 1,000 random controls while the runner trains and another thread reads snapshots: every
// snapshot is complete and finite, versions only grow, and afterwards the runner still gives
// exactly the Trainer's parameters.
TEST(TrainingRunnerThreads, ThousandFlipsWhileTrainingNeverRace) {
  const TrainerConfig c = smallConfig(9);
  TrainingRunner r(c, smallOptions());
  std::atomic<bool> done{false};
  std::atomic<long long> bad{0}, reads{0};
  const size_t paramCount = size_t(RealNvp<float>(c.model).paramCount());
  std::thread reader([&] {
    std::uint64_t lastVersion = 0;
    while (!done) {
      const auto s = r.snapshot();
      if (s->version < lastVersion) ++bad;
      lastVersion = s->version;
      if (s->version > 0 && s->params.size() != paramCount) ++bad;
      for (float v : s->params)
        if (!std::isfinite(v)) ++bad;
      if (s->train.steps.size() != s->train.values.size() || s->step < 0) ++bad;
      ++reads;
    }
  });
  std::mt19937 rng(1);
  for (int i = 0; i < 1000; ++i) {
    switch (rng() % 9) {
      case 0: r.run(); break;
      case 1: r.pause(); break;
      case 2: r.step(1 + int(rng() % 10)); break;
      case 3: r.reset(); break;
      case 4: r.setLearningRate(1e-3 * (1 + rng() % 9)); break;
      case 5: r.setSpeed(rng() % 2 ? 0.0 : 200.0); break;
      case 6: r.setStopAt(static_cast<long long>(rng() % 200)); break;
      case 7: r.refreshFields(); break;
      case 8: if (rng() % 20 == 0) r.rebuild(c); break;
    }
    if (i % 50 == 0) sleepMs(1);
  }
  r.pause();
  r.setSpeed(0.0);
  r.setStopAt(0);
  r.setLearningRate(c.learningRate);
  r.reset();
  r.step(20);
  ASSERT_TRUE(r.waitIdle());
  done = true;
  reader.join();
  EXPECT_EQ(bad.load(), 0);
  EXPECT_GT(reads.load(), 0);
  const auto s = r.snapshot();
  EXPECT_EQ(s->step, 20);
  EXPECT_EQ(s->params, trainedParams(c, 20));
}

// Loads (good and bad checkpoints) posted while the runner trains flat out and another thread
// reads snapshots: no race, every snapshot consistent, and the last load continues exactly.
TEST(TrainingRunnerThreads, LoadWhileTrainingNeverRaces) {
  const TrainerConfig c = smallConfig(4);
  Trainer saved(c);
  saved.step(25);
  const auto good = std::make_shared<const Checkpoint>(Checkpoint{c, saved.state()});
  auto badState = std::make_shared<Checkpoint>(Checkpoint{c, saved.state()});
  badState->state.params.resize(1);
  const std::shared_ptr<const Checkpoint> bad = badState;
  TrainingRunner r(c, smallOptions());
  std::atomic<bool> done{false};
  std::atomic<long long> bad_snapshots{0};
  const size_t paramCount = size_t(RealNvp<float>(c.model).paramCount());
  std::thread reader([&] {
    std::uint64_t lastGeneration = 0;
    while (!done) {
      const auto s = r.snapshot();
      if (s->generation < lastGeneration) ++bad_snapshots;
      lastGeneration = s->generation;
      if (s->version > 0 && s->params.size() != paramCount) ++bad_snapshots;
      for (float v : s->params)
        if (!std::isfinite(v)) ++bad_snapshots;
    }
  });
  std::mt19937 rng(2);
  for (int i = 0; i < 200; ++i) {
    switch (rng() % 4) {
      case 0: r.run(); break;
      case 1: r.load(good); break;
      case 2: r.load(bad); break;
      case 3: r.step(1 + int(rng() % 5)); break;
    }
    if (i % 10 == 0) sleepMs(1);
  }
  r.load(good);
  r.step(15);
  ASSERT_TRUE(r.waitIdle());
  done = true;
  reader.join();
  EXPECT_EQ(bad_snapshots.load(), 0);
  const auto s = r.snapshot();
  EXPECT_EQ(s->step, 40);
  EXPECT_EQ(s->params, trainedParams(c, 40)) << "loaded at 25, 15 more steps";
}

}  // namespace
}  // namespace flowlab
