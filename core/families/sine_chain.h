// A D-dimensional toy distribution for the MAF/IAF cost comparison (core/families/autoregressive_cost.h),
// curved and correlated along a chain, with exact samples, an exact density and an exact entropy:
//   x_0 ~ N(0, 1),   x_v | x_{v-1} ~ N(a·sin(ω·x_{v-1}), σ²)  for v = 1..D-1,
// so every pair of neighbours draws a noisy sine wave and each coordinate depends (non-linearly)
// on all the ones before it. log p(x) = log N(x_0; 0, 1) + Σ_v log N(x_v; a·sin(ω x_{v-1}), σ²),
// and since a Gaussian's entropy does not depend on its mean, the entropy (the best test NLL any
// model can reach) is ½log(2πe) + (D-1)·½log(2πe σ²). With a = 1, ω = 1.5, σ = 0.5 every
// coordinate has a variance below a² + σ² = 1.25, whatever D (no standardization needed).
#pragma once

#include "core/random.h"
#include "core/types.h"

namespace flowlab {

struct SineChain {
  int dim = 2;
  double amplitude = 1.0;  // a
  double frequency = 1.5;  // ω
  double noise = 0.5;      // σ

  Batch sample(int n, Rng& rng) const;  // n by dim
  Vector logProb(const Batch& x) const;  // per row of an N by dim batch
  double entropy() const;                // nats
};

}  // namespace flowlab
