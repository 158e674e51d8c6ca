// The histogram from sorted draws equals the pushed one exactly even where a sample lies within
// round-off of a bin edge: there counting draws below the inverse edge alone can put the sample
// in the neighbouring bin, so such cases are searched out (and checked to be that hard) first.
#include "core/eval/histogram_1d.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <tuple>

#include "core/bijectors/affine_1d.h"
#include "core/bijectors/sine_1d.h"

namespace flowlab {
namespace {

constexpr int kBins = 10;
constexpr int kEdge = 3;  // the interior edge the chosen sample sits on

// Draws below f⁻¹(edge kEdge) (above it for a decreasing f): the count the inverse edge alone gives.
double belowByInverseEdge(const Flow& flow, const SortedBaseSamples& base, double xMin, double xMax) {
  const double w = (xMax - xMin) / kBins;
  const Batch edge = Batch::Constant(1, 1, xMin + kEdge * w);
  const double zEdge = flow.inverse(edge).value.value(0, 0);
  const std::vector<double>& z = base.sorted();
  const Batch probe = (Batch(2, 1) << -1.0, 1.0).finished();
  const Batch image = flow.forward(probe).value.value;
  if (image(1, 0) > image(0, 0)) return double(std::lower_bound(z.begin(), z.end(), zEdge) - z.begin());
  return double(z.end() - std::upper_bound(z.begin(), z.end(), zEdge));
}

// Samples in bins below kEdge, as histogram1D bins the pushed samples (out-of-window ones below
// xMin included).
double belowByPushing(const Flow& flow, const SortedBaseSamples& base, double xMin, double xMax) {
  const Batch z = Eigen::Map<const Vector>(base.sorted().data(), base.count());
  const Batch x = flow.forward(z).value.value;
  const double w = (xMax - xMin) / kBins;
  double below = 0;
  for (int i = 0; i < x.rows(); ++i) {
    const double v = x(i, 0);
    below += v < xMin || (v < xMax && std::min(kBins - 1, static_cast<int>((v - xMin) / w)) < kEdge);
  }
  return below;
}

// Searches windows [xMin, xMin + 10] whose edge kEdge passes within a few ulps of one sample's
// value; returns how many of them made the inverse edge alone miscount, after checking each
// one's histograms are identical.
int checkEdgeCases(const Flow& flow, const SortedBaseSamples& base) {
  const Batch z = Eigen::Map<const Vector>(base.sorted().data(), base.count());
  const Batch x = flow.forward(z).value.value;
  int hard = 0;
  for (int k = base.count() / 3; k < base.count() / 3 + 40; ++k) {
    const double v = x(k, 0);
    const double start = v - kEdge * 1.0;  // bins of width ~1, so edge kEdge ~ v
    const double ulp = std::nextafter(start, INFINITY) - start;
    for (int step = -40; step <= 40; ++step) {
      const double xMin = start + step * ulp;
      const double xMax = xMin + 10.0;
      if (belowByInverseEdge(flow, base, xMin, xMax) == belowByPushing(flow, base, xMin, xMax)) continue;
      ++hard;
      const Expected<Histogram1D> sorted = pushedHistogram1D(flow, base, xMin, xMax, kBins);
      const Expected<Histogram1D> pushed = sampleHistogram1D(flow, base.count(), base.seed(), xMin, xMax, kBins);
      EXPECT_TRUE(sorted.ok() && pushed.ok());
      EXPECT_EQ(sorted.value.counts, pushed.value.counts) << "xMin = " << xMin << " sample " << k;
      EXPECT_EQ(sorted.value.density, pushed.value.density);
    }
  }
  return hard;
}

TEST(PushedHistogram1DEdges, ASampleOnABinEdgeIsBinnedAsPushingBinsIt) {
  const SortedBaseSamples base(2000, 5);
  Flow increasing(1);
  increasing.append(std::make_unique<Affine1D>(1.7, 0.3));
  increasing.append(std::make_unique<Sine1D>(0.4, 1.1, 0.2));
  EXPECT_GT(checkEdgeCases(increasing, base), 0) << "no hard case found: the test checks nothing";
  Flow decreasing(1);
  decreasing.append(std::make_unique<Affine1D>(-0.9, 0.1));
  decreasing.append(std::make_unique<Sine1D>(0.5, 0.8, -0.3));
  EXPECT_GT(checkEdgeCases(decreasing, base), 0) << "no hard case found: the test checks nothing";
}

// The window on each side of an edge grows until it is clear of the edge; the extreme bins and
// a window wider than all the draws still come out exact.
TEST(PushedHistogram1DEdges, TinyBinsAndWideWindowsStayExact) {
  Flow flow(1);
  flow.append(std::make_unique<Sine1D>(0.8, 1.2, 0.1));
  for (int n : {1, 7, 500}) {
    const SortedBaseSamples base(n, 9);
    for (auto [lo, hi, bins] : {std::tuple{-1e-3, 1e-3, 50}, std::tuple{-50.0, 50.0, 1}, std::tuple{0.0, 0.5, 400}}) {
      const Expected<Histogram1D> sorted = pushedHistogram1D(flow, base, lo, hi, bins);
      const Expected<Histogram1D> pushed = sampleHistogram1D(flow, n, 9, lo, hi, bins);
      ASSERT_TRUE(sorted.ok() && pushed.ok());
      EXPECT_EQ(sorted.value.counts, pushed.value.counts) << n << " draws, " << bins << " bins on [" << lo << ", " << hi << "]";
    }
  }
}

}  // namespace
}  // namespace flowlab
