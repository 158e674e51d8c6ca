// The density p_X on a W×H grid over a rectangle, and the mass gauge ∫p_X over it.
#pragma once

#include "core/eval/grid.h"
#include "core/flow/flow.h"

namespace flowlab {

struct DensityGrid {
  GridSpec grid;
  Vector logProb;     // W*H: log p_X at the cell centres (layout in core/eval/grid.h)
  Vector density;     // W*H: p_X = exp(logProb)
  double maxDensity = 0;
  double mass = 0;    // Σ p_X · cell area: the midpoint rule for ∫ over the rectangle (the mass gauge)
};

// Needs a valid 2D flow; evaluated in blocks of kChunkSize points, on up to maxThreads threads
// (1 or 2; the benches time both).
Expected<DensityGrid> densityGrid(const Flow& flow, const GridSpec& grid, int maxThreads = 2);

// ∫_a^b p_X(x) dx of a 1D flow by adaptive Gauss–Kronrod (7/15 points), to absolute tolerance tol.
Expected<double> mass1D(const Flow& flow, double a, double b, double tol = 1e-10);

}  // namespace flowlab
