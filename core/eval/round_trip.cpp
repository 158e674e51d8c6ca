#include "core/eval/round_trip.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "core/random.h"

namespace flowlab {
namespace {

// max_j |f⁻¹(f(z))_j - z_j| per row.
Expected<Vector> roundTrip(const Flow& flow, const Batch& z) {
  const Expected<Transformed> fwd = flow.forward(z);
  if (!fwd.ok()) return {fwd.status, {}};
  const Expected<Transformed> back = flow.inverse(fwd.value.value);
  if (!back.ok()) return {back.status, {}};
  return {Status::okStatus(), (back.value.value - z).cwiseAbs().rowwise().maxCoeff()};
}

// The same, one row at a time, +inf for a row the flow cannot take there and back: the flow refuses
// a whole batch for one non-finite intermediate, and one bad point must not blank the field.
Vector roundTripRowByRow(const Flow& flow, const Batch& z) {
  Vector out(z.rows());
  for (Eigen::Index i = 0; i < z.rows(); ++i) {
    const Expected<Vector> e = roundTrip(flow, z.row(i));
    out(i) = e.ok() && std::isfinite(e.value(0)) ? e.value(0) : std::numeric_limits<double>::infinity();
  }
  return out;
}

}  // namespace

Expected<RoundTripField> roundTripError(const Flow& flow, const GridSpec& zGrid) {
  Expected<RoundTripField> out;
  if (flow.dim() != 2) out.status = Status::error("round-trip field needs a 2D flow, got dim " + std::to_string(flow.dim()));
  if (out.ok()) out.status = checkGrid(zGrid);
  if (out.ok()) out.status = flow.validate();
  if (!out.ok()) return out;
  RoundTripField& f = out.value;
  f.grid = zGrid;
  f.error.resize(zGrid.size());
  out.status = forEachChunk(zGrid, [&](int begin, const Batch& z) {
    const Expected<Vector> e = roundTrip(flow, z);
    f.error.segment(begin, z.rows()) = e.ok() ? e.value : roundTripRowByRow(flow, z);
    return Status::okStatus();
  });
  for (int i = 0; i < f.error.size(); ++i) {
    if (!std::isfinite(f.error(i))) {
      f.error(i) = std::numeric_limits<double>::infinity();
      ++f.nonFinite;
    } else if (f.maxCell < 0 || f.error(i) > f.maxError) {
      f.maxError = f.error(i);
      f.maxCell = i;
    }
  }
  if (f.maxCell >= 0) f.maxAt = gridPoints(zGrid, f.maxCell, f.maxCell + 1).row(0).transpose();
  return out;
}

RoundTripDecades roundTripDecades(const RoundTripField& field) {
  RoundTripDecades d;
  if (field.maxError > 0.0) d.high = std::max(d.high, std::ceil(std::log10(field.maxError)));
  d.high = std::min(d.high, 300.0);
  return d;
}

Vector roundTripLog10(const RoundTripField& field, const RoundTripDecades& decades) {
  Vector out(field.error.size());
  for (int i = 0; i < out.size(); ++i) {
    const double e = field.error(i);
    out(i) = !std::isfinite(e) ? decades.high + 1.0 : e > 0.0 ? std::clamp(std::log10(e), decades.low, decades.high) : decades.low;
  }
  return out;
}

Expected<double> roundTripError1D(const Flow& flow, double zMin, double zMax, int n) {
  if (flow.dim() != 1) return {Status::error("roundTripError1D needs a 1D flow"), 0.0};
  if (n < 1 || !(zMin <= zMax)) return {Status::error("bad interval or point count"), 0.0};
  const Expected<Vector> e = roundTrip(flow, Vector::LinSpaced(n, zMin, zMax));
  return {e.status, e.ok() ? e.value.maxCoeff() : 0.0};
}

Expected<FlowTrace> layerSampleClouds(const Flow& flow, int n, std::uint64_t seed) {
  if (n < 0) return {Status::error("sample count must be >= 0"), {}};
  Rng rng(seed);
  return flow.forwardTrace(flow.base().sample(n, rng));
}

}  // namespace flowlab
