#include "core/eval/density_grid.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/bijectors/sine_1d.h"
#include "core/flow/standard_normal.h"
#include "tests/core/eval/eval_test_scenes.h"

namespace flowlab {
namespace {

using test::exampleFlow;

// ∫p_X over a box holding the mass is 1 to 1e-3 (midpoint rule, 400 by 400 cells).
TEST(DensityGrid, IntegratesToOneOverABoxHoldingTheMass) {
  for (const char* name : {"stack_issue3.json", "banana.json", "coupling_003.json", "rotation.json", "radial.json"}) {
    SCOPED_TRACE(name);
    const Expected<DensityGrid> d = densityGrid(exampleFlow(name), {{-12, 12, -12, 16}, 400, 400});
    ASSERT_TRUE(d.ok()) << d.status.message();
    EXPECT_NEAR(d.value.mass, 1.0, 1e-3);
    EXPECT_GT(d.value.maxDensity, 0.0);
  }
}

// The mass gauge shows what a small window misses: for N(0, I) over [-1, 1]² it is (Φ(1) - Φ(-1))².
TEST(DensityGrid, MassGaugeOfASmallWindow) {
  const Expected<DensityGrid> d = densityGrid(Flow(2), {{-1, 1, -1, 1}, 200, 200});
  ASSERT_TRUE(d.ok());
  const double p = normalCdf(1) - normalCdf(-1);
  EXPECT_NEAR(d.value.mass, p * p, 1e-5);
}

TEST(DensityGrid, LayoutIsRowMajorFromTheBottomLeft) {
  const Flow flow = exampleFlow("banana.json");
  const GridSpec grid{{-2, 2, -3, 1}, 8, 4};  // cells 0.5 by 1
  const Expected<DensityGrid> d = densityGrid(flow, grid);
  ASSERT_TRUE(d.ok());
  ASSERT_EQ(d.value.logProb.size(), 32);
  Batch x(2, 2);
  x << -2 + 0.25, -3 + 0.5,   // row 0, col 0
      -2 + 5.5 * 0.5, -3 + 2.5;  // row 2, col 5
  const Vector lp = flow.logProb(x).value;
  EXPECT_DOUBLE_EQ(d.value.logProb(0), lp(0));
  EXPECT_DOUBLE_EQ(d.value.logProb(2 * 8 + 5), lp(1));
  EXPECT_DOUBLE_EQ(d.value.density(2 * 8 + 5), std::exp(lp(1)));
}

TEST(DensityGrid, InvalidFlowGivesTheLayerErrorAndNoArrays) {
  Flow flow = exampleFlow("stack_issue3.json");
  flow.layer(1).setParameter(0, -5.0);  // u0 = -5: w·u = -5 < -1, the planar layer folds
  const Expected<DensityGrid> d = densityGrid(flow, {{-4, 4, -4, 4}, 16, 16});
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status.message().rfind("layer 2 (planar): ", 0), 0u) << d.status.message();
  EXPECT_EQ(d.value.density.size(), 0);
  EXPECT_FALSE(densityGrid(Flow(1), {}).ok());
  EXPECT_FALSE(densityGrid(Flow(2), {{1, -1, 0, 1}, 4, 4}).ok());
}

}  // namespace
}  // namespace flowlab
