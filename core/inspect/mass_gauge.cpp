#include "core/inspect/mass_gauge.h"

#include <cmath>

#include "core/eval/density_grid.h"

namespace flowlab {

Expected<Mass1D> massGauge1D(const Flow& flow, double xMin, double xMax, double tolerance) {
  Expected<Mass1D> out;
  if (flow.dim() != 1) {
    out.status = Status::error("mass gauge: the flow is not 1D");
    return out;
  }
  if (!(xMin < xMax) || !std::isfinite(xMin) || !std::isfinite(xMax)) {
    out.status = Status::error("mass gauge: the window must satisfy xMin < xMax");
    return out;
  }
  if (Status s = flow.validate(); !s.ok()) {
    out.status = s;
    return out;
  }
  Mass1D& m = out.value;
  const auto visible = mass1D(flow, xMin, xMax, tolerance);
  if (!visible.ok()) {
    out.status = visible.status;
    return out;
  }
  m.visible = visible.value;
  Batch ends(2, 1);
  ends << xMin, xMax;
  const auto z = flow.inverse(ends);
  if (!z.ok()) {
    out.status = z.status;
    return out;
  }
  m.outside = 1.0 - std::abs(normalCdf(z.value.value(1, 0)) - normalCdf(z.value.value(0, 0)));
  return out;
}

}  // namespace flowlab
