#include "core/bijectors/rational_quadratic_spline_1d.h"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "tests/core/bijectors/status_matchers.h"

namespace flowlab {
namespace {

using test::failsWith;

RationalQuadraticSpline1D example() { return {{-2.0, -0.5, 1.0, 2.5}, {-3.0, -0.2, 0.4, 2.0}, {0.5, 2.0, 0.3, 1.5}}; }

TEST(RationalQuadraticSpline1D, PassesThroughKnotsWithTheGivenSlopes) {
  const RationalQuadraticSpline1D f = example();
  for (int k = 0; k < f.knotCount(); ++k) {
    double logAbsDet = 0.0;
    EXPECT_NEAR(f.forwardScalar(f.knotsZ()[k], logAbsDet), f.knotsX()[k], 1e-14) << "knot " << k;
    EXPECT_NEAR(logAbsDet, std::log(f.derivatives()[k]), 1e-12) << "knot " << k;
  }
}

TEST(RationalQuadraticSpline1D, TailsAreLinearWithBoundarySlopes) {
  const RationalQuadraticSpline1D f = example();
  double logAbsDet = 0.0;
  EXPECT_DOUBLE_EQ(f.forwardScalar(-4.0, logAbsDet), -3.0 + 0.5 * (-4.0 + 2.0));
  EXPECT_DOUBLE_EQ(logAbsDet, std::log(0.5));
  EXPECT_DOUBLE_EQ(f.forwardScalar(5.0, logAbsDet), 2.0 + 1.5 * (5.0 - 2.5));
  EXPECT_DOUBLE_EQ(f.inverseScalar(2.0 + 1.5 * 2.5, logAbsDet), 5.0);
  EXPECT_DOUBLE_EQ(logAbsDet, -std::log(1.5));
}

TEST(RationalQuadraticSpline1D, IdentitySplineIsTheIdentity) {
  const RationalQuadraticSpline1D f = RationalQuadraticSpline1D::identity(5, 3.0);
  const Batch z = Vector::LinSpaced(25, -5.0, 5.0);
  const Transformed t = f.forward(z);
  EXPECT_LT((t.value - z).cwiseAbs().maxCoeff(), 1e-14);
  EXPECT_LT(t.logAbsDet.cwiseAbs().maxCoeff(), 1e-14);
}

TEST(RationalQuadraticSpline1D, MidBinValueMatchesDurkanFormulaByHand) {
  // One bin [0, 1] -> [0, 2], d0 = 1, d1 = 3: s = 2, at ξ = 1/2 the formula gives
  // x = 2 (2·¼ + 1·¼) / (2 + (3 + 1 - 4)·¼) = 2·0.75/2 = 0.75 and
  // f' = 4 (3·¼ + 2·2·¼ + 1·¼) / 2² = 2.
  const RationalQuadraticSpline1D f({0.0, 1.0}, {0.0, 2.0}, {1.0, 3.0});
  double logAbsDet = 0.0;
  EXPECT_DOUBLE_EQ(f.forwardScalar(0.5, logAbsDet), 0.75);
  EXPECT_NEAR(logAbsDet, std::log(2.0), 1e-15);
  EXPECT_NEAR(f.inverseScalar(0.75, logAbsDet), 0.5, 1e-15);
}

TEST(RationalQuadraticSpline1D, ValidateNamesTheOffendingKnot) {
  EXPECT_TRUE(example().validate().ok());
  EXPECT_TRUE(failsWith(RationalQuadraticSpline1D({0.0, 1.0, 0.8}, {0.0, 1.0, 2.0}, {1.0, 1.0, 1.0}).validate(),
                        "knot 2 has z2 = 0.8 <= z1 = 1"));
  EXPECT_TRUE(failsWith(RationalQuadraticSpline1D({0.0, 1.0, 2.0}, {0.0, 1.0, 1.0}, {1.0, 1.0, 1.0}).validate(),
                        "knot 2 has x2 = 1 <= x1 = 1"));
  EXPECT_TRUE(failsWith(RationalQuadraticSpline1D({0.0, 1.0, 2.0}, {0.0, 1.0, 2.0}, {1.0, -0.1, 1.0}).validate(),
                        "knot 1 has derivative d1 = -0.1 (must be > 0)"));
  EXPECT_TRUE(failsWith(RationalQuadraticSpline1D({0.0, NAN}, {0.0, 1.0}, {1.0, 1.0}).validate(), "z1 = nan"));
}

TEST(RationalQuadraticSpline1D, ParametersArePerKnotAndEditable) {
  RationalQuadraticSpline1D f = example();
  const auto p = f.parameters();
  ASSERT_EQ(p.size(), 12u);
  EXPECT_EQ(p[0].name, "z0");
  EXPECT_EQ(p[1].name, "x0");
  EXPECT_EQ(p[2].name, "d0");
  EXPECT_EQ(p[3].name, "z1");
  f.setParameter(4, 5.0);  // x1 above x2: not monotone any more
  EXPECT_TRUE(failsWith(f.validate(), "knot 2 has x2"));
  EXPECT_EQ(f.type(), "spline");
}

TEST(RationalQuadraticSpline1D, MismatchedKnotListsThrow) {
  EXPECT_THROW(RationalQuadraticSpline1D({0.0, 1.0}, {0.0}, {1.0, 1.0}), std::invalid_argument);
  EXPECT_THROW(RationalQuadraticSpline1D({0.0}, {0.0}, {1.0}), std::invalid_argument);
}

}  // namespace
}  // namespace flowlab
