// Numerical health views: the round-trip error field and per-layer sample clouds.
#pragma once

#include <cstdint>

#include "core/eval/grid.h"
#include "core/flow/flow.h"

namespace flowlab {

struct RoundTripField {
  GridSpec grid;     // over z-space
  Vector error;      // W*H: max_j |f⁻¹(f(z))_j - z_j| at the cell centres (layout of grid.h)
  double maxError = 0;
};

// The round-trip error of a valid 2D flow over a z-space grid. Iterative inverses (sine, planar)
// show their solver tolerance here; analytic ones show rounding only.
Expected<RoundTripField> roundTripError(const Flow& flow, const GridSpec& zGrid);

// The max round-trip error over n points of a 1D flow evenly spaced on [zMin, zMax] (for the 1D lab).
Expected<double> roundTripError1D(const Flow& flow, double zMin, double zMax, int n);

// Per-layer intermediate sample clouds: n base samples (seeded) and their images after each
// enabled layer (trace.values[k], n by D), with the per-layer log-dets.
Expected<FlowTrace> layerSampleClouds(const Flow& flow, int n, std::uint64_t seed);

}  // namespace flowlab
