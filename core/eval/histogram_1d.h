// The 1D lab's sample histogram without pushing the samples: the base draws of
// flow.sample(n, seed) are drawn once and kept sorted, and since a valid 1D flow f is strictly
// monotone, the number of samples with f(z) < e is the number of base draws below f⁻¹(e) (above it
// for a decreasing f). A histogram of 100,000 samples then costs bins + 1 inverses and binary
// searches, plus forward passes of the few draws beside each edge, instead of 100,000 forward
// passes. Those few are binned as histogram1D bins the pushed samples, so it is the same
// histogram exactly, a draw within round-off of an edge included.
#pragma once

#include <cstdint>
#include <vector>

#include "core/flow/view_1d.h"

namespace flowlab {

class SortedBaseSamples {
 public:
  // The n draws z ~ N(0, 1) that Flow::sample(n, seed) of a 1D flow pushes through f, sorted.
  SortedBaseSamples(int n, std::uint64_t seed);
  int count() const { return static_cast<int>(z_.size()); }
  std::uint64_t seed() const { return seed_; }
  const std::vector<double>& sorted() const { return z_; }

 private:
  std::vector<double> z_;
  std::uint64_t seed_;
};

// The histogram sampleHistogram1D(flow, base.count(), base.seed(), xMin, xMax, bins) gives, from the
// sorted draws. Needs a valid 1D flow (else its Status), finite xMin < xMax and bins >= 1.
Expected<Histogram1D> pushedHistogram1D(const Flow& flow, const SortedBaseSamples& base, double xMin, double xMax,
                                        int bins);

}  // namespace flowlab
