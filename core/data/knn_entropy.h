// Differential entropy of a 2D point set estimated from nearest-neighbour distances
// (Kozachenko & Leonenko 1987, in the k-neighbour form of Kraskov, Stögbauer & Grassberger 2004):
//   Ĥ = ψ(N) − ψ(k) + log π + (2/N) Σᵢ log εᵢ,   εᵢ = distance from point i to its k-th neighbour.
// It needs no density, so it gives user-drawn or imported data the floor a built-in dataset gets
// from its exact density: an estimate, with a standard error, to be labelled as such.
#pragma once

#include "core/status.h"
#include "core/types.h"

namespace flowlab {

struct EntropyEstimate {
  double nats = 0.0;    // Ĥ, nats per point
  double stderr_ = 0.0; // standard error from the spread of the per-point terms 2·log εᵢ
  int points = 0;
  int neighbours = 0;   // k
};

// points: N by 2, N > k. Fails (with the reason) on non-finite points, too few points, or when
// some point has k others at distance 0 (coinciding points: the entropy is −∞).
Expected<EntropyEstimate> knnEntropy(const Batch& points, int k = 3);

// Distance from each point to its k-th nearest other point (N values), by a 2-d tree search in
// O(N log N) for any layout; exact (tested against brute force). Needs N > k. Exposed for tests.
Vector kthNeighbourDistances(const Batch& points, int k);

}  // namespace flowlab
