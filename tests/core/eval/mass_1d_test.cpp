#include <gtest/gtest.h>

#include <cmath>

#include "core/eval/density_grid.h"
#include "core/flow/standard_normal.h"
#include "tests/core/eval/eval_test_scenes.h"

namespace flowlab {
namespace {

using test::exampleFlow;

// ∫p_X = 1 to 1e-6 for every 1D example, by adaptive Gauss–Kronrod over an interval holding the mass.
TEST(Mass1D, EveryExampleIntegratesToOne) {
  for (const char* name : {"affine_1d.json", "sine_1d.json", "composition_1d.json", "sinh_arcsinh_1d.json",
                           "bimodal_spline_1d.json"}) {
    SCOPED_TRACE(name);
    const Expected<double> m = mass1D(exampleFlow(name), -300, 300, 1e-10);
    ASSERT_TRUE(m.ok()) << m.status.message();
    EXPECT_NEAR(m.value, 1.0, 1e-6);
  }
}

// N(b, a²) puts Φ(1) - Φ(-1) on [b - a, b + a]: the quadrature is exact, not just normalised.
TEST(Mass1D, OneSigmaIntervalOfTheAffineFlow) {
  const Expected<double> m = mass1D(exampleFlow("affine_1d.json"), 1 - 2, 1 + 2, 1e-12);
  ASSERT_TRUE(m.ok());
  EXPECT_NEAR(m.value, normalCdf(1) - normalCdf(-1), 1e-11);
}

TEST(Mass1D, RejectsInvalidFlowsAndBadIntervals) {
  Flow flow = exampleFlow("sine_1d.json");
  flow.layer(0).setParameter(0, 1.5);  // a·ω = 1.5: folds
  const Expected<double> m = mass1D(flow, -5, 5);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status.message().rfind("layer 1 (sine): ", 0), 0u) << m.status.message();
  EXPECT_FALSE(mass1D(Flow(1), 1, -1).ok());
  EXPECT_FALSE(mass1D(Flow(2), -1, 1).ok());
}

}  // namespace
}  // namespace flowlab
