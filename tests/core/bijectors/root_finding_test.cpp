#include "core/bijectors/root_finding.h"

#include <gtest/gtest.h>

#include <cmath>

namespace flowlab {
namespace {

TEST(FindRoot, ConvergesToSqrtTwo) {
  int calls = 0;
  const auto g = [&calls](double z) {
    ++calls;
    return ValueAndSlope{z * z - 2.0, 2.0 * z};
  };
  const Expected<double> r = findRoot(g, 0.0, 5.0);
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r.value, std::sqrt(2.0), 1e-15);
  EXPECT_LT(calls, 15);  // Newton, not bisection (which would need ~45)
}

TEST(FindRoot, SurvivesAZeroSlopeAtTheRoot) {
  // g = z³ has g'(0) = 0: plain Newton only converges linearly, the safeguard still brackets it.
  const Expected<double> r = findRoot([](double z) { return ValueAndSlope{z * z * z, 3.0 * z * z}; }, -1.0, 2.0);
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r.value, 0.0, 1e-4);  // z³ underflows the residual long before z reaches 1e-12
}

TEST(FindRoot, FallsBackToBisectionWhenNewtonWouldLeave) {
  // atan: Newton from far out overshoots wildly.
  const Expected<double> r = findRoot([](double z) { return ValueAndSlope{std::atan(z - 0.3), 1.0 / (1.0 + (z - 0.3) * (z - 0.3))}; },
                                      -50.0, 60.0);
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r.value, 0.3, 1e-12);
}

TEST(FindRoot, DecreasingFunctionsAndSwappedEnds) {
  const Expected<double> r = findRoot([](double z) { return ValueAndSlope{1.0 - z, -1.0}; }, 4.0, -2.0);
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r.value, 1.0, 1e-15);
}

TEST(FindRoot, ReportsWhenTheEndsDoNotBracket) {
  const Expected<double> r = findRoot([](double z) { return ValueAndSlope{z * z + 1.0, 2.0 * z}; }, -1.0, 1.0);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status.message().find("do not bracket a root"), std::string::npos) << r.status.message();
  EXPECT_FALSE(findRoot([](double) { return ValueAndSlope{NAN, 0.0}; }, 0.0, 1.0).ok());
}

}  // namespace
}  // namespace flowlab
