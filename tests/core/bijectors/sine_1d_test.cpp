#include "core/bijectors/sine_1d.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numbers>

#include "tests/core/bijectors/status_matchers.h"

namespace flowlab {
namespace {

using test::failsWith;
constexpr double kPi = std::numbers::pi;

TEST(Sine1D, ValidWhileAOmegaBelowOne) {
  EXPECT_TRUE(Sine1D(0.5, 1.9, 0.3).validate().ok());
  EXPECT_TRUE(Sine1D(-0.5, -1.9, 0.3).validate().ok());
  EXPECT_TRUE(Sine1D(3.0, 0.0, 0.3).validate().ok());  // ω = 0 is a shift by a sin φ
}

TEST(Sine1D, ValidateNamesTheFirstPointWhereSlopeIsNotPositive) {
  // f'(z) = 1 + cos(z + π/2) = 1 - sin z: first zero at z = π/2.
  EXPECT_TRUE(failsWith(Sine1D(1.0, 1.0, kPi / 2).validate(), "not invertible: f'(z) <= 0 near z = 1.57"));
  // a ω = 2, φ = 0: 1 + 2 cos z <= 0 from z = 2π/3 = 2.09.
  EXPECT_TRUE(failsWith(Sine1D(2.0, 1.0, 0.0).validate(), "near z = 2.09"));
  // a ω = -2: 1 - 2 cos z <= 0 already at z = 0.
  EXPECT_TRUE(failsWith(Sine1D(-2.0, 1.0, 0.0).validate(), "near z = 0"));
  EXPECT_TRUE(failsWith(Sine1D(1.0, 1.0, 0.0).validate(), "|a·ω| = 1"));
}

TEST(Sine1D, ReportedPointReallyHasNonPositiveSlopeAndNoEarlierOneDoes) {
  for (double a : {1.0, 1.5, -1.2, 3.0})
    for (double omega : {0.7, 1.0, 2.5, -1.3})
      for (double phi : {-2.0, 0.0, 0.4, 3.0}) {
        const Sine1D f(a / std::abs(omega), omega, phi);
        const auto z = f.firstNonIncreasingPoint();
        ASSERT_TRUE(z.has_value());
        EXPECT_LE(f.derivativeScalar(*z), 1e-12) << a << " " << omega << " " << phi;
        for (double s = 0.0; s < *z - 1e-9; s += 1e-3)
          ASSERT_GT(f.derivativeScalar(s), 0.0) << "earlier bad point " << s << " before " << *z;
      }
}

TEST(Sine1D, NumericalInverseReachesMachinePrecisionNearTheLimit) {
  const Sine1D f(0.999 / 2.0, 2.0, 0.1);  // |a ω| = 0.999: f' nearly vanishes
  const Batch z = Vector::LinSpaced(41, -10.0, 10.0);
  const Transformed x = f.forward(z);
  const Transformed back = f.inverse(x.value);
  EXPECT_LT((back.value - z).cwiseAbs().maxCoeff(), 1e-9);
  EXPECT_LT((back.logAbsDet + x.logAbsDet).cwiseAbs().maxCoeff(), 1e-6);
}

TEST(Sine1D, DerivativeMarksWhereTheMapFolds) {
  const Sine1D f(1.0, 2.0, 0.0);  // invalid: a ω = 2
  const Vector slope = f.derivative(Vector::LinSpaced(5, 0.0, kPi / 2));
  EXPECT_GT(slope(0), 0.0);
  EXPECT_LT(slope(4), 0.0);  // 1 + 2 cos π = -1
  EXPECT_DOUBLE_EQ(slope(4), -1.0);
}

TEST(Sine1D, NaNParametersAreInvalid) {
  EXPECT_TRUE(failsWith(Sine1D(std::nan(""), 1.0, 0.0).validate(), "a = nan is not finite"));
  EXPECT_TRUE(failsWith(Sine1D(0.1, 1.0, INFINITY).validate(), "phi = inf is not finite"));
}

}  // namespace
}  // namespace flowlab
