#include "core/nn/adam.h"

#include <gtest/gtest.h>

#include <cmath>

namespace flowlab {
namespace {

// Two steps against the formulas written out by hand, scalar by scalar.
TEST(Adam, TwoStepsMatchHandComputation) {
  const AdamConfig config;  // β1 = 0.9, β2 = 0.999, ε = 1e-8
  VectorT<double> p(2), g1(2), g2(2), out;
  p << 1.0, -2.0;
  g1 << 0.5, -1.0;
  g2 << -0.2, 3.0;
  AdamState<double> s, s1, s2;
  s.reset(2);
  const double lr = 0.1;
  adamStep(config, lr, p, s, g1, out, s1);
  // Step 1: m̂ = g, v̂ = g², so the update is lr·g/(|g| + ε) ≈ lr·sign(g).
  EXPECT_NEAR(out(0), 1.0 - 0.1 * 0.5 / (0.5 + 1e-8), 1e-15);
  EXPECT_NEAR(out(1), -2.0 + 0.1 * 1.0 / (1.0 + 1e-8), 1e-15);
  const VectorT<double> p1 = out;
  adamStep(config, lr, p1, s1, g2, out, s2);
  EXPECT_EQ(s2.step, 2);
  for (int i = 0; i < 2; ++i) {
    const double m = 0.9 * (0.1 * g1(i)) + 0.1 * g2(i);
    const double v = 0.999 * (0.001 * g1(i) * g1(i)) + 0.001 * g2(i) * g2(i);
    const double mHat = m / (1 - 0.81), vHat = v / (1 - 0.999 * 0.999);
    EXPECT_NEAR(s2.m(i), m, 1e-15);
    EXPECT_NEAR(s2.v(i), v, 1e-15);
    EXPECT_NEAR(out(i), p1(i) - lr * mHat / (std::sqrt(vHat) + 1e-8), 1e-12);
  }
}

TEST(Adam, ClipsTheGlobalGradientNorm) {
  AdamConfig config;
  config.clipNorm = 1.0;
  VectorT<double> p = VectorT<double>::Zero(2), g(2), out;
  g << 3.0, 4.0;  // ‖g‖ = 5 → scaled to (0.6, 0.8)
  AdamState<double> s, s1;
  s.reset(2);
  const AdamReport r = adamStep(config, 0.01, p, s, g, out, s1);
  EXPECT_DOUBLE_EQ(r.gradNorm, 5.0);
  EXPECT_NEAR(s1.m(0), 0.1 * 0.6, 1e-15);
  EXPECT_NEAR(s1.m(1), 0.1 * 0.8, 1e-15);
  config.clipNorm = 10.0;  // above the norm: untouched
  adamStep(config, 0.01, p, s, g, out, s1);
  EXPECT_NEAR(s1.m(1), 0.1 * 4.0, 1e-15);
}

TEST(Adam, ReportsNonFiniteResults) {
  VectorT<float> p = VectorT<float>::Ones(3), g = VectorT<float>::Ones(3), out;
  AdamState<float> s, s1;
  s.reset(3);
  EXPECT_TRUE(adamStep(AdamConfig{}, 1e-3, p, s, g, out, s1).finite);
  EXPECT_FALSE(adamStep(AdamConfig{}, 1e39, p, s, g, out, s1).finite);  // lr overflows float
  g(1) = std::nanf("");
  EXPECT_FALSE(adamStep(AdamConfig{}, 1e-3, p, s, g, out, s1).finite);
}

}  // namespace
}  // namespace flowlab
