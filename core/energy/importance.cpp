#include "core/energy/importance.h"

#include <cmath>
#include <limits>

namespace flowlab {

ImportanceEstimate importanceEstimate(const Vector& logWeights) {
  ImportanceEstimate e;
  double m = -std::numeric_limits<double>::infinity();
  for (double lw : logWeights) {
    if (std::isnan(lw) || lw == std::numeric_limits<double>::infinity()) {
      ++e.nonFinite;
      continue;
    }
    ++e.samples;
    m = std::max(m, lw);
  }
  if (e.samples == 0 || !std::isfinite(m)) {  // no sample carries any weight
    e.logZ = -std::numeric_limits<double>::infinity();
    e.logZStderr = std::numeric_limits<double>::infinity();
    return e;
  }
  double s1 = 0, s2 = 0;
  for (double lw : logWeights) {
    if (std::isnan(lw) || lw == std::numeric_limits<double>::infinity()) continue;
    const double w = std::exp(lw - m);
    s1 += w;
    s2 += w * w;
  }
  const double n = e.samples;
  const double mean = s1 / n;
  const double var = std::max(0.0, s2 / n - mean * mean) * n / std::max(1.0, n - 1);
  e.logZ = m + std::log(mean);
  e.logZStderr = std::sqrt(var / n) / mean;
  e.ess = s1 * s1 / s2;
  return e;
}

}  // namespace flowlab
