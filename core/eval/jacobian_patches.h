// Jacobian volume patches: small squares of z-space and their images under f, with the exact
// |det J| at each square's centre (how much f stretches area there).
#pragma once

#include "core/eval/grid.h"
#include "core/flow/flow.h"

namespace flowlab {

struct JacobianPatches {
  Batch centresZ;     // N by 2: square centres, an nx by ny grid of cell centres over zRect (layout of grid.h)
  Batch centresX;     // N by 2: f(centre)
  Batch quads;        // N by 8: f of the corners (-,-), (+,-), (+,+), (-,+) as x0 y0 x1 y1 x2 y2 x3 y3 (CCW in z)
  Vector logAbsDet;   // N: log|det ∂f/∂z| at the centre (exact, from the layers)
  Vector absDet;      // N: |det ∂f/∂z| = exp(logAbsDet); ≈ quad area / side² for small squares
  double side = 0;    // side length of the z-squares
};

// Squares of side sideFraction · (cell size) centred in an nx by ny grid over zRect
// (sideFraction in (0, 1]; 0.4 leaves gaps between patches). Needs a valid 2D flow.
Expected<JacobianPatches> jacobianPatches(const Flow& flow, const Rect& zRect, int nx, int ny,
                                          double sideFraction = 0.4);

}  // namespace flowlab
