// Safeguarded scalar root finding for the numerical inverses (Sine1D, Planar).
#pragma once

#include <functional>

#include "core/status.h"

namespace flowlab {

// g(z) and g'(z) at one point.
struct ValueAndSlope {
  double value = 0.0;
  double slope = 0.0;
};

struct RootOptions {
  double tolerance = 1e-12;  // stop when the step (or bracket) is below tolerance·max(1, |z|)
  int maxIterations = 200;   // bisection alone halves a width-1 bracket to 1e-12 in 40 steps
  double guess = 0.0;        // first iterate; used only when useGuess and inside the bracket
  bool useGuess = false;
};

// Root of g in [lo, hi] (Numerical Recipes' rtsafe): Newton steps while they stay inside the
// current bracket and shrink it fast enough, bisection otherwise, so it converges for any
// continuous g that changes sign on [lo, hi], even where g' = 0.
// Returns an error Status when g(lo) and g(hi) have the same sign or are not finite.
Expected<double> findRoot(const std::function<ValueAndSlope(double)>& g, double lo, double hi,
                          const RootOptions& options = {});

}  // namespace flowlab
