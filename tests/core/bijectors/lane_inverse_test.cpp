// The lane solver (findRootsInLanes) and the inverses built on it (Planar, Sine1D, and Radial's
// array form) against the earlier point-by-point paths, which stay callable for exactly this:
// the same points to 1e-12 on random batches with hard points mixed in (the edge of
// invertibility, |x| up to 1e12, NaN and inf rows), the same log-dets, round trips that close,
// and a point's result independent of where in a batch it sits.
#include "core/bijectors/batch_root_finding.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "core/bijectors/planar.h"
#include "core/bijectors/radial.h"
#include "core/bijectors/sine_1d.h"
#include "core/bijectors/sinh_arcsinh_1d.h"
#include "core/random.h"

namespace flowlab {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// A random batch of n points in d dims (scale 4) with the hard rows first: far points, a point
// at the origin, NaN and inf in either coordinate.
Batch hardBatch(Rng& rng, int n, int d) {
  Batch x = rng.normalBatch(n, d) * 4.0;
  const double far[] = {1e6, -3e4, 1e12, -1e12, 0.0};
  int row = 0;
  for (double v : far) x.row(row++).setConstant(v);
  x(row++, 0) = std::nan("");
  x(row++, d - 1) = kInf;
  x(row++, 0) = -kInf;
  return x;
}

// Row i of the two results agree: both non-finite where the input row was; else values within
// 1e-12 of each other relative to the point's size, and log-dets within what the root's 1e-12
// can move them: logDetTolerance(i) (the log-det's slope in the root grows like |det J|⁻¹ near
// the edge of invertibility, so there a rounding-level root moves it visibly).
template <class Tolerance>
void expectSameRows(const Transformed& lanes, const Transformed& reference, const Batch& x, const std::string& what,
                    const Tolerance& logDetTolerance) {
  ASSERT_EQ(lanes.value.rows(), reference.value.rows());
  ASSERT_EQ(lanes.value.cols(), reference.value.cols());
  for (int i = 0; i < x.rows(); ++i) {
    SCOPED_TRACE(what + ", row " + std::to_string(i) + " x0 = " + std::to_string(x(i, 0)));
    if (!x.row(i).allFinite()) {
      EXPECT_FALSE(reference.value.row(i).allFinite());  // the reference's treatment, kept
      EXPECT_FALSE(lanes.value.row(i).allFinite());
      EXPECT_EQ(std::isfinite(lanes.logAbsDet(i)), std::isfinite(reference.logAbsDet(i)));
      continue;
    }
    const double scale = std::max(1.0, reference.value.row(i).cwiseAbs().maxCoeff());
    ASSERT_TRUE(lanes.value.row(i).allFinite());
    EXPECT_LE((lanes.value.row(i) - reference.value.row(i)).cwiseAbs().maxCoeff(), 1e-12 * scale);
    const double ld = reference.logAbsDet(i);
    if (!std::isfinite(ld)) {  // a singular point (radial's centre at β = -α without rounding): as before
      EXPECT_EQ(std::isnan(lanes.logAbsDet(i)), std::isnan(ld));
      if (!std::isnan(ld)) EXPECT_EQ(lanes.logAbsDet(i), ld);
      continue;
    }
    EXPECT_NEAR(lanes.logAbsDet(i), ld, 1e-12 * (1.0 + std::abs(ld)) + logDetTolerance(i, std::exp(std::min(std::abs(ld), 700.0))));
  }
}

TEST(LaneInverse, PlanarMatchesThePointByPointSolver) {
  Rng rng(41);
  for (int trial = 0; trial < 60; ++trial) {
    Vector u = rng.normalBatch(1, 2).row(0).transpose(), w = rng.normalBatch(1, 2).row(0).transpose();
    // Every third case sits at the edge of invertibility, where g' nearly (or exactly) vanishes.
    if (trial % 3 == 0) u -= (w.dot(u) + (trial % 2 ? 0.999999 : 0.999)) / w.squaredNorm() * w;
    else if (w.dot(u) < -0.9) u = -u;
    const double b = rng.uniform() - 0.5;
    const Planar f(u, w, b);
    ASSERT_TRUE(f.validate().ok()) << f.validate().message();
    const Batch x = hardBatch(rng, 301 + trial % 8, 2);  // every remainder of the lane blocks
    const Transformed lanes = f.inverse(x), reference = f.inverseWith(x, InverseSolver::PointByPoint);
    // log|det| = -log|1 + (w·u) sech²(a)|: its slope in the root a is at most 2|w·u| |det J|⁻¹.
    const auto tolerance = [&](int i, double inverseDet) {
      const double a = reference.value.row(i).dot(w) + b;
      return 1e-12 * std::max(1.0, std::abs(a)) * 2.0 * std::abs(w.dot(u)) * inverseDet;
    };
    expectSameRows(lanes, reference, x, "w·u = " + std::to_string(w.dot(u)), tolerance);
    expectSameRows(f.inverseWith(x, InverseSolver::Gathered), lanes, x, "gathered", tolerance);
  }
}

TEST(LaneInverse, SineMatchesInverseScalar) {
  Rng rng(43);
  for (int trial = 0; trial < 60; ++trial) {
    const double omega = 0.2 + 5.0 * rng.uniform();
    const double edge = trial % 3 == 0 ? 0.999 : trial % 3 == 1 ? 0.999999 : 0.98 * rng.uniform();
    const double a = edge / omega * (rng.uniform() < 0.5 ? -1 : 1);
    const Sine1D f(a, omega, 6.0 * rng.uniform() - 3.0);
    ASSERT_TRUE(f.validate().ok()) << f.validate().message();
    const Batch x = hardBatch(rng, 297 + trial % 8, 1);
    const Transformed lanes = f.inverse(x);
    Transformed scalar{Batch(x.rows(), 1), Vector(x.rows())};
    for (int i = 0; i < x.rows(); ++i) scalar.value(i, 0) = f.inverseScalar(x(i, 0), scalar.logAbsDet(i));
    // log|det| = -log|1 + aω cos(ωz + φ)|: its slope in z is at most |a|ω² |det J|⁻¹.
    const auto tolerance = [&](int i, double inverseDet) {
      return 1e-12 * std::max(1.0, std::abs(scalar.value(i, 0))) * std::abs(a) * omega * omega * inverseDet;
    };
    expectSameRows(lanes, scalar, x, "a = " + std::to_string(a) + " ω = " + std::to_string(omega), tolerance);
    expectSameRows(f.inverseWith(x, InverseSolver::PointByPoint), scalar, x, "point by point", tolerance);
    expectSameRows(f.inverseWith(x, InverseSolver::Gathered), lanes, x, "gathered", tolerance);
  }
}

TEST(LaneInverse, RadialArrayFormMatchesTheRowByRowFormulas) {
  Rng rng(47);
  for (int trial = 0; trial < 40; ++trial) {
    const int d = 1 + trial % 3;
    const Vector z0 = rng.normalBatch(1, d).row(0).transpose();
    const double alpha = 0.05 + 2.0 * rng.uniform();
    const double beta = trial % 4 == 0 ? -alpha : -alpha + 4.0 * rng.uniform();  // β = -α: the limit
    const Radial f(z0, alpha, beta);
    ASSERT_TRUE(f.validate().ok());
    Batch x = hardBatch(rng, 203, d);
    x.row(203 - 1) = z0.transpose();  // the centre itself
    x.row(203 - 2) = z0.transpose();
    x(203 - 2, 0) += 1e-300;  // next to it
    // Closed form: only rounding differs (a contracted multiply-add, a vector log), by ~1e-16 in
    // 1 + βh, which the log amplifies by |det J|⁻¹ where β = -α makes the centre singular.
    const auto tolerance = [&](int, double inverseDet) { return 1e-15 * (1.0 + std::abs(beta) / alpha) * d * inverseDet; };
    expectSameRows(f.inverse(x), f.inverseWith(x, InverseSolver::PointByPoint), x, "d = " + std::to_string(d), tolerance);
  }
}

// Sinh-arcsinh's array inverse (closed form, transcendentals in SIMD lanes) against
// inverseScalar, out to |x| = 1e300 where 1 + x² would overflow.
TEST(LaneInverse, SinhArcsinhArrayFormMatchesInverseScalar) {
  Rng rng(67);
  for (int trial = 0; trial < 30; ++trial) {
    const double epsilon = 3.0 * rng.uniform() - 1.5, delta = 0.2 + 2.8 * rng.uniform();
    const SinhArcsinh1D f(epsilon, delta);
    Batch x = hardBatch(rng, 211, 1);
    x(200, 0) = 1e200, x(201, 0) = -1e300, x(202, 0) = 1e-300, x(203, 0) = -0.0;
    const Transformed lanes = f.inverse(x);
    Transformed scalar{Batch(x.rows(), 1), Vector(x.rows())};
    for (int i = 0; i < x.rows(); ++i) scalar.value(i, 0) = f.inverseScalar(x(i, 0), scalar.logAbsDet(i));
    for (int i = 0; i < x.rows(); ++i) {
      SCOPED_TRACE("ε = " + std::to_string(epsilon) + " δ = " + std::to_string(delta) + " x = " + std::to_string(x(i, 0)));
      const double z = scalar.value(i, 0), ld = scalar.logAbsDet(i);
      if (!std::isfinite(z)) {
        // NaN in, NaN out; ±inf where sinh overflows, as before.
        if (std::isnan(z)) {
          EXPECT_TRUE(std::isnan(lanes.value(i, 0)));
        } else {
          EXPECT_EQ(lanes.value(i, 0), z);
        }
        continue;
      }
      EXPECT_NEAR(lanes.value(i, 0), z, 1e-12 * std::max(1.0, std::abs(z)));
      EXPECT_NEAR(lanes.logAbsDet(i), ld, 1e-12 * std::max(1.0, std::abs(ld)));
    }
  }
}

// Forward then the lane inverse gives the points back, and the log-dets cancel.
TEST(LaneInverse, RoundTripsCloseAndLogDetsCancel) {
  Rng rng(53);
  for (int trial = 0; trial < 20; ++trial) {
    const Batch z = rng.normalBatch(203, 2) * 3.0;
    const Planar planar(rng.normalBatch(1, 2).row(0).transpose(), (Vector(2) << 1.0, rng.uniform()).finished(), 0.3);
    if (!planar.validate().ok()) continue;
    const Sine1D sine(0.9 / (1.0 + trial), 1.0 + trial, 0.1 * trial);
    const Radial radial((Vector(2) << 0.2, -0.1).finished(), 0.5 + rng.uniform(), -0.4 + rng.uniform());
    for (const Bijector* b : {static_cast<const Bijector*>(&planar), static_cast<const Bijector*>(&radial)}) {
      const Transformed there = b->forward(z), back = b->inverse(there.value);
      EXPECT_LE((back.value - z).cwiseAbs().maxCoeff(), 1e-11) << b->type();
      EXPECT_LE((back.logAbsDet + there.logAbsDet).cwiseAbs().maxCoeff(), 1e-12) << b->type();
    }
    const Batch z1 = z.col(0);
    const Transformed there = sine.forward(z1), back = sine.inverse(there.value);
    EXPECT_LE((back.value - z1).cwiseAbs().maxCoeff(), 1e-11);
    EXPECT_LE((back.logAbsDet + there.logAbsDet).cwiseAbs().maxCoeff(), 1e-12);
  }
}

// Every lane runs the same vector code, so a point's result does not depend on its neighbours
// or its place in a block: bit for bit the same alone as inside a batch.
TEST(LaneInverse, APointsResultDoesNotDependOnItsPlaceInTheBatch) {
  Rng rng(59);
  const Planar planar((Vector(2) << 0.8, -0.3).finished(), (Vector(2) << -0.9, 0.7).finished(), 0.2);
  const Sine1D sine(0.6, 1.6, -0.4);
  const Radial radial((Vector(2) << 0.5, 0.5).finished(), 0.7, 1.3);
  const Batch x = hardBatch(rng, 37, 2);
  const Batch x1 = x.col(1);
  const Transformed p = planar.inverse(x), s = sine.inverse(x1), r = radial.inverse(x);
  for (int i = 0; i < x.rows(); ++i) {
    const Transformed pi = planar.inverse(x.row(i)), si = sine.inverse(x1.row(i)), ri = radial.inverse(x.row(i));
    for (int j = 0; j < 2; ++j) {
      EXPECT_EQ(std::isnan(pi.value(0, j)) ? 0.0 : pi.value(0, j), std::isnan(p.value(i, j)) ? 0.0 : p.value(i, j));
      EXPECT_EQ(std::isnan(ri.value(0, j)) ? 0.0 : ri.value(0, j), std::isnan(r.value(i, j)) ? 0.0 : r.value(i, j));
    }
    EXPECT_EQ(std::isnan(si.value(0, 0)) ? 0.0 : si.value(0, 0), std::isnan(s.value(i, 0)) ? 0.0 : s.value(i, 0));
  }
}

// With a residual of plain arithmetic (no transcendental that could round differently in SIMD),
// the lanes take findRoot's decisions exactly: the same root bit for bit, in every lane of a
// block, including a flat start (g' = 0 at the guess) that needs the bisection safeguard.
TEST(FindRootsInLanes, TakesFindRootsDecisionsExactly) {
  Rng rng(61);
  for (int trial = 0; trial < 50; ++trial) {
    RootLanes c, lo, hi, guess, root;
    for (int j = 0; j < kRootLanes; ++j) {
      c[j] = 20.0 * rng.uniform() - 10.0;
      lo[j] = -3.0 - rng.uniform();
      hi[j] = 3.0 + rng.uniform();
      guess[j] = j % 3 == 0 ? 0.0 : 4.0 * rng.uniform() - 2.0;  // 0: where g' vanishes
    }
    // g(z) = z³ - c (a root in the bracket for |c| < 27) with g' = 3z².
    const auto lanes = [&](const RootLanes& z, RootLanes& value, RootLanes& slope) {
      value = z * z * z - c;
      slope = 3.0 * z * z;
    };
    RootOptions options;
    options.useGuess = true;
    const int count = 1 + trial % kRootLanes;
    findRootsInLanes(lanes, count, lo, hi, guess, root, options);
    for (int j = 0; j < count; ++j) {
      const double cj = c[j];
      const auto g = [cj](double z) { return ValueAndSlope{z * z * z - cj, 3.0 * z * z}; };
      options.guess = guess[j];
      const Expected<double> expected = findRoot(g, lo[j], hi[j], options);
      ASSERT_TRUE(expected.ok());
      EXPECT_EQ(root[j], expected.value) << "lane " << j << " c = " << cj << " guess = " << guess[j];
      EXPECT_NEAR(root[j], std::cbrt(cj), 1e-12 * std::max(1.0, std::abs(root[j])));
    }
  }
}

// Eight problems through blocks of kRootLanes lanes (the last block padded): roots and the
// number of residual calls.
struct EightRoots {
  double root[8];
  int calls = 0;
};
EightRoots solveEight(const double (&lo)[8], const double (&hi)[8], bool increasingBracket) {
  EightRoots out;
  for (int begin = 0; begin < 8; begin += kRootLanes) {
    const int count = std::min(kRootLanes, 8 - begin);
    RootLanes l = RootLanes::Constant(-1.0), h = RootLanes::Constant(1.0), c = RootLanes::Zero(), root;
    for (int j = 0; j < count; ++j) l[j] = lo[begin + j], h[j] = hi[begin + j], c[j] = begin + j + 1.0;
    // g_j(z) = z³ - (j + 1).
    const auto g = [&](const RootLanes& z, RootLanes& value, RootLanes& slope) {
      ++out.calls;
      value = z * z * z - c;
      slope = 3.0 * z * z;
    };
    findRootsInLanes(g, count, l, h, RootLanes::Constant(1.0), root, RootOptions{}, increasingBracket);
    for (int j = 0; j < count; ++j) out.root[begin + j] = root[j];
  }
  return out;
}

// A lane whose bracket fails (no sign change, a NaN or an infinite end) is NaN and the other
// lanes solve as usual; a root on a bracket end is that end; with the signs known the end
// evaluations are skipped and the roots are the same.
TEST(FindRootsInLanes, FailedBracketsEndRootsAndKnownSigns) {
  const double lo[8] = {0, 0, 5, 0, std::nan(""), 0.5, 0, 2}, hi[8] = {2, 2, 6, kInf, 2, 2, 2, 1};
  // Lane 2: 3 has no cube root in [5, 6]; 3: an infinite end is not a bracket, nor 4: a NaN
  // one; 7: reversed ends are swapped, and g(2) = 8 - 8 = 0 on the end.
  const EightRoots r = solveEight(lo, hi, false);
  for (int j : {0, 1, 5, 6}) EXPECT_NEAR(r.root[j], std::cbrt(j + 1.0), 1e-12) << j;
  for (int j : {2, 3, 4}) EXPECT_TRUE(std::isnan(r.root[j])) << j;
  EXPECT_EQ(r.root[7], 2.0);

  // Increasing brackets declared known: two residual calls fewer per block, the same roots.
  const double a[8] = {0.5, 0.5, 0.5, std::nan(""), 0.5, 0.5, 0.5, 0.5};
  const double b[8] = {2.5, 2.5, 2.5, 2.5, 2.5, 2.5, 2.5, 2.5};
  const double clean[8] = {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5};
  const EightRoots checked = solveEight(clean, b, false), known = solveEight(clean, b, true);
  EXPECT_EQ(known.calls, checked.calls - 2 * ((8 + kRootLanes - 1) / kRootLanes));
  for (int j = 0; j < 8; ++j) EXPECT_EQ(known.root[j], checked.root[j]) << j;
  const EightRoots withNaN = solveEight(a, b, true);
  EXPECT_TRUE(std::isnan(withNaN.root[3]));
  for (int j : {0, 1, 2, 4, 5, 6, 7}) EXPECT_EQ(withNaN.root[j], checked.root[j]) << j;
}

}  // namespace
}  // namespace flowlab
