#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "core/bijectors/planar.h"
#include "core/bijectors/radial.h"
#include "tests/core/bijectors/status_matchers.h"

namespace flowlab {
namespace {

using test::failsWith;

Vector vec(double a, double b) { return (Vector(2) << a, b).finished(); }
Batch row(double a, double b) { return (Batch(1, 2) << a, b).finished(); }

// Seed 003, example 3: u = (1, 0), w = (1, 2), b = 0, z = (0.5, -0.5): det J = 1 + sech²(-0.5) = 1.7864.
TEST(Planar, Seed003LogDet) {
  const Planar f(vec(1, 0), vec(1, 2), 0.0);
  const Transformed t = f.forward(row(0.5, -0.5));
  const double sech2 = 1.0 / (std::cosh(0.5) * std::cosh(0.5));
  EXPECT_NEAR(t.logAbsDet(0), std::log(1.0 + sech2), 1e-15);
  EXPECT_NEAR(t.logAbsDet(0), 0.580, 5e-4);
  EXPECT_NEAR(t.value(0, 0), 0.5 + std::tanh(-0.5), 1e-15);
  EXPECT_DOUBLE_EQ(t.value(0, 1), -0.5);
  Matrix expected(2, 2);  // the worked example's J
  expected << 1.0 + sech2, 2.0 * sech2, 0.0, 1.0;
  EXPECT_LT((f.jacobianAt(vec(0.5, -0.5)) - expected).cwiseAbs().maxCoeff(), 1e-15);
}

TEST(Planar, ValidateRejectsWuBelowMinusOne) {
  EXPECT_TRUE(failsWith(Planar(vec(-1.3, 0), vec(1, 0), 0.0).validate(), "planar: w·u = -1.3 < -1"));
  EXPECT_TRUE(Planar(vec(-1.0, 0), vec(1, 0), 0.0).validate().ok());  // the boundary is still a bijection
  EXPECT_TRUE(failsWith(Planar(vec(1, 0), vec(1, 0), NAN).validate(), "b = nan is not finite"));
  EXPECT_THROW(Planar(vec(1, 0), Vector::Zero(3), 0.0), std::invalid_argument);
}

TEST(Planar, InverseWorksOnTheBoundaryWhereNewtonStalls) {
  // w·u = -1: g(a) = a - tanh(a) has g'(0) = 0, so only the bisection safeguard converges there.
  const Planar f(vec(-0.5, -0.5), vec(1, 1), 0.2);
  Batch z(4, 2);
  z << -0.1, -0.1, 0.3, -0.4, 2.0, 1.0, -3.0, 0.5;
  const Batch back = f.inverse(f.forward(z).value).value;
  EXPECT_LT((back - z).cwiseAbs().maxCoeff(), 1e-4);  // cube-root conditioning at the flat point
  EXPECT_LT((back.bottomRows(2) - z.bottomRows(2)).cwiseAbs().maxCoeff(), 1e-9);
}

TEST(Planar, ParameterNames) {
  const auto p = Planar(vec(1, 0), vec(1, 2), 0.0).parameters();
  ASSERT_EQ(p.size(), 5u);
  const char* names[] = {"u0", "u1", "w0", "w1", "b"};
  for (int i = 0; i < 5; ++i) EXPECT_EQ(p[i].name, names[i]);
}

TEST(Radial, LogDetMatchesRezendeFormulaByHand) {
  // z0 = 0, α = 1, β = 2, z = (3, 4): r = 5, h = 1/6, h' = -1/36.
  const Radial f(Vector::Zero(2), 1.0, 2.0);
  const Transformed t = f.forward(row(3, 4));
  EXPECT_NEAR(t.value(0, 0), 3.0 + 2.0 * 3.0 / 6.0, 1e-15);
  EXPECT_NEAR(t.value(0, 1), 4.0 + 2.0 * 4.0 / 6.0, 1e-15);
  const double expected = std::log(1.0 + 2.0 / 6.0) + std::log(1.0 + 2.0 / 6.0 - 2.0 * 5.0 / 36.0);
  EXPECT_NEAR(t.logAbsDet(0), expected, 1e-15);
}

TEST(Radial, InverseOfTheCentreAndOnTheContractionLimit) {
  const Radial f(vec(1.0, -1.0), 0.5, -0.5);  // β = -α: the strongest allowed pull
  EXPECT_TRUE(f.validate().ok());
  const Transformed centre = f.inverse(row(1.0, -1.0));
  EXPECT_DOUBLE_EQ(centre.value(0, 0), 1.0);
  EXPECT_DOUBLE_EQ(centre.value(0, 1), -1.0);
  Batch z(3, 2);
  z << 1.3, -0.8, 5.0, 2.0, 1.0 + 1e-7, -1.0;
  // 1e-9, not 1e-12: near the centre f' ~ 2r/α, so rounding in x is amplified ~1e6 times.
  EXPECT_LT((f.inverse(f.forward(z).value).value - z).cwiseAbs().maxCoeff(), 1e-9);
}

TEST(Radial, ValidateMessages) {
  EXPECT_TRUE(failsWith(Radial(Vector::Zero(2), 1.0, -1.5).validate(), "radial: beta < -alpha"));
  EXPECT_TRUE(failsWith(Radial(Vector::Zero(2), 0.0, 1.0).validate(), "radial: alpha = 0 must be > 0"));
  EXPECT_TRUE(failsWith(Radial(vec(NAN, 0), 1.0, 1.0).validate(), "z0_0 = nan is not finite"));
  const auto p = Radial(Vector::Zero(2), 1.0, 1.0).parameters();
  ASSERT_EQ(p.size(), 4u);
  EXPECT_EQ(p[0].name, "z0_0");
  EXPECT_EQ(p[1].name, "z0_1");
  EXPECT_EQ(p[2].name, "alpha");
  EXPECT_EQ(p[3].name, "beta");
}

}  // namespace
}  // namespace flowlab
