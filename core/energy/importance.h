// Importance-sampling estimates from log-weights log w_i = u(x_i) - log q(x_i), x_i ~ q:
//   Ẑ = mean(w),  stderr(log Ẑ) ≈ sd(w) / (√n · Ẑ)  (delta method),  ESS = (Σw)² / Σw².
// Everything is computed after subtracting max log w, so weights of e^700 do not overflow.
// Non-finite log-weights are counted and left out; -inf (u = -inf) is a zero weight.
#pragma once

#include "core/types.h"

namespace flowlab {

struct ImportanceEstimate {
  double logZ = 0.0;         // log Ẑ
  double logZStderr = 0.0;   // standard error of log Ẑ
  double ess = 0.0;          // effective sample size, in samples (1..n)
  int samples = 0;           // finite log-weights used
  int nonFinite = 0;         // NaN or +inf log-weights left out
};

ImportanceEstimate importanceEstimate(const Vector& logWeights);

}  // namespace flowlab
