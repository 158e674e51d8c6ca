// Importance sampling against cases with known answers.
#include <gtest/gtest.h>

#include <cmath>

#include "core/energy/importance.h"
#include "core/random.h"

namespace flowlab {
namespace {

TEST(Importance, EqualWeightsGiveTheirValueNoErrorAndFullEss) {
  const ImportanceEstimate e = importanceEstimate(Vector::Constant(500, 3.25));
  EXPECT_DOUBLE_EQ(e.logZ, 3.25);
  EXPECT_NEAR(e.logZStderr, 0.0, 1e-12);
  EXPECT_NEAR(e.ess, 500.0, 1e-9);
  EXPECT_EQ(e.samples, 500);
}

// q = N(0, 1), target u = -x²/(2σ²) with σ = 0.8 (narrower than q, so w is bounded): Z = √(2π)·σ;
// the estimate lands within 3 standard errors over several seeds, and ESS/n matches its limit
// E_q[w]² / E_q[w²] = 2πσ² / (√(2π)·√(π / (1/σ² − 1/2))).
TEST(Importance, GaussianProposalRecoversTheNormalizer) {
  const double sigma = 0.8, truth = std::log(std::sqrt(2 * M_PI) * sigma);
  int inside = 0;
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    Rng rng(seed);
    const int n = 20000;
    Vector lw(n);
    for (int i = 0; i < n; ++i) {
      const double x = rng.normal();
      lw(i) = -x * x / (2 * sigma * sigma) - (-0.5 * x * x - 0.5 * std::log(2 * M_PI));
    }
    const ImportanceEstimate e = importanceEstimate(lw);
    if (std::abs(e.logZ - truth) < 3 * e.logZStderr) ++inside;
    const double essFraction = 2 * M_PI * sigma * sigma / (std::sqrt(2 * M_PI) * std::sqrt(M_PI / (1 / (sigma * sigma) - 0.5)));
    EXPECT_NEAR(e.ess / n, essFraction, 0.01);
  }
  EXPECT_GE(inside, 9);
}

TEST(Importance, HugeAndNonFiniteWeightsAreHandled) {
  Vector lw(4);
  lw << 800.0, 800.0, -INFINITY, NAN;
  const ImportanceEstimate e = importanceEstimate(lw);
  EXPECT_EQ(e.samples, 3);
  EXPECT_EQ(e.nonFinite, 1);
  EXPECT_NEAR(e.logZ, 800.0 + std::log(2.0 / 3.0), 1e-12);
  EXPECT_NEAR(e.ess, 2.0, 1e-12);
  const ImportanceEstimate none = importanceEstimate(Vector::Constant(3, -INFINITY));
  EXPECT_EQ(none.logZ, -INFINITY);
}

}  // namespace
}  // namespace flowlab
