#include "core/inspect/point_probe.h"

#include <algorithm>
#include <cmath>

#include "core/inspect/evidence.h"

namespace flowlab {

bool LayerTerm::logAbsDetAgrees() const {
  return std::abs(logAbsDetDifference()) <= 1e-5 * std::max(1.0, std::abs(logAbsDet));
}

Expected<PointProbe> probeAtBase(const Flow& flow, const Vector& z) {
  Expected<PointProbe> out;
  if (z.size() != flow.dim()) {
    out.status = Status::error("probe: expected a point of dimension " + std::to_string(flow.dim()));
    return out;
  }
  const Batch zRow = z.transpose();
  const auto trace = flow.forwardTrace(zRow);
  if (!trace.ok()) {
    out.status = trace.status;
    return out;
  }
  PointProbe& p = out.value;
  p.z = z;
  p.x = trace.value.values.back().row(0).transpose();
  p.logPz = flow.base().logProb(zRow)(0);
  p.jacobian = Matrix::Identity(flow.dim(), flow.dim());
  for (size_t k = 0; k < trace.value.layers.size(); ++k) {
    const int index = trace.value.layers[k];
    const double term = trace.value.logAbsDets[k](0);
    const Matrix J = flow.layer(index).jacobianAt(trace.value.values[k].row(0).transpose());
    const Vector at = trace.value.values[k].row(0).transpose();
    p.terms.push_back({flow.layerLabel(index), index, term, finiteDifferenceLogAbsDet(flow.layer(index), at), J});
    p.logAbsDetTotal += term;
    // Chain rule: J = J_K · … · J_1, each at its own layer's input.
    p.jacobian = J * p.jacobian;
  }
  p.logPx = p.logPz - p.logAbsDetTotal;
  p.pz = std::exp(p.logPz);
  p.px = std::exp(p.logPx);
  p.volumeRatio = std::exp(-p.logAbsDetTotal);
  return out;
}

Expected<PointProbe> probeAtData(const Flow& flow, const Vector& x) {
  Expected<PointProbe> out;
  if (x.size() != flow.dim()) {
    out.status = Status::error("probe: expected a point of dimension " + std::to_string(flow.dim()));
    return out;
  }
  const auto back = flow.inverse(x.transpose());
  if (!back.ok()) {
    out.status = back.status;
    return out;
  }
  out = probeAtBase(flow, back.value.value.row(0).transpose());
  if (out.ok()) out.value.x = x;  // keep the exact probed point, not its round trip
  return out;
}

}  // namespace flowlab
