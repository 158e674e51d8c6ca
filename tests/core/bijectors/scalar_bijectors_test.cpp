// Per-class checks of the simple 1D bijectors: values, validate() messages, f'.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>

#include "core/bijectors/affine_1d.h"
#include "core/bijectors/leaky_relu_1d.h"
#include "core/bijectors/sinh_arcsinh_1d.h"
#include "tests/core/bijectors/status_matchers.h"

namespace flowlab {
namespace {

using test::failsWith;
const double kNaN = std::numeric_limits<double>::quiet_NaN();

Batch column(std::initializer_list<double> values) {
  Batch b(static_cast<Eigen::Index>(values.size()), 1);
  Eigen::Index i = 0;
  for (double v : values) b(i++, 0) = v;
  return b;
}

TEST(Affine1D, MapsAndReportsLogScale) {
  const Affine1D f(-2.0, 1.0);
  const Transformed t = f.forward(column({0.0, 3.0}));
  EXPECT_DOUBLE_EQ(t.value(0, 0), 1.0);
  EXPECT_DOUBLE_EQ(t.value(1, 0), -5.0);
  EXPECT_DOUBLE_EQ(t.logAbsDet(1), std::log(2.0));
  EXPECT_DOUBLE_EQ(f.inverse(column({-5.0})).value(0, 0), 3.0);
  EXPECT_DOUBLE_EQ(f.inverse(column({-5.0})).logAbsDet(0), -std::log(2.0));
}

TEST(Affine1D, ValidateRejectsZeroScaleAndNaN) {
  EXPECT_TRUE(Affine1D(0.5, 1.0).validate().ok());
  EXPECT_TRUE(failsWith(Affine1D(0.0, 1.0).validate(), "singular: a = 0"));
  EXPECT_TRUE(failsWith(Affine1D(kNaN, 1.0).validate(), "a = nan is not finite"));
  EXPECT_TRUE(failsWith(Affine1D(1.0, INFINITY).validate(), "b = inf is not finite"));
}

TEST(Affine1D, ParametersAreNamedAndEditable) {
  Affine1D f(2.0, 3.0);
  ASSERT_EQ(f.parameters().size(), 2u);
  EXPECT_EQ(f.parameters()[0].name, "a");
  EXPECT_EQ(f.parameters()[1].name, "b");
  f.setParameter(1, -1.0);
  EXPECT_DOUBLE_EQ(f.forward(column({1.0})).value(0, 0), 1.0);
  EXPECT_THROW(f.setParameter(2, 0.0), std::out_of_range);
  EXPECT_EQ(f.type(), "affine");
}

TEST(Bijector1D, WrongBatchWidthThrowsWithHowToFix) {
  const Affine1D f(1.0, 0.0);
  try {
    f.forward(Batch::Zero(3, 2));
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("expected an N by 1 batch"), std::string::npos) << e.what();
  }
}

TEST(SinhArcsinh1D, IdentityAtZeroSkewUnitTail) {
  const SinhArcsinh1D f(0.0, 1.0);
  const Transformed t = f.forward(column({-2.0, 0.3, 5.0}));
  EXPECT_NEAR(t.value(0, 0), -2.0, 1e-14);
  EXPECT_NEAR(t.value(2, 0), 5.0, 1e-14);
  EXPECT_NEAR(t.logAbsDet.cwiseAbs().maxCoeff(), 0.0, 1e-14);
}

TEST(SinhArcsinh1D, PositiveSkewMovesMedianRightAndSmallDeltaFattensTails) {
  // The median of x is f(0) = sinh(ε/δ): right of 0 for ε > 0.
  EXPECT_NEAR(SinhArcsinh1D(0.5, 1.0).forward(column({0.0})).value(0, 0), std::sinh(0.5), 1e-15);
  // δ < 1 stretches the tails: |f(3)| > 3; δ > 1 shrinks them.
  EXPECT_GT(SinhArcsinh1D(0.0, 0.5).forward(column({3.0})).value(0, 0), 3.0);
  EXPECT_LT(SinhArcsinh1D(0.0, 2.0).forward(column({3.0})).value(0, 0), 3.0);
}

TEST(SinhArcsinh1D, ValidateNeedsPositiveDelta) {
  EXPECT_TRUE(SinhArcsinh1D(0.3, 0.7).validate().ok());
  EXPECT_TRUE(failsWith(SinhArcsinh1D(0.0, 0.0).validate(), "delta = 0 must be > 0"));
  EXPECT_TRUE(failsWith(SinhArcsinh1D(0.0, -1.0).validate(), "delta = -1 must be > 0"));
  EXPECT_TRUE(failsWith(SinhArcsinh1D(kNaN, 1.0).validate(), "epsilon = nan"));
  EXPECT_EQ(SinhArcsinh1D().parameters()[1].name, "delta");
}

TEST(SinhArcsinh1D, LogDerivativeStaysFiniteFarOut) {
  // cosh would overflow at u > 710; the log form must not.
  const Transformed t = SinhArcsinh1D(0.0, 0.2).forward(column({1e60}));
  EXPECT_TRUE(std::isfinite(t.logAbsDet(0)));
}

TEST(LeakyRelu1D, SlopeBelowZeroOnly) {
  const LeakyRelu1D f(0.25);
  const Transformed t = f.forward(column({-4.0, 2.0}));
  EXPECT_DOUBLE_EQ(t.value(0, 0), -1.0);
  EXPECT_DOUBLE_EQ(t.value(1, 0), 2.0);
  EXPECT_DOUBLE_EQ(t.logAbsDet(0), std::log(0.25));
  EXPECT_DOUBLE_EQ(t.logAbsDet(1), 0.0);
  EXPECT_DOUBLE_EQ(f.inverse(column({-1.0})).value(0, 0), -4.0);
  const Vector slopes = f.derivative(Vector::LinSpaced(3, -1.0, 1.0));
  EXPECT_DOUBLE_EQ(slopes(0), 0.25);
  EXPECT_DOUBLE_EQ(slopes(2), 1.0);
}

TEST(LeakyRelu1D, ValidateNeedsPositiveAlpha) {
  EXPECT_TRUE(failsWith(LeakyRelu1D(0.0).validate(), "alpha = 0 must be > 0"));
  EXPECT_TRUE(failsWith(LeakyRelu1D(-0.5).validate(), "alpha = -0.5 must be > 0"));
  EXPECT_TRUE(failsWith(LeakyRelu1D(kNaN).validate(), "not finite"));
  EXPECT_EQ(LeakyRelu1D().type(), "leaky_relu");
}

}  // namespace
}  // namespace flowlab
