#include "core/inspect/evidence.h"

#include <algorithm>
#include <cmath>
#include <exception>

#include <Eigen/LU>

namespace flowlab {

double finiteDifferenceLogAbsDet(const Bijector& layer, const Vector& at) {
  const int d = layer.dim();
  Batch probes(2 * d, d);
  Vector h(d);
  for (int j = 0; j < d; ++j) {
    h(j) = 1e-5 * std::max(1.0, std::abs(at(j)));
    probes.row(2 * j) = at.transpose();
    probes.row(2 * j + 1) = at.transpose();
    probes(2 * j, j) += h(j);
    probes(2 * j + 1, j) -= h(j);
  }
  Transformed out;
  try {
    out = layer.forward(probes);
  } catch (const std::exception&) {
    return std::nan("");
  }
  if (!out.value.allFinite()) return std::nan("");
  Matrix J(d, d);
  for (int j = 0; j < d; ++j) J.col(j) = (out.value.row(2 * j) - out.value.row(2 * j + 1)).transpose() / (2.0 * h(j));
  return std::log(std::abs(J.determinant()));
}

NonFiniteSite locateFirstNonFinite(const Flow& flow, const Batch& x) {
  NonFiniteSite site;
  const Eigen::Index n = x.rows();
  Batch current = x;
  // Rows that are fine so far; a row already broken upstream is not blamed on a later layer.
  Eigen::Array<bool, Eigen::Dynamic, 1> fine(n);
  for (Eigen::Index i = 0; i < n; ++i) fine(i) = current.row(i).allFinite();
  for (int k = flow.layerCount() - 1; k >= 0; --k) {
    if (!flow.isEnabled(k)) continue;
    Transformed step;
    bool threw = false;
    try {
      step = flow.layer(k).inverse(current);
    } catch (const std::exception&) {
      threw = true;
    }
    Eigen::Array<bool, Eigen::Dynamic, 1> bad = Eigen::Array<bool, Eigen::Dynamic, 1>::Constant(n, false);
    bool logDetBroke = false;
    for (Eigen::Index i = 0; i < n; ++i) {
      if (!fine(i)) continue;
      const bool valueOk = !threw && step.value.row(i).allFinite();
      const bool logDetOk = !threw && std::isfinite(step.logAbsDet(i));
      if (!valueOk || !logDetOk) {
        bad(i) = true;
        logDetBroke = logDetBroke || (valueOk && !logDetOk);
      }
    }
    if (bad.any()) {
      site.found = true;
      site.layer = k;
      site.label = flow.layerLabel(k);
      site.what = logDetBroke ? "log-det" : "value";
      site.count = static_cast<int>(bad.count());
      for (Eigen::Index i = 0; i < n && site.firstPoint < 0; ++i)
        if (bad(i)) site.firstPoint = static_cast<int>(i);
      site.bad = bad;
      return site;
    }
    current = step.value;
  }
  site.bad = Eigen::Array<bool, Eigen::Dynamic, 1>::Constant(n, false);
  return site;
}

}  // namespace flowlab
