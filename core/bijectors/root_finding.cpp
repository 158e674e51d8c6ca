#include "core/bijectors/root_finding.h"

#include <cmath>
#include <cstdio>
#include <string>
#include <utility>

namespace flowlab {
namespace {

std::string bracketMessage(double lo, double hi, double glo, double ghi) {
  char buffer[160];
  std::snprintf(buffer, sizeof buffer, "root finding: g(%.6g) = %.3g and g(%.6g) = %.3g do not bracket a root",
                lo, glo, hi, ghi);
  return buffer;
}

}  // namespace

Expected<double> findRoot(const std::function<ValueAndSlope(double)>& g, double lo, double hi,
                          const RootOptions& options) {
  if (!(lo <= hi)) std::swap(lo, hi);
  const ValueAndSlope atLo = g(lo);
  const ValueAndSlope atHi = g(hi);
  if (!std::isfinite(atLo.value) || !std::isfinite(atHi.value) || atLo.value * atHi.value > 0.0)
    return {Status::error(bracketMessage(lo, hi, atLo.value, atHi.value)), 0.0};
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
