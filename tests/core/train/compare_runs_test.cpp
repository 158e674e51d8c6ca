// The Compare view's two runs: two TrainingRunners training at the same time, each on its own
// thread, take exactly the steps each takes alone (the panels are the same runs as when opened
// alone), and the difference of their densities is what it says.
#include <gtest/gtest.h>

#include "core/eval/density_difference.h"
#include "core/train/training_runner.h"

namespace flowlab {
namespace {

RunnerOptions small() {
  RunnerOptions o;
  o.scatterPoints = 100;
  o.runningResolution = 24;
  o.pausedResolution = 32;
  o.settleSeconds = 0.02;
  return o;
}

RunConfig realnvp(int layers, std::uint64_t seed) {
  RunConfig r;
  r.config.model.layers = layers;
  r.config.model.hidden = 16;
  r.config.testSize = 512;
  r.config.seed = seed;
  return r;
}

RunConfig maf() {
  RunConfig r = realnvp(2, 1);
  FamilyConfig f;
  f.kind = FamilyKind::Maf;
  f.layers = 2;
  f.hidden = 12;
  r.family = f;
  return r;
}

TEST(CompareRuns, TwoConcurrentRunsTakeTheStepsEachTakesAlone) {
  std::vector<float> aloneA;
  std::vector<double> aloneB;
  {
    TrainingRunner a(realnvp(4, 3), small());
    a.step(120);
    ASSERT_TRUE(a.waitIdle(120.0));
    aloneA = a.snapshot()->params;
  }
  {
    TrainingRunner b(maf(), small());
    b.step(120);
    ASSERT_TRUE(b.waitIdle(120.0));
    aloneB = b.snapshot()->familyParams;
  }
  TrainingRunner a(realnvp(4, 3), small()), b(maf(), small());
  a.step(120);
  b.step(120);
  ASSERT_TRUE(a.waitIdle(120.0, true));
  ASSERT_TRUE(b.waitIdle(120.0, true));
  EXPECT_EQ(a.snapshot()->params, aloneA);
  EXPECT_EQ(b.snapshot()->familyParams, aloneB);
  // Their densities on the same grid: A − B is minus B − A, A − A is zero, and it is the difference
  // of the two log-densities cell by cell.
  const auto fa = a.snapshot()->fields, fb = b.snapshot()->fields;
  ASSERT_TRUE(fa && fb && fa->density.ok() && fb->density.ok());
  const Expected<DensityDifference> ab = densityDifference(fa->density.value, fb->density.value);
  const Expected<DensityDifference> ba = densityDifference(fb->density.value, fa->density.value);
  const Expected<DensityDifference> aa = densityDifference(fa->density.value, fa->density.value);
  ASSERT_TRUE(ab.ok() && ba.ok() && aa.ok()) << ab.status.message();
  EXPECT_EQ(ab.value.logRatio, -ba.value.logRatio);
  EXPECT_EQ(aa.value.logRatio.cwiseAbs().maxCoeff(), 0.0);
  EXPECT_EQ(aa.value.maxAbs, 0.0);
  EXPECT_GT(ab.value.maxAbs, 0.0);
  for (Eigen::Index i = 0; i < ab.value.logRatio.size(); i += 37)
    EXPECT_DOUBLE_EQ(ab.value.logRatio(i), fa->density.value.logProb(i) - fb->density.value.logProb(i));
}

TEST(CompareRuns, DensitiesOnDifferentGridsAreNotCompared) {
  DensityGrid a, b;
  a.grid.width = a.grid.height = 4;
  b.grid.width = b.grid.height = 5;
  a.logProb = a.density = Vector::Zero(16);
  b.logProb = b.density = Vector::Zero(25);
  EXPECT_FALSE(densityDifference(a, b).ok());
  b = a;
  b.grid.rect.xMax = 5;
  EXPECT_FALSE(densityDifference(a, b).ok());
}

}  // namespace
}  // namespace flowlab
