// The targets: analytic gradients against central differences, closed-form log Z against a fine
// grid, expressions evaluated as typed and refused with their position when malformed.
#include <gtest/gtest.h>

#include <array>
#include <cmath>

#include "core/energy/target.h"
#include "core/random.h"

namespace flowlab {
namespace {

TEST(Targets, PresetGradientsMatchCentralDifferences) {
  Rng rng(3);
  for (const std::string& name : targetPresetNames()) {
    const TargetPtr t = makePresetTarget(name);
    ASSERT_TRUE(t) << name;
    const Batch x = 1.8 * rng.normalBatch(50, 2);
    const Batch g = t->gradient(x);
    for (int i = 0; i < x.rows(); ++i)
      for (int j = 0; j < 2; ++j) {
        Batch up = x.row(i), down = x.row(i);
        const double h = 1e-6;
        up(0, j) += h;
        down(0, j) -= h;
        const double fd = (t->logDensity(up)(0) - t->logDensity(down)(0)) / (2 * h);
        EXPECT_NEAR(g(i, j), fd, 1e-5 * std::max(1.0, std::abs(fd))) << name << " at row " << i << " coordinate " << j;
      }
  }
}

// ∫ exp(u) by the midpoint rule on a box holding all but a negligible part of the mass.
double gridLogZ(const Target& t, double x0, double x1, double y0, double y1, int n) {
  const double hx = (x1 - x0) / n, hy = (y1 - y0) / n;
  Batch pts(n, 2);
  double sum = 0;
  for (int r = 0; r < n; ++r) {
    for (int c = 0; c < n; ++c) pts.row(c) << x0 + (c + 0.5) * hx, y0 + (r + 0.5) * hy;
    sum += t.logDensity(pts).array().exp().sum();
  }
  return std::log(sum * hx * hy);
}

TEST(Targets, KnownNormalizersMatchAFineGrid) {
  for (const std::string& name : {"ring", "banana", "mixture"}) {
    const TargetPtr t = makePresetTarget(name);
    ASSERT_TRUE(t->knownLogZ().has_value()) << name;
    // The banana bends up to y = x²/2 − 2: at |x| = 9 (6σ) that is 38.5.
    const double lz = name == std::string("banana") ? gridLogZ(*t, -9, 9, -6, 40, 1500) : gridLogZ(*t, -6, 6, -6, 6, 1200);
    EXPECT_NEAR(lz, *t->knownLogZ(), 1e-6) << name;
  }
}

TEST(Targets, RezendeMohamedEnergiesHaveAFiniteMassInsideTheirEnvelope) {
  for (const std::string& name : {"u1", "u2", "u3", "u4"}) {
    const TargetPtr t = makePresetTarget(name);
    const double inner = gridLogZ(*t, -6, 6, -6, 6, 600), outer = gridLogZ(*t, -9, 9, -9, 9, 900);
    EXPECT_TRUE(std::isfinite(inner)) << name;
    EXPECT_NEAR(inner, outer, 1e-6) << name << ": mass beyond |x| = 6 should be negligible";
  }
}

TEST(Targets, AnExpressionEvaluatesAsTyped) {
  const Expected<TargetPtr> t = makeTarget("-(x^2 + 4*y^2)/2 + sin(x)*cos(y) + pi - e");
  ASSERT_TRUE(t.ok()) << t.status.message();
  EXPECT_FALSE(t.value->isPreset());
  Rng rng(4);
  const Batch x = rng.normalBatch(20, 2);
  const Vector u = t.value->logDensity(x);
  const Batch g = t.value->gradient(x);
  for (int i = 0; i < 20; ++i) {
    const double a = x(i, 0), b = x(i, 1);
    EXPECT_NEAR(u(i), -(a * a + 4 * b * b) / 2 + std::sin(a) * std::cos(b) + M_PI - M_E, 1e-12);
    EXPECT_NEAR(g(i, 0), -a + std::cos(a) * std::cos(b), 1e-7);
    EXPECT_NEAR(g(i, 1), -4 * b - std::sin(a) * std::sin(b), 1e-7);
  }
  // A clone evaluates on its own variables.
  const TargetPtr copy = t.value->clone();
  EXPECT_EQ(copy->logDensity(x), u);
}

TEST(Targets, AMalformedExpressionIsRefusedWithItsColumn) {
  const Expected<TargetPtr> bad = makeTarget("x +* y");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status.message().find("column 4"), std::string::npos) << bad.status.message();
  const Expected<TargetPtr> unknown = makeTarget("x + z");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status.message().find("column 5"), std::string::npos) << unknown.status.message();
  const Expected<TargetPtr> open = makeTarget("exp(-(x^2)");
  ASSERT_FALSE(open.ok());
  EXPECT_NE(open.status.message().find("column"), std::string::npos) << open.status.message();
  EXPECT_FALSE(makeTarget("  ").ok());
  // A preset name is not parsed as an expression.
  const Expected<TargetPtr> preset = makeTarget("u3");
  ASSERT_TRUE(preset.ok());
  EXPECT_TRUE(preset.value->isPreset());
}

// Exact samples: the share of 200,000 in a box matches the box's mass under exp(u)/Z (a fine grid),
// within 4 binomial standard errors, for every preset that can be sampled; the others say so.
TEST(Targets, SamplesFallWhereTheDensityPutsItsMass) {
  int samplable = 0;
  for (const std::string& name : targetPresetNames()) {
    const TargetPtr t = makePresetTarget(name);
    if (!t->canSample()) {
      Rng rng(1);
      EXPECT_EQ(t->sample(10, rng).rows(), 0) << name;
      continue;
    }
    ++samplable;
    Rng rng(21);
    const int n = 200000;
    const Batch x = t->sample(n, rng);
    ASSERT_EQ(x.rows(), n);
    for (const auto& [x0, x1, y0, y1] : {std::array<double, 4>{0, 2.5, 0, 2.5}, std::array<double, 4>{-3, 0, -2.5, 1}}) {
      int inside = 0;
      for (int i = 0; i < n; ++i) inside += x(i, 0) >= x0 && x(i, 0) < x1 && x(i, 1) >= y0 && x(i, 1) < y1;
      const double mass = std::exp(gridLogZ(*t, x0, x1, y0, y1, 400) - *t->knownLogZ());
      const double share = double(inside) / n, se = std::sqrt(mass * (1 - mass) / n);
      EXPECT_NEAR(share, mass, 4 * se + 1e-4) << name << " in [" << x0 << ", " << x1 << "] × [" << y0 << ", " << y1 << "]";
    }
  }
  EXPECT_EQ(samplable, 3) << "mixture, banana and ring";
}

}  // namespace
}  // namespace flowlab
