// Safeguarded scalar root finding for the numerical inverses (Sine1D, Planar).
#pragma once

#include <algorithm>
#include <cmath>
#include <utility>

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
// G is any callable double -> ValueAndSlope; a template so the per-point inverses inline it.
template <class G>
Expected<double> findRoot(const G& g, double lo, double hi, const RootOptions& options = {});

namespace detail {
// "root finding: g(lo) = ... and g(hi) = ... do not bracket a root".
Status bracketError(double lo, double hi, double gLo, double gHi);
}  // namespace detail

template <class G>
Expected<double> findRoot(const G& g, double lo, double hi, const RootOptions& options) {
  if (!(lo <= hi)) std::swap(lo, hi);
  const ValueAndSlope atLo = g(lo);
  const ValueAndSlope atHi = g(hi);
  if (!std::isfinite(atLo.value) || !std::isfinite(atHi.value) || atLo.value * atHi.value > 0.0)
    return {detail::bracketError(lo, hi, atLo.value, atHi.value), 0.0};
  if (atLo.value == 0.0) return {Status::okStatus(), lo};
  if (atHi.value == 0.0) return {Status::okStatus(), hi};

  // Orient the bracket so that g(below) < 0 < g(above); then any iterate updates one end.
  double below = atLo.value < 0.0 ? lo : hi;
  double above = atLo.value < 0.0 ? hi : lo;
  double z = (options.useGuess && options.guess > lo && options.guess < hi) ? options.guess : 0.5 * (lo + hi);
  double previousStep = std::abs(hi - lo);
  double step = previousStep;
  ValueAndSlope current = g(z);

  for (int iteration = 0; iteration < options.maxIterations; ++iteration) {
    if (current.value == 0.0 || !std::isfinite(current.value)) break;
    if (current.value < 0.0)
      below = z;
    else
      above = z;
    const double scale = std::max(1.0, std::abs(z));
    const double newtonStep = current.value / current.slope;
    // A Newton step below tolerance means converged; taking it lands at machine precision, which
    // keeps finite-difference Jacobians of the inverse clean. (Checked before the bracket test:
    // a step under one ulp leaves z on the bracket end and would look like an escape.)
    if (std::isfinite(newtonStep) && std::abs(newtonStep) <= options.tolerance * scale) {
      z -= newtonStep;
      break;
    }
    const double newton = z - newtonStep;
    const bool newtonInside = std::isfinite(newton) && (newton - below) * (newton - above) < 0.0;
    // Bisect when Newton leaves the bracket or fails to halve the step of two iterations ago
    // (the safeguard against slow convergence near a flat spot).
    const bool slow = std::abs(2.0 * current.value) > std::abs(previousStep * current.slope);
    previousStep = step;
    if (!newtonInside || slow) {
      const double mid = 0.5 * (below + above);
      step = mid - z;
      z = mid;
    } else {
      step = -newtonStep;
      z = newton;
    }
    if (std::abs(above - below) <= options.tolerance * scale) break;
    current = g(z);
  }
  return {Status::okStatus(), z};
}

}  // namespace flowlab
