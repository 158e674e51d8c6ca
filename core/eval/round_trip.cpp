#include "core/eval/round_trip.h"

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

}  // namespace

Expected<RoundTripField> roundTripError(const Flow& flow, const GridSpec& zGrid) {
  Expected<RoundTripField> out;
  if (flow.dim() != 2) out.status = Status::error("round-trip field needs a 2D flow, got dim " + std::to_string(flow.dim()));
  if (out.ok()) out.status = checkGrid(zGrid);
  if (!out.ok()) return out;
  out.value.grid = zGrid;
  out.value.error.resize(zGrid.size());
  out.status = forEachChunk(zGrid, [&](int begin, const Batch& z) {
    const Expected<Vector> e = roundTrip(flow, z);
    if (e.ok()) out.value.error.segment(begin, z.rows()) = e.value;
    return e.status;
  });
  if (out.ok()) out.value.maxError = out.value.error.maxCoeff();
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
