#include "core/bijectors/linear.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <stdexcept>

#include "core/bijectors/lu_linear.h"
#include "core/random.h"
#include "tests/core/bijectors/status_matchers.h"

namespace flowlab {
namespace {

using test::failsWith;

Matrix seedA() {
  Matrix A(2, 2);
  A << 1.2, 0.3, 0.1, 0.9;
  return A;
}

// Seed 004: A = [[1.2, 0.3], [0.1, 0.9]], b = (0.5, -0.2), x = (1, 0).
TEST(Linear, Seed004InverseMatchesHandWritten2x2Inverse) {
  Vector b(2);
  b << 0.5, -0.2;
  const Linear f(seedA(), b);
  const double det = 1.2 * 0.9 - 0.3 * 0.1;  // 1.05
  EXPECT_NEAR(std::exp(f.forward(Batch::Zero(1, 2)).logAbsDet(0)), det, 1e-14);
  EXPECT_NEAR(det, 1.05, 1e-15);
  // z = A^-1 (x - b) with A^-1 = [[d, -b], [-c, a]] / det.
  const double r0 = 1.0 - 0.5, r1 = 0.0 + 0.2;
  const double z0 = (0.9 * r0 - 0.3 * r1) / det, z1 = (-0.1 * r0 + 1.2 * r1) / det;
  Batch x(1, 2);
  x << 1.0, 0.0;
  const Transformed t = f.inverse(x);
  EXPECT_NEAR(t.value(0, 0), z0, 1e-14);
  EXPECT_NEAR(t.value(0, 1), z1, 1e-14);
  EXPECT_NEAR(t.logAbsDet(0), -std::log(det), 1e-14);
  // 004's printout: z: [0.371 0.181], and log p_x(x) = log N(z; 0, I) + log|det A^-1| = -1.972.
  EXPECT_NEAR(t.value(0, 0), 0.371, 5e-4);
  EXPECT_NEAR(t.value(0, 1), 0.181, 5e-4);
  const double logPx = -0.5 * t.value.squaredNorm() - std::log(2.0 * std::numbers::pi) + t.logAbsDet(0);
  EXPECT_NEAR(logPx, -1.972, 5e-4);
}

TEST(Linear, RotationPreservesVolume) {
  const Linear r = Linear::rotation(0.7);
  Batch z(1, 2);
  z << 1.0, 0.0;
  const Transformed t = r.forward(z);
  EXPECT_NEAR(t.logAbsDet(0), 0.0, 1e-15);
  EXPECT_NEAR(t.value(0, 0), std::cos(0.7), 1e-15);
  EXPECT_NEAR(t.value(0, 1), std::sin(0.7), 1e-15);  // counter-clockwise
}

TEST(Linear, ShearAndScaleFactories) {
  Batch z(1, 2);
  z << 1.0, 2.0;
  const Transformed sheared = Linear::shear(0.5).forward(z);
  EXPECT_DOUBLE_EQ(sheared.value(0, 0), 2.0);
  EXPECT_DOUBLE_EQ(sheared.value(0, 1), 2.0);
  EXPECT_NEAR(sheared.logAbsDet(0), 0.0, 1e-15);
  const Transformed scaled = Linear::scale(2.0, -3.0).forward(z);
  EXPECT_DOUBLE_EQ(scaled.value(0, 1), -6.0);
  EXPECT_NEAR(scaled.logAbsDet(0), std::log(6.0), 1e-15);
}

TEST(Linear, ValidateRejectsSingularAndNearlySingularA) {
  Matrix A(2, 2);
  A << 1.0, 2.0, 2.0, 4.0;
  EXPECT_TRUE(failsWith(Linear(A, Vector::Zero(2)).validate(), "singular: det A = 0"));
  A << 1e6, 1e6, 1e6, 1e6 * (1.0 + 1e-15);  // det ~ 1e-3 looks large but is 1e-15 of |A|²
  EXPECT_TRUE(failsWith(Linear(A, Vector::Zero(2)).validate(), "singular: det A"));
  A << 1e-4, 0.0, 0.0, 1e-4;  // tiny but perfectly conditioned
  EXPECT_TRUE(Linear(A, Vector::Zero(2)).validate().ok());
  Linear f = Linear::rotation(0.1);
  f.setParameter(1, NAN);
  EXPECT_TRUE(failsWith(f.validate(), "A01 = nan is not finite"));
}

TEST(Linear, ParameterNamesAreRowMajor) {
  Linear f(seedA(), Vector::Zero(2));
  const auto p = f.parameters();
  ASSERT_EQ(p.size(), 6u);
  const char* names[] = {"A00", "A01", "A10", "A11", "b0", "b1"};
  for (int i = 0; i < 6; ++i) EXPECT_EQ(p[i].name, names[i]);
  EXPECT_DOUBLE_EQ(p[1].value, 0.3);
  f.setParameter(2, 0.0);  // A10 = 0: det becomes 1.08, and the inverse follows
  EXPECT_NEAR(f.inverse(Batch::Zero(1, 2)).logAbsDet(0), -std::log(1.08), 1e-14);
  EXPECT_EQ(f.type(), "linear");
}

TEST(Linear, ConstructionChecksShapes) {
  EXPECT_THROW(Linear(Matrix::Identity(2, 3), Vector::Zero(2)), std::invalid_argument);
  EXPECT_THROW(Linear(Matrix::Identity(2, 2), Vector::Zero(3)), std::invalid_argument);
}

// Seed 003, practice 4: Glow 1x1 convolution, 3 channels, U diag (2, 0.5, 0.8) over 32x32 pixels.
TEST(LuLinear, GlowExampleTotalLogDet) {
  Matrix lower = Matrix::Identity(3, 3), upper = Matrix::Zero(3, 3);
  lower(2, 0) = 0.4;
  upper.diagonal() << 2.0, 0.5, 0.8;
  upper(0, 2) = -0.7;
  const LuLinear conv({2, 0, 1}, lower, upper, Vector::Zero(3));
  Rng rng(5);
  const Transformed t = conv.forward(rng.normalBatch(32 * 32, 3));  // one row per pixel
  EXPECT_NEAR(t.logAbsDet.sum(), 1024.0 * std::log(0.8), 1e-9);
  EXPECT_NEAR(t.logAbsDet.sum(), -228.5, 0.05);
  EXPECT_NEAR(std::log(std::abs(conv.weight().determinant())), std::log(0.8), 1e-14);
}

TEST(LuLinear, WeightIsPermutedLowerTimesUpper) {
  Matrix lower = Matrix::Identity(2, 2), upper(2, 2);
  lower(1, 0) = 3.0;
  upper << 2.0, 1.0, 0.0, -1.0;
  const LuLinear f({1, 0}, lower, upper, Vector::Zero(2));
  Matrix expected(2, 2);  // L U = [[2, 1], [6, 2]]; P swaps the rows
  expected << 6.0, 2.0, 2.0, 1.0;
  EXPECT_EQ(f.weight(), expected);
  Batch z(1, 2);
  z << 1.0, 1.0;
  EXPECT_DOUBLE_EQ(f.forward(z).value(0, 0), 8.0);
  EXPECT_DOUBLE_EQ(f.forward(z).value(0, 1), 3.0);
}

TEST(LuLinear, ValidateAndConstruction) {
  Matrix upper = Matrix::Identity(2, 2);
  upper(1, 1) = 0.0;
  EXPECT_TRUE(failsWith(LuLinear({0, 1}, Matrix::Identity(2, 2), upper, Vector::Zero(2)).validate(), "singular: U11 = 0"));
  Matrix notUnit = Matrix::Identity(2, 2) * 2.0;
  EXPECT_THROW(LuLinear({0, 1}, notUnit, Matrix::Identity(2, 2), Vector::Zero(2)), std::invalid_argument);
  EXPECT_THROW(LuLinear({0, 0}, Matrix::Identity(2, 2), Matrix::Identity(2, 2), Vector::Zero(2)), std::invalid_argument);
  const auto p = LuLinear::identity(3).parameters();
  ASSERT_EQ(p.size(), 3u + 6u + 3u);
  EXPECT_EQ(p[0].name, "L10");
  EXPECT_EQ(p[3].name, "U00");
  EXPECT_EQ(p[9].name, "b0");
}

}  // namespace
}  // namespace flowlab
