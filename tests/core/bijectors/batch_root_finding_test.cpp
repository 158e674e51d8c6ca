// The batch inverses (all points' Newton iterations together, transcendentals in SIMD lanes) take
// the scalar solver's decisions: same roots to 1e-12, including the hard cases (w·u near −1,
// |a·ω| near 1, far points, points that fail).
#include "core/bijectors/batch_root_finding.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/bijectors/planar.h"
#include "core/bijectors/sine_1d.h"
#include "core/random.h"

namespace flowlab {
namespace {

// The scalar solve of the planar inverse along w (the algorithm Planar used point by point).
double scalarPlanarRoot(double wu, double target) {
  const auto g = [wu, target](double a) {
    const double t = std::tanh(a);
    return ValueAndSlope{a + wu * t - target, 1.0 + wu * (1.0 - t * t)};
  };
  const double margin = std::abs(wu) + 1e-9 * std::max(1.0, std::abs(target));
  RootOptions o;
  o.guess = target - wu * std::tanh(target);
  o.useGuess = true;
  const Expected<double> a = findRoot(g, target - margin, target + margin, o);
  return a.ok() ? a.value : std::nan("");
}

TEST(BatchRootFinding, SineInverseMatchesTheScalarSolverPointByPoint) {
  Rng rng(17);
  for (int trial = 0; trial < 40; ++trial) {
    const double omega = 0.2 + 5.0 * rng.uniform();
    const double a = (trial % 4 == 0 ? 0.999 : 0.98 * rng.uniform()) / omega * (rng.uniform() < 0.5 ? -1 : 1);
    const Sine1D f(a, omega, 6.0 * rng.uniform() - 3.0);
    Batch x = rng.normalBatch(300, 1) * 4.0;
    x(0, 0) = 1e6;
    x(1, 0) = -3e4;
    const Transformed batch = f.inverse(x);
    for (int i = 0; i < x.rows(); ++i) {
      double lad = 0;
      const double z = f.inverseScalar(x(i, 0), lad);
      ASSERT_NEAR(batch.value(i, 0), z, 1e-12 * std::max(1.0, std::abs(z))) << "a=" << a << " ω=" << omega << " x=" << x(i, 0);
      ASSERT_NEAR(batch.logAbsDet(i), lad, 1e-9) << x(i, 0);
    }
  }
}

TEST(BatchRootFinding, PlanarInverseMatchesTheScalarSolverPointByPoint) {
  Rng rng(23);
  for (int trial = 0; trial < 40; ++trial) {
    Vector u = rng.normalBatch(1, 2).row(0).transpose(), w = rng.normalBatch(1, 2).row(0).transpose();
    // Every fourth case sits at the edge of invertibility, where g' nearly vanishes.
    if (trial % 4 == 0) u = u - (w.dot(u) + 0.999) / w.squaredNorm() * w;
    const Planar f(u, w, rng.uniform() - 0.5);
    const double wu = w.dot(u);
    const Batch x = rng.normalBatch(300, 2) * 3.0;
    const Transformed batch = f.inverse(x);
    for (int i = 0; i < x.rows(); ++i) {
      const double target = x.row(i).dot(w) + (f.parameters().back().value);
      const double a = scalarPlanarRoot(wu, target);
      const Vector z = x.row(i).transpose() - std::tanh(a) * u;
      ASSERT_LE((batch.value.row(i).transpose() - z).cwiseAbs().maxCoeff(), 1e-11 * std::max(1.0, z.norm()))
          << "w·u = " << wu;
    }
    // And the round trip closes to rounding.
    const Transformed back = f.forward(batch.value);
    EXPECT_LE((back.value - x).cwiseAbs().maxCoeff(), 1e-10);
    EXPECT_LE((back.logAbsDet + batch.logAbsDet).cwiseAbs().maxCoeff(), 1e-9);
  }
}

// A lane whose bracket fails gives NaN there and nowhere else; the rest solve as usual.
TEST(BatchRootFinding, AFailedBracketIsNaNInItsLaneOnly) {
  const auto g = [](const int* lanes, const double* z, double* value, double* slope, int n) {
    for (int j = 0; j < n; ++j) value[j] = z[j] * z[j] * z[j] - (lanes[j] + 1.0), slope[j] = 3 * z[j] * z[j];
  };
  const double lo[4] = {0, 0, 5, 0}, hi[4] = {2, 2, 6, std::numeric_limits<double>::infinity()};
  const double guess[4] = {1, 1, 5.5, 1};
  double root[4];
  findRootsBatch(g, 4, lo, hi, guess, root);
  EXPECT_NEAR(root[0], 1.0, 1e-12);
  EXPECT_NEAR(root[1], std::cbrt(2.0), 1e-12);
  EXPECT_TRUE(std::isnan(root[2]));  // 3 has no cube root in [5, 6]
  EXPECT_TRUE(std::isnan(root[3]));  // an infinite end is not a bracket
}

// With the bracket's signs known, the solver skips the end evaluations and finds the same roots.
TEST(BatchRootFinding, KnownIncreasingBracketGivesTheSameRoots) {
  int calls = 0;
  const auto g = [&calls](const int* lanes, const double* z, double* value, double* slope, int n) {
    ++calls;
    for (int j = 0; j < n; ++j) value[j] = z[j] + 0.5 * std::sin(z[j]) - lanes[j], slope[j] = 1 + 0.5 * std::cos(z[j]);
  };
  double lo[6], hi[6], guess[6], a[6], b[6];
  for (int i = 0; i < 6; ++i) lo[i] = i - 0.6, hi[i] = i + 0.6, guess[i] = i;
  findRootsBatch(g, 6, lo, hi, guess, a);
  const int checked = calls;
  calls = 0;
  findRootsBatch(g, 6, lo, hi, guess, b, RootOptions{}, true);
  EXPECT_EQ(calls, checked - 2);
  for (int i = 0; i < 6; ++i) EXPECT_EQ(a[i], b[i]);
  lo[2] = std::nan("");
  findRootsBatch(g, 6, lo, hi, guess, b, RootOptions{}, true);
  EXPECT_TRUE(std::isnan(b[2]));
  EXPECT_EQ(b[3], a[3]);
}

}  // namespace
}  // namespace flowlab
