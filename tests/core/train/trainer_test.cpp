#include "core/train/trainer.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <numbers>
#include <thread>

namespace flowlab {
namespace {

TrainerConfig smallConfig(std::uint64_t seed = 0, int threads = 1) {
  TrainerConfig c;
  c.model.hidden = 16;
  c.testSize = 4096;
  c.seed = seed;
  c.threads = threads;
  return c;
}

TEST(Trainer, UntrainedTestNllIsTheGaussianBaseline) {
  TrainerConfig c = smallConfig();
  c.testSize = 200000;
  Trainer t(c);
  EXPECT_NEAR(t.testNll(), std::log(2 * std::numbers::pi * std::numbers::e), 0.01);
  EXPECT_TRUE(std::isnan(t.trainNll()));
  EXPECT_NEAR(t.entropyFloor(), 1.129, 0.01);
}

TEST(Trainer, SameSeedAndThreadsGiveIdenticalCurves) {
  for (int threads : {1, 2}) {
    Trainer a(smallConfig(7, threads)), b(smallConfig(7, threads)), c(smallConfig(8, threads));
    a.step(40);
    b.step(25);
    b.step(15);  // how the steps are split into calls does not matter
    c.step(40);
    ASSERT_EQ(a.curve().size(), 40u);
    EXPECT_EQ(a.curve(), b.curve()) << threads << " threads";
    EXPECT_EQ(a.state().params, b.state().params);
    EXPECT_NE(a.curve(), c.curve());
  }
  // Thread count changes only the summation order of the same batch.
  Trainer one(smallConfig(3, 1)), two(smallConfig(3, 2));
  one.step(1);
  two.step(1);
  EXPECT_NEAR(one.curve()[0], two.curve()[0], 1e-5);
}

TEST(Trainer, ShortTrainingRunLowersTheTestNll) {
  TrainerConfig c;  // the defaults, on a shorter schedule
  c.seed = 1;
  c.testSize = 4096;
  c.schedule.total = 300;
  Trainer t(c);
  t.step(300);
  EXPECT_EQ(t.stepCount(), 300);
  EXPECT_LT(t.testNll(), 1.6);  // from 2.84; the floor is 1.13
  EXPECT_LT(t.trainNll(), 1.7);
  EXPECT_EQ(t.nonFiniteEvents(), 0);
}

// An update that overflows float is discarded: parameters bit-identical, event counted, lr halved.
TEST(Trainer, NonFiniteUpdateIsRolledBack) {
  Trainer t(smallConfig(2));
  t.step(20);
  const VectorT<float> before = t.state().params;
  const double lrBefore = t.currentLearningRate();
  t.setLearningRate(1e45);  // the float step size is inf
  const StepReport r = t.step(1);
  EXPECT_EQ(r.accepted, 0);
  EXPECT_EQ(r.rolledBack, 1);
  EXPECT_EQ(t.nonFiniteEvents(), 1);
  EXPECT_EQ(t.stepCount(), 20);
  EXPECT_EQ(t.state().params, before);
  EXPECT_TRUE(t.snapshot().params == std::vector<float>(before.data(), before.data() + before.size()));
  t.setLearningRate(TrainerConfig{}.learningRate);
  EXPECT_NEAR(t.currentLearningRate(), 0.5 * lrBefore, 1e-12 * lrBefore);
}

// A finite but huge update whose LOSS is non-finite is found on the next step and undone.
TEST(Trainer, UpdateMakingTheLossNonFiniteIsRolledBack) {
  Trainer t(smallConfig(2));
  t.step(20);
  const VectorT<float> before = t.state().params;
  t.setLearningRate(1e37);  // finite in float: parameters ~1e37, activations overflow
  const StepReport huge = t.step(1);
  ASSERT_EQ(huge.accepted, 1);
  EXPECT_TRUE(t.state().params.allFinite());
  t.setLearningRate(1e-3);
  const StepReport next = t.step(1);
  EXPECT_EQ(next.rolledBack, 1);
  EXPECT_EQ(next.accepted, 0);
  EXPECT_EQ(t.nonFiniteEvents(), 1);
  EXPECT_EQ(t.stepCount(), 20);
  EXPECT_EQ(t.curve().size(), 20u);
  EXPECT_EQ(t.state().params, before);  // bit-identical: the previous slot is restored, not recomputed
}

TEST(Trainer, RestoredStateContinuesIdentically) {
  Trainer a(smallConfig(4));
  a.step(30);
  const TrainerState saved = a.state();
  a.step(20);
  Trainer b(smallConfig(4));
  ASSERT_TRUE(b.restore(saved).ok());
  b.step(20);
  EXPECT_EQ(a.state().params, b.state().params);
  EXPECT_EQ(std::vector<float>(a.curve().end() - 20, a.curve().end()), b.curve());
  EXPECT_EQ(a.trainNll(), b.trainNll());
  TrainerState bad = saved;
  bad.params(3) = std::nanf("");
  EXPECT_FALSE(b.restore(bad).ok());
}

TEST(Trainer, ResetAndReseed) {
  Trainer t(smallConfig(5));
  t.step(10);
  const std::vector<float> first = t.curve();
  t.reset();
  EXPECT_EQ(t.stepCount(), 0);
  t.step(10);
  EXPECT_EQ(t.curve(), first);
  t.reseed(6);
  t.step(10);
  EXPECT_NE(t.curve(), first);
}

// Snapshots taken from another thread while training are always complete and finite.
TEST(Trainer, SnapshotIsSafeWhileTraining) {
  Trainer t(smallConfig(9));
  std::atomic<bool> done{false};
  long long lastStep = 0;
  bool ok = true;
  std::thread reader([&] {
    while (!done) {
      const TrainerSnapshot s = t.snapshot();
      ok = ok && s.params.size() == size_t(t.model().paramCount()) && s.step >= lastStep;
      for (float v : s.params) ok = ok && std::isfinite(v);
      lastStep = s.step;
    }
  });
  t.step(300);
  done = true;
  reader.join();
  EXPECT_TRUE(ok);
  EXPECT_EQ(t.snapshot().step, 300);
}

TEST(Trainer, RejectsBadConfigs) {
  TrainerConfig c;
  EXPECT_TRUE(validateTrainerConfig(c).ok());
  c.batch = 1;
  EXPECT_FALSE(validateTrainerConfig(c).ok());
  c = TrainerConfig{};
  c.learningRate = 0;
  EXPECT_FALSE(validateTrainerConfig(c).ok());
}

}  // namespace
}  // namespace flowlab
