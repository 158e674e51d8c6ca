// What the 1D lab draws, computed here: the curve x = f(z) with f'(z) and where f' <= 0,
// equal-probability bands carried through f, the density p_X on an x grid and sample histograms.
// Every function needs flow.dim() == 1 and returns a Status otherwise.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "core/flow/flow.h"

namespace flowlab {

struct Curve1D {
  Vector z;      // n points evenly spaced on [zMin, zMax]
  Vector x;      // n: x = f(z)
  Vector slope;  // n: f'(z), signed (its magnitude is the exact exp(log|det J|) where that is finite)
  // Maximal z intervals [first, second] of grid points where f'(z) <= 0 (to highlight; empty when valid).
  std::vector<std::pair<double, double>> nonIncreasing;
};
// Evaluates the enabled layers even when the flow is invalid, because the non-monotone curve
// is exactly what the view must show; fails only on bad arguments or non-finite values.
Expected<Curve1D> curve1D(const Flow& flow, double zMin, double zMax, int n);

struct Bands1D {
  Vector probabilities;  // B-1 interior levels k/B, k = 1..B-1
  Vector zEdges;         // B-1: Φ⁻¹(k/B), the base quantiles
  Vector xEdges;         // B-1: f(zEdges), the quantiles of p_X (f is increasing on a valid flow)
};
// Equal-probability bands (B = 10: deciles) of p_Z carried through f. Needs a valid flow.
Expected<Bands1D> equalProbabilityBands(const Flow& flow, int bands = 10);

struct Density1D {
  Vector x;        // n points evenly spaced on [xMin, xMax]
  Vector logProb;  // n: log p_X(x)
  Vector density;  // n: p_X(x)
};
Expected<Density1D> density1D(const Flow& flow, double xMin, double xMax, int n);

struct Histogram1D {
  double xMin = 0, xMax = 1;
  Vector counts;   // bins: samples falling in [xMin + i·w, xMin + (i+1)·w), w = (xMax - xMin)/bins
  Vector density;  // bins: counts / (total · w), comparable to p_X
  int total = 0;   // number of samples, including those outside [xMin, xMax)
};
// Histogram of the first column of `samples` (pure counting; xMax > xMin, bins >= 1).
Histogram1D histogram1D(const Batch& samples, double xMin, double xMax, int bins);
// n samples of the flow drawn with `seed`, binned.
Expected<Histogram1D> sampleHistogram1D(const Flow& flow, int n, std::uint64_t seed, double xMin, double xMax,
                                        int bins);

}  // namespace flowlab
