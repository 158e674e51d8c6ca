#include "core/flow/view_1d.h"

#include <gtest/gtest.h>

#include <cmath>

#include "tests/core/flow/test_bijectors.h"

namespace flowlab {
namespace {

using test::ScaleShift;
using test::TanhBump;

Flow skewed1D() {
  Flow flow(1);
  flow.append(std::make_unique<TanhBump>(1, 0.8));
  flow.append(std::make_unique<ScaleShift>(Vector::Constant(1, 1.5), Vector::Constant(1, 0.3)));
  return flow;
}

TEST(NormalQuantile, InvertsTheCdfToFullPrecision) {
  EXPECT_NEAR(normalQuantile(0.9), 1.2815515655446004, 1e-15);
  EXPECT_NEAR(normalQuantile(0.975), 1.959963984540054, 1e-15);
  EXPECT_EQ(normalQuantile(0.5), 0.0);
  for (double p : {1e-12, 1e-5, 0.01, 0.3, 0.7, 0.99, 1 - 1e-9})
    EXPECT_NEAR(normalCdf(normalQuantile(p)), p, 1e-14 * std::max(p, 1e-3)) << p;
}

TEST(Curve1D, MarksWhereTheSlopeIsNotPositive) {
  Flow flow(1);
  flow.append(std::make_unique<TanhBump>(1, -2.0));  // f' = 1 - 2 sech² z <= 0 for |z| <= acosh(√2)
  const Expected<Curve1D> c = curve1D(flow, -3, 3, 601);
  ASSERT_TRUE(c.ok()) << c.status.message();
  ASSERT_EQ(c.value.nonIncreasing.size(), 1u);
  const double edge = std::acosh(std::sqrt(2.0));
  EXPECT_NEAR(c.value.nonIncreasing[0].first, -edge, 0.01);
  EXPECT_NEAR(c.value.nonIncreasing[0].second, edge, 0.01);
  EXPECT_NEAR(c.value.slope(300), -1.0, 1e-6);  // f'(0) = 1 - 2
  EXPECT_NEAR(c.value.x(0), -3 - 2 * std::tanh(-3), 1e-14);
}

TEST(Curve1D, SlopeOfAValidFlowIsTheExactDerivative) {
  const Expected<Curve1D> c = curve1D(skewed1D(), -2, 2, 5);
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c.value.nonIncreasing.empty());
  for (int i = 0; i < 5; ++i) {
    const double s = 1 / std::cosh(c.value.z(i));
    EXPECT_NEAR(c.value.slope(i), 1.5 * (1 + 0.8 * s * s), 1e-13);
  }
}

TEST(Bands1D, DecilesOfTheBaseMapThroughF) {
  Flow flow(1);
  flow.append(std::make_unique<ScaleShift>(Vector::Constant(1, 2.0), Vector::Constant(1, 1.0)));
  const Expected<Bands1D> b = equalProbabilityBands(flow);
  ASSERT_TRUE(b.ok());
  ASSERT_EQ(b.value.xEdges.size(), 9);
  EXPECT_NEAR(b.value.xEdges(4), 1.0, 1e-15);                          // the median is b
  EXPECT_NEAR(b.value.xEdges(8), 1.0 + 2 * 1.2815515655446004, 1e-14);  // 90% quantile of N(1, 4)
  EXPECT_NEAR(b.value.xEdges(0), 1.0 - 2 * 1.2815515655446004, 1e-14);
}

TEST(Density1D, MatchesLogProbAndNeedsA1DFlow) {
  const Flow flow = skewed1D();
  const Expected<Density1D> d = density1D(flow, -9, 9, 181);
  ASSERT_TRUE(d.ok());
  EXPECT_NEAR(d.value.density(90), std::exp(flow.logProb(Vector::Zero(1)).value(0)), 1e-15);
  // Trapezoid over a range holding almost all mass: a loose sanity check (the exact one is in eval).
  const double h = 0.1;
  const double mass = h * (d.value.density.sum() - 0.5 * (d.value.density(0) + d.value.density(180)));
  EXPECT_NEAR(mass, 1.0, 2e-3);
  EXPECT_FALSE(density1D(Flow(2), -1, 1, 10).ok());
}

// Chi-square of a seeded sample histogram against exact bin probabilities
// P(bin) = Φ(f⁻¹(hi)) - Φ(f⁻¹(lo)) (f is increasing).
double chiSquare(const Flow& sampled, const Flow& reference, int n, int bins, double lo, double hi) {
  const Expected<Histogram1D> h = sampleHistogram1D(sampled, n, 2024, lo, hi, bins);
  EXPECT_TRUE(h.ok());
  const Expected<Transformed> edges = reference.inverse(Vector::LinSpaced(bins + 1, lo, hi));
  double chi2 = 0;
  for (int i = 0; i < bins; ++i) {
    const double p = normalCdf(edges.value.value(i + 1, 0)) - normalCdf(edges.value.value(i, 0));
    const double expected = n * p;
    chi2 += (h.value.counts(i) - expected) * (h.value.counts(i) - expected) / expected;
  }
  return chi2;
}

TEST(Histogram1D, SampleHistogramAgreesWithTheDensity) {
  const Flow flow = skewed1D();
  // 30 bins over [-7, 7.6] (z within about ±3.3); df = 29, the 0.999 quantile is 58.3.
  EXPECT_LT(chiSquare(flow, flow, 20000, 30, -7.0, 7.6), 58.3);
  // The same test rejects a flow shifted by 0.15 (about 0.06 sd), so the check has power.
  Flow shifted = flow;
  shifted.append(std::make_unique<ScaleShift>(Vector::Constant(1, 1.0), Vector::Constant(1, 0.15)));
  EXPECT_GT(chiSquare(shifted, flow, 20000, 30, -7.0, 7.6), 58.3);
}

TEST(Histogram1D, CountsAndNormalises) {
  Batch s(5, 1);
  s << -1.0, 0.0, 0.49, 0.5, 7.0;
  const Histogram1D h = histogram1D(s, 0.0, 1.0, 2);
  EXPECT_EQ(h.counts(0), 2);
  EXPECT_EQ(h.counts(1), 1);
  EXPECT_EQ(h.total, 5);
  EXPECT_NEAR(h.density(0), 2.0 / (5 * 0.5), 1e-15);
}

}  // namespace
}  // namespace flowlab
