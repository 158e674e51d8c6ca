#include "core/bijectors/rational_quadratic.h"

#include <algorithm>
#include <cmath>

namespace flowlab {
namespace {

// Index k of the bin [c_k, c_{k+1}) holding v, for c_0 <= v < c_K; clamps v = c_K into bin K-1.
int binIndex(std::span<const double> c, double v) {
  const auto it = std::upper_bound(c.begin(), c.end(), v);
  const int k = static_cast<int>(it - c.begin()) - 1;
  return std::clamp(k, 0, static_cast<int>(c.size()) - 2);
}

struct Bin {
  double z0, x0, width, height, slope, d0, d1;
};

Bin binAt(const RqKnots& knots, int k) {
  const double width = knots.z[k + 1] - knots.z[k];
  const double height = knots.x[k + 1] - knots.x[k];
  return {knots.z[k], knots.x[k], width, height, height / width, knots.d[k], knots.d[k + 1]};
}

double binDerivative(const Bin& b, double xi) {
  const double t = xi * (1.0 - xi);
  const double denominator = b.slope + (b.d1 + b.d0 - 2.0 * b.slope) * t;
  const double numerator = b.slope * b.slope * (b.d1 * xi * xi + 2.0 * b.slope * t + b.d0 * (1.0 - xi) * (1.0 - xi));
  return numerator / (denominator * denominator);
}

}  // namespace

double rqForward(const RqKnots& knots, double z, double& logAbsDet) {
  const std::size_t last = knots.z.size() - 1;
  if (z < knots.z[0]) {
    logAbsDet = std::log(knots.d[0]);
    return knots.x[0] + knots.d[0] * (z - knots.z[0]);
  }
  if (z > knots.z[last]) {
    logAbsDet = std::log(knots.d[last]);
    return knots.x[last] + knots.d[last] * (z - knots.z[last]);
  }
  const Bin b = binAt(knots, binIndex(knots.z, z));
  const double xi = (z - b.z0) / b.width;
  const double t = xi * (1.0 - xi);
  const double x = b.x0 + b.height * (b.slope * xi * xi + b.d0 * t) / (b.slope + (b.d1 + b.d0 - 2.0 * b.slope) * t);
  logAbsDet = std::log(binDerivative(b, xi));
  return x;
}

double rqInverse(const RqKnots& knots, double x, double& logAbsDet) {
  const std::size_t last = knots.x.size() - 1;
  if (x < knots.x[0]) {
    logAbsDet = -std::log(knots.d[0]);
    return knots.z[0] + (x - knots.x[0]) / knots.d[0];
  }
  if (x > knots.x[last]) {
    logAbsDet = -std::log(knots.d[last]);
    return knots.z[last] + (x - knots.x[last]) / knots.d[last];
  }
  const Bin b = binAt(knots, binIndex(knots.x, x));
  const double offset = x - b.x0;
  const double curvature = b.d1 + b.d0 - 2.0 * b.slope;
  const double qa = b.height * (b.slope - b.d0) + offset * curvature;
  const double qb = b.height * b.d0 - offset * curvature;
  const double qc = -b.slope * offset;
  // b² - 4ac >= 0 in exact arithmetic for a monotone bin; rounding may push it below zero.
  const double discriminant = std::max(0.0, qb * qb - 4.0 * qa * qc);
  // The 2c / (-b - sqrt) form of the root (Durkan et al. appendix) stays finite when a -> 0.
  const double denominator = -qb - std::sqrt(discriminant);
  const double xi = denominator == 0.0 ? 0.0 : std::clamp(2.0 * qc / denominator, 0.0, 1.0);
  logAbsDet = -std::log(binDerivative(b, xi));
  return b.z0 + xi * b.width;
}

double rqDerivative(const RqKnots& knots, double z) {
  const std::size_t last = knots.z.size() - 1;
  if (z < knots.z[0]) return knots.d[0];
  if (z > knots.z[last]) return knots.d[last];
  const Bin b = binAt(knots, binIndex(knots.z, z));
  return binDerivative(b, (z - b.z0) / b.width);
}

}  // namespace flowlab
