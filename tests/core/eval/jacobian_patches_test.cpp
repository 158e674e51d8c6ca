#include "core/eval/jacobian_patches.h"

#include <gtest/gtest.h>

#include <cmath>

#include "tests/core/eval/eval_test_scenes.h"

namespace flowlab {
namespace {

// Shoelace area of quad i (corners in order).
double quadArea(const Batch& quads, int i) {
  double twice = 0;
  for (int c = 0; c < 4; ++c) {
    const int d = (c + 1) % 4;
    twice += quads(i, 2 * c) * quads(i, 2 * d + 1) - quads(i, 2 * d) * quads(i, 2 * c + 1);
  }
  return 0.5 * twice;
}

TEST(JacobianPatches, LinearFlowHasDetAEverywhere) {
  const Expected<JacobianPatches> p = jacobianPatches(test::exampleFlow("linear_004.json"), {-3, 3, -3, 3}, 6, 4);
  ASSERT_TRUE(p.ok()) << p.status.message();
  ASSERT_EQ(p.value.quads.rows(), 24);
  EXPECT_NEAR(p.value.side, 0.4 * 1.0, 1e-15);  // min(6/6, 6/4) · 0.4
  for (int i = 0; i < 24; ++i) {
    EXPECT_NEAR(p.value.absDet(i), 1.05, 1e-14);
    EXPECT_NEAR(quadArea(p.value.quads, i), 1.05 * p.value.side * p.value.side, 1e-13);
  }
}

// For small squares the image area over the square's area approaches the exact |det J| at the centre.
TEST(JacobianPatches, QuadAreaMatchesTheExactDeterminantOfANonlinearFlow) {
  for (const char* name : {"stack_issue3.json", "radial.json", "planar.json"}) {
    SCOPED_TRACE(name);
    const Expected<JacobianPatches> p = jacobianPatches(test::exampleFlow(name), {-2.5, 2.5, -2.5, 2.5}, 10, 10, 0.02);
    ASSERT_TRUE(p.ok());
    for (int i = 0; i < 100; ++i) {
      const double ratio = quadArea(p.value.quads, i) / (p.value.side * p.value.side);
      EXPECT_NEAR(ratio / p.value.absDet(i), 1.0, 2e-3) << "patch " << i;
    }
  }
  // And the determinant does vary across a nonlinear flow (the test above is not trivially constant).
  const JacobianPatches p = jacobianPatches(test::exampleFlow("radial.json"), {-2.5, 2.5, -2.5, 2.5}, 10, 10).value;
  EXPECT_GT(p.absDet.maxCoeff() / p.absDet.minCoeff(), 1.5);
}

TEST(JacobianPatches, CentresAreMappedAndOrdered) {
  const Flow flow = test::exampleFlow("banana.json");
  const Expected<JacobianPatches> p = jacobianPatches(flow, {0, 2, 0, 1}, 2, 1, 1.0);
  ASSERT_TRUE(p.ok());
  EXPECT_DOUBLE_EQ(p.value.centresZ(1, 0), 1.5);
  EXPECT_DOUBLE_EQ(p.value.centresZ(1, 1), 0.5);
  EXPECT_EQ(p.value.centresX, flow.forward(p.value.centresZ).value.value);
  // Corner (+,+) of patch 0 is z = (1, 1).
  const Batch corner = flow.forward((Batch(1, 2) << 1.0, 1.0).finished()).value.value;
  EXPECT_DOUBLE_EQ(p.value.quads(0, 4), corner(0, 0));
  EXPECT_DOUBLE_EQ(p.value.quads(0, 5), corner(0, 1));
}

}  // namespace
}  // namespace flowlab
