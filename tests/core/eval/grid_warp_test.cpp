#include "core/eval/grid_warp.h"

#include <gtest/gtest.h>

#include "tests/core/eval/eval_test_scenes.h"

namespace flowlab {
namespace {

TEST(GridWarp, LinearFlowMapsLinesToTheirExactImages) {
  const Flow flow = test::exampleFlow("linear_004.json");
  const Expected<GridWarp> w = warpGridLines(flow, {-2, 2, -1, 3}, 5, 9);
  ASSERT_TRUE(w.ok()) << w.status.message();
  ASSERT_EQ(w.value.lines.size(), 10u);
  EXPECT_EQ(w.value.verticalCount, 5);
  Matrix A(2, 2);
  A << 1.2, 0.3, 0.1, 0.9;
  const Vector b = (Vector(2) << 0.5, -0.2).finished();
  // Line 1 is z0 = -1, from z1 = -1 to 3; line 5 + 2 is z1 = 1, from z0 = -2 to 2.
  EXPECT_EQ(w.value.levels(1), -1.0);
  EXPECT_EQ(w.value.levels(7), 1.0);
  for (int v = 0; v < 9; ++v) {
    const Vector zv = (Vector(2) << -1.0, -1.0 + 0.5 * v).finished();
    const Vector zh = (Vector(2) << -2.0 + 0.5 * v, 1.0).finished();
    EXPECT_LT((w.value.lines[1].row(v).transpose() - (A * zv + b)).norm(), 1e-14);
    EXPECT_LT((w.value.lines[7].row(v).transpose() - (A * zh + b)).norm(), 1e-14);
  }
}

TEST(GridWarp, NonlinearFlowBendsLinesButKeepsTheirEnds) {
  const Flow flow = test::exampleFlow("banana.json");
  const Expected<GridWarp> w = warpGridLines(flow, {-3, 3, -3, 3}, 7, 101);
  ASSERT_TRUE(w.ok());
  // A horizontal z-line (z1 = 0) becomes the parabola y = 0.6 (1.5 z0)² - 1.5 in x-space.
  const Batch& line = w.value.lines[7 + 3];
  for (int v = 0; v < 101; v += 10) {
    const double z0 = -3 + 0.06 * v;
    EXPECT_NEAR(line(v, 0), 1.5 * z0, 1e-12);
    EXPECT_NEAR(line(v, 1), 0.6 * (1.5 * z0) * (1.5 * z0) - 1.5, 1e-12);
  }
}

TEST(GridWarp, RejectsBadArguments) {
  EXPECT_FALSE(warpGridLines(Flow(1), {}, 5, 5).ok());
  EXPECT_FALSE(warpGridLines(Flow(2), {}, 1, 5).ok());
  EXPECT_FALSE(warpGridLines(Flow(2), {0, 0, 0, 1}, 5, 5).ok());
}

}  // namespace
}  // namespace flowlab
