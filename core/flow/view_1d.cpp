#include "core/flow/view_1d.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace flowlab {
namespace {

Status checkGrid(const Flow& flow, double lo, double hi, int n) {
  if (flow.dim() != 1) return Status::error("the 1D view needs a 1D flow, got dim " + std::to_string(flow.dim()));
  if (!(std::isfinite(lo) && std::isfinite(hi) && lo < hi)) return Status::error("empty or non-finite interval");
  if (n < 2) return Status::error("a grid needs at least 2 points, got " + std::to_string(n));
  return Status::okStatus();
}


// f(z) and log|f'(z)| through the enabled layers, without the validity check.
Status forwardUnchecked(const Flow& flow, const Batch& z, Transformed& out) {
  out = {z, Vector::Zero(z.rows())};
  for (int k = 0; k < flow.layerCount(); ++k) {
    if (!flow.isEnabled(k)) continue;
    Transformed t;
    try {
      t = flow.layer(k).forward(out.value);
    } catch (const std::exception& e) {
      return Status::error(flow.layerLabel(k) + ": forward failed: " + e.what());
    }
    if (!t.value.allFinite()) return Status::error(flow.layerLabel(k) + ": non-finite forward value");
    out.value = std::move(t.value);
    out.logAbsDet += t.logAbsDet;  // may be NaN/-inf where an invalid layer folds; handled by caller
  }
  return Status::okStatus();
}

}  // namespace

Expected<Curve1D> curve1D(const Flow& flow, double zMin, double zMax, int n) {
  Expected<Curve1D> out;
  out.status = checkGrid(flow, zMin, zMax, n);
  if (!out.ok()) return out;
  Curve1D& c = out.value;
  c.z = Vector::LinSpaced(n, zMin, zMax);
  // Central differences give the sign (and the value where log|det| is not finite).
  const double h = 1e-6 * std::max(1.0, std::max(std::abs(zMin), std::abs(zMax)));
  Transformed mid, plus, minus;
  for (auto [shift, target] : {std::pair{0.0, &mid}, std::pair{h, &plus}, std::pair{-h, &minus}}) {
    out.status = forwardUnchecked(flow, (c.z.array() + shift).matrix(), *target);
    if (!out.ok()) return out;
  }
  c.x = mid.value.col(0);
  c.slope.resize(n);
  for (int i = 0; i < n; ++i) {
    const double fd = (plus.value(i, 0) - minus.value(i, 0)) / (2 * h);
    const double ld = mid.logAbsDet(i);
    c.slope(i) = std::isfinite(ld) ? std::copysign(std::exp(ld), fd) : fd;
  }
  for (int i = 0; i < n; ++i) {
    if (c.slope(i) > 0) continue;
    int j = i;
    while (j + 1 < n && c.slope(j + 1) <= 0) ++j;
    c.nonIncreasing.emplace_back(c.z(i), c.z(j));
    i = j;
  }
  return out;
}

Expected<Bands1D> equalProbabilityBands(const Flow& flow, int bands) {
  Expected<Bands1D> out;
  if (flow.dim() != 1) {
    out.status = Status::error("bands need a 1D flow, got dim " + std::to_string(flow.dim()));
    return out;
  }
  if (bands < 2) {
    out.status = Status::error("bands must be >= 2, got " + std::to_string(bands));
    return out;
  }
  Bands1D& b = out.value;
  b.probabilities.resize(bands - 1);
  b.zEdges.resize(bands - 1);
  for (int k = 1; k < bands; ++k) {
    b.probabilities(k - 1) = double(k) / bands;
    b.zEdges(k - 1) = normalQuantile(double(k) / bands);
  }
  Expected<Transformed> fwd = flow.forward(b.zEdges);
  out.status = fwd.status;
  if (out.ok()) b.xEdges = fwd.value.value.col(0);
  return out;
}

Expected<Density1D> density1D(const Flow& flow, double xMin, double xMax, int n) {
  Expected<Density1D> out;
  out.status = checkGrid(flow, xMin, xMax, n);
  if (!out.ok()) return out;
  out.value.x = Vector::LinSpaced(n, xMin, xMax);
  Expected<Vector> lp = flow.logProb(out.value.x);
  out.status = lp.status;
  if (!out.ok()) return out;
  out.value.logProb = std::move(lp.value);
  out.value.density = out.value.logProb.array().exp();
  return out;
}

Histogram1D histogram1D(const Batch& samples, double xMin, double xMax, int bins) {
  Histogram1D h;
  h.xMin = xMin;
  h.xMax = xMax;
  h.counts = Vector::Zero(bins);
  h.total = static_cast<int>(samples.rows());
  const double w = (xMax - xMin) / bins;
  for (Eigen::Index i = 0; i < samples.rows(); ++i) {
    const double v = samples(i, 0);
    if (!(v >= xMin && v < xMax)) continue;
    const int bin = std::min(bins - 1, static_cast<int>((v - xMin) / w));
    h.counts(bin) += 1;
  }
  h.density = h.counts / (std::max(1, h.total) * w);
  return h;
}

Expected<Histogram1D> sampleHistogram1D(const Flow& flow, int n, std::uint64_t seed, double xMin, double xMax,
                                        int bins) {
  Expected<Histogram1D> out;
  out.status = checkGrid(flow, xMin, xMax, 2);
  if (out.ok() && bins < 1) out.status = Status::error("bins must be >= 1");
  if (!out.ok()) return out;
  Expected<Batch> s = flow.sample(n, seed);
  out.status = s.status;
  if (out.ok()) out.value = histogram1D(s.value, xMin, xMax, bins);
  return out;
}

}  // namespace flowlab
