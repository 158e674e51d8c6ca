// The histogram from sorted base draws and inverse bin edges is the histogram of the pushed
// samples (sampleHistogram1D), bin for bin, for every bundled 1D scene, a decreasing map and
// perturbed stacks; and it refuses what sampleHistogram1D refuses.
#include "core/eval/histogram_1d.h"

#include <gtest/gtest.h>

#include <memory>
#include <random>
#include <string>

#include "core/bijectors/affine_1d.h"
#include "core/bijectors/sine_1d.h"
#include "tests/core/eval/eval_test_scenes.h"

namespace flowlab {
namespace {

// Bins where the two histograms differ, and by how many samples at most.
void expectSameHistogram(const Flow& flow, int n, std::uint64_t seed, double xMin, double xMax, int bins,
                         const std::string& what) {
  SCOPED_TRACE(what);
  const Expected<Histogram1D> pushed = sampleHistogram1D(flow, n, seed, xMin, xMax, bins);
  const Expected<Histogram1D> sorted = pushedHistogram1D(flow, SortedBaseSamples(n, seed), xMin, xMax, bins);
  ASSERT_TRUE(pushed.ok()) << pushed.status.message();
  ASSERT_TRUE(sorted.ok()) << sorted.status.message();
  EXPECT_EQ(sorted.value.total, pushed.value.total);
  EXPECT_EQ(sorted.value.xMin, pushed.value.xMin);
  EXPECT_EQ(sorted.value.xMax, pushed.value.xMax);
  ASSERT_EQ(sorted.value.counts.size(), bins);
  // Same samples on the same side of every edge: identical counts (a sample within round-off of an
  // edge could move by one bin; none of these does).
  EXPECT_EQ(sorted.value.counts, pushed.value.counts);
  EXPECT_LT((sorted.value.density - pushed.value.density).cwiseAbs().maxCoeff(), 1e-15);
  EXPECT_GT(sorted.value.counts.sum(), 0.5 * n);  // the window holds the samples: a real check
}

TEST(PushedHistogram1D, MatchesThePushedSamplesForEveryBundled1DScene) {
  for (const char* name : {"affine_1d.json", "sine_1d.json", "composition_1d.json", "sinh_arcsinh_1d.json",
                           "bimodal_spline_1d.json", "spike_1d.json"}) {
    const Flow flow = test::exampleFlow(name);
    for (std::uint64_t seed : {1u, 7u}) expectSameHistogram(flow, 100000, seed, -6, 8, 80, name);
  }
}

TEST(PushedHistogram1D, MatchesForADecreasingMapAndPerturbedStacks) {
  Flow decreasing(1);
  decreasing.append(std::make_unique<Affine1D>(-1.5, 0.5));
  expectSameHistogram(decreasing, 50000, 3, -5, 5, 40, "x = -1.5 z + 0.5");
  decreasing.append(std::make_unique<Sine1D>(0.7, 1.3, 0.4));
  expectSameHistogram(decreasing, 50000, 3, -6, 6, 80, "decreasing affine then sine");

  std::mt19937 rng(11);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  Flow composition = test::exampleFlow("composition_1d.json");
  for (int trial = 0; trial < 10; ++trial) {
    Flow f = composition;
    f.layer(0).setParameter(0, 1.0 + 2.0 * u(rng) * u(rng) + 0.1 * (u(rng) > 0 ? 1 : -1));  // a, either sign
    f.layer(0).setParameter(1, 2.0 * u(rng));                                               // b
    f.layer(1).setParameter(0, 0.95 * u(rng));                                              // |a ω| < 1
    ASSERT_TRUE(f.validate().ok()) << f.validate().message();
    expectSameHistogram(f, 20000, 100 + trial, -8, 8, 1 + trial * 17, "trial " + std::to_string(trial));
  }
}

TEST(PushedHistogram1D, RefusesWhatTheSampledHistogramRefuses) {
  const SortedBaseSamples base(1000, 1);
  EXPECT_EQ(base.count(), 1000);
  EXPECT_TRUE(std::is_sorted(base.sorted().begin(), base.sorted().end()));
  const Flow folded = test::exampleFlow("sine_noninvertible_1d.json");
  const auto r = pushedHistogram1D(folded, base, -6, 6, 80);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status.message(), sampleHistogram1D(folded, 1000, 1, -6, 6, 80).status.message());
  EXPECT_NE(r.status.message().find("layer 1 (sine)"), std::string::npos) << r.status.message();
  const Flow ok = test::exampleFlow("affine_1d.json");
  EXPECT_FALSE(pushedHistogram1D(ok, base, 1, 1, 80).ok());
  EXPECT_FALSE(pushedHistogram1D(ok, base, 0, std::nan(""), 80).ok());
  EXPECT_FALSE(pushedHistogram1D(ok, base, -1, 1, 0).ok());
  EXPECT_FALSE(pushedHistogram1D(Flow(2), base, -1, 1, 10).ok());
  // An empty draw is an empty histogram, not an error.
  const auto empty = pushedHistogram1D(ok, SortedBaseSamples(0, 1), -1, 1, 10);
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty.value.counts.sum(), 0);
}

}  // namespace
}  // namespace flowlab
