#include "core/random.h"

#include <gtest/gtest.h>

#include <cmath>

namespace flowlab {
namespace {

TEST(Rng, SameSeedGivesSameStream) {
  Rng a(7), b(7);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(a.normal(), b.normal());
}

TEST(Rng, NormalsHaveUnitMomentsAndGaussianTail) {
  Rng rng(1);
  const int n = 200000;
  double sum = 0, sum2 = 0;
  int beyond2 = 0;
  for (int i = 0; i < n; ++i) {
    const double v = rng.normal();
    sum += v;
    sum2 += v * v;
    beyond2 += std::abs(v) > 2.0;
  }
  EXPECT_NEAR(sum / n, 0.0, 0.01);
  EXPECT_NEAR(sum2 / n, 1.0, 0.01);
  EXPECT_NEAR(double(beyond2) / n, 0.0455, 0.002);  // P(|Z| > 2) = 0.0455
}

TEST(Rng, UniformStaysInUnitInterval) {
  Rng rng(3);
  double lo = 1, hi = 0;
  for (int i = 0; i < 10000; ++i) {
    const double u = rng.uniform();
    lo = std::min(lo, u);
    hi = std::max(hi, u);
  }
  EXPECT_GE(lo, 0.0);
  EXPECT_LT(hi, 1.0);
  EXPECT_LT(lo, 0.01);
  EXPECT_GT(hi, 0.99);
}

}  // namespace
}  // namespace flowlab
