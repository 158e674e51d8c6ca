#include "core/inspect/mass_gauge.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/bijectors/affine_1d.h"
#include "core/bijectors/rational_quadratic_spline_1d.h"
#include "core/bijectors/sine_1d.h"
#include "core/bijectors/sinh_arcsinh_1d.h"

namespace flowlab {
namespace {

TEST(MassGauge1D, AffineGaussianVisibleMassIsTheNormalIntervalProbability) {
  Flow flow(1);
  flow.append(std::make_unique<Affine1D>(2.0, 1.0));  // N(1, 4)
  const auto m = massGauge1D(flow, -1.0, 3.0);
  ASSERT_TRUE(m.ok()) << m.status.message();
  const double expected = normalCdf(1.0) - normalCdf(-1.0);  // ±1 sd
  EXPECT_NEAR(m.value.visible, expected, 1e-8);
  EXPECT_NEAR(m.value.total(), 1.0, 1e-8);
}

TEST(MassGauge1D, QuadratureAndExactTailsAgreeForWarpedStacks) {
  Flow flow(1);
  flow.append(std::make_unique<Sine1D>(0.9, 1.0, 0.0));
  flow.append(std::make_unique<SinhArcsinh1D>(0.6, 0.8));
  flow.append(std::make_unique<Affine1D>(-1.3, 0.2));  // decreasing: the gauge must not assume f increasing
  for (double half : {1.0, 3.0, 8.0}) {
    const auto m = massGauge1D(flow, -half, half);
    ASSERT_TRUE(m.ok()) << m.status.message();
    EXPECT_NEAR(m.value.total(), 1.0, 1e-6) << "window ±" << half;
  }
  const auto wide = massGauge1D(flow, -40.0, 40.0);
  ASSERT_TRUE(wide.ok());
  EXPECT_NEAR(wide.value.visible, 1.0, 1e-6);
}

TEST(MassGauge1D, InvalidFlowReportsTheLayer) {
  Flow flow(1);
  flow.append(std::make_unique<Affine1D>(1.0, 0.0));
  flow.append(std::make_unique<Sine1D>(1.2, 1.0, 0.0));
  const auto m = massGauge1D(flow, -4, 4);
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status.message().find("layer 2 (sine)"), std::string::npos) << m.status.message();
}

TEST(MassGauge1D, BadWindowIsRejected) {
  Flow flow(1);
  EXPECT_FALSE(massGauge1D(flow, 1.0, 1.0).ok());
  EXPECT_FALSE(massGauge1D(flow, 0.0, std::nan("")).ok());
}

}  // namespace
}  // namespace flowlab
