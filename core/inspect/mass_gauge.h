// The mass gauge: how much probability the view shows, computed two independent ways so the
// number a student watches is a check, not a tautology.
#pragma once

#include "core/flow/flow.h"

namespace flowlab {

struct Mass1D {
  double visible = 0.0;  // ∫_{xMin}^{xMax} p_X(x) dx by adaptive Gauss–Kronrod (core/eval mass1D)
  double outside = 0.0;  // exact mass outside the window: 1 − |Φ(f⁻¹(xMax)) − Φ(f⁻¹(xMin))|
  double total() const { return visible + outside; }  // 1 up to the quadrature tolerance
};

// Needs a valid 1D flow and xMin < xMax; `tolerance` is the absolute quadrature tolerance.
Expected<Mass1D> massGauge1D(const Flow& flow, double xMin, double xMax, double tolerance = 1e-9);

}  // namespace flowlab
