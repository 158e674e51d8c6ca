#include "core/inspect/point_probe.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/bijectors/affine_1d.h"
#include "core/bijectors/linear.h"
#include "core/bijectors/planar.h"
#include "core/bijectors/sine_1d.h"

namespace flowlab {
namespace {

TEST(PointProbe, LinearFlowOf004MatchesTheHandComputation) {
  // 004: x = A z + b, A = [[1.2, 0.3], [0.1, 0.9]], b = (0.5, -0.2), probed at x = (1, 0).
  Matrix A(2, 2);
  A << 1.2, 0.3, 0.1, 0.9;
  Vector b(2);
  b << 0.5, -0.2;
  Flow flow(2);
  flow.append(std::make_unique<Linear>(A, b));
  Vector x(2);
  x << 1.0, 0.0;
  const auto p = probeAtData(flow, x);
  ASSERT_TRUE(p.ok()) << p.status.message();
  const double det = 1.2 * 0.9 - 0.3 * 0.1;  // 1.05
  const double z0 = (0.9 * 0.5 - 0.3 * 0.2) / det, z1 = (-0.1 * 0.5 + 1.2 * 0.2) / det;
  EXPECT_NEAR(p.value.z(0), z0, 1e-12);
  EXPECT_NEAR(p.value.z(1), z1, 1e-12);
  ASSERT_EQ(p.value.terms.size(), 1u);
  EXPECT_NEAR(p.value.terms[0].logAbsDet, std::log(det), 1e-12);
  const double logPz = -0.5 * (z0 * z0 + z1 * z1) - std::log(2 * M_PI);
  EXPECT_NEAR(p.value.logPx, logPz - std::log(det), 1e-12);
  EXPECT_NEAR(p.value.jacobian(0, 1), 0.3, 1e-6);
  // 004 prints z ≈ (0.371, 0.181) and log p_x ≈ -1.972 (rounded to 3 decimals).
  EXPECT_NEAR(p.value.z(0), 0.371, 5e-4);
  EXPECT_NEAR(p.value.z(1), 0.181, 5e-4);
  EXPECT_NEAR(p.value.logPx, -1.972, 5e-4);
}

TEST(PointProbe, TermsOfAStackSumToTheTotalAndMatchLogProb) {
  Flow flow(1);
  flow.append(std::make_unique<Affine1D>(2.0, 1.0));
  flow.append(std::make_unique<Sine1D>(0.9, 1.0, 0.0));
  Vector x(1);
  x << 0.7;
  const auto p = probeAtData(flow, x);
  ASSERT_TRUE(p.ok());
  ASSERT_EQ(p.value.terms.size(), 2u);
  EXPECT_EQ(p.value.terms[1].label, "layer 2 (sine)");
  EXPECT_NEAR(p.value.terms[0].logAbsDet + p.value.terms[1].logAbsDet, p.value.logAbsDetTotal, 1e-15);
  const auto lp = flow.logProb(x.transpose());
  ASSERT_TRUE(lp.ok());
  EXPECT_NEAR(p.value.logPx, lp.value(0), 1e-10);
  EXPECT_NEAR(std::log(std::abs(p.value.jacobian(0, 0))), p.value.logAbsDetTotal, 1e-6);
  // The readout's plain numbers: p_X = p_Z · |dz/dx|, and |dz/dx| = 1/|f'(z)|.
  EXPECT_NEAR(p.value.px, p.value.pz * p.value.volumeRatio, 1e-15);
  EXPECT_NEAR(p.value.volumeRatio, 1.0 / std::abs(p.value.jacobian(0, 0)), 1e-6);
  EXPECT_NEAR(p.value.px, std::exp(lp.value(0)), 1e-12);
}

TEST(PointProbe, InvalidFlowGivesTheLayerNotNumbers) {
  Flow flow(1);
  flow.append(std::make_unique<Sine1D>(2.0, 1.0, 0.0));
  Vector x(1);
  x << 0.5;
  const auto p = probeAtData(flow, x);
  EXPECT_FALSE(p.ok());
  EXPECT_NE(p.status.message().find("layer 1 (sine)"), std::string::npos) << p.status.message();
}

TEST(PointProbe, PlanarJacobianDeterminantIsTheSeedsValue) {
  Vector u(2), w(2), z(2);
  u << 1, 0;
  w << 1, 2;
  z << 0.5, -0.5;
  Flow flow(2);
  flow.append(std::make_unique<Planar>(u, w, 0.0));
  const auto p = probeAtBase(flow, z);
  ASSERT_TRUE(p.ok());
  EXPECT_NEAR(p.value.logAbsDetTotal, 0.580, 5e-4);  // 003, example 3
  EXPECT_NEAR(std::log(p.value.jacobian.determinant()), p.value.logAbsDetTotal, 1e-6);
}

}  // namespace
}  // namespace flowlab
