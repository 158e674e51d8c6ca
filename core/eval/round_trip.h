// Numerical health views: the round-trip error field and per-layer sample clouds.
#pragma once

#include <cstdint>

#include "core/eval/grid.h"
#include "core/flow/flow.h"

namespace flowlab {

struct RoundTripField {
  GridSpec grid;     // over z-space
  Vector error;      // W*H: max_j |f⁻¹(f(z))_j - z_j| at the cell centres (layout of grid.h); +inf
                     // where the round trip gave no finite value
  double maxError = 0;  // the largest finite error (0 when none is finite)
  int maxCell = -1;     // the cell holding it (-1 when none is finite)
  Vector maxAt;         // 2: that cell's centre z (empty when maxCell < 0)
  int nonFinite = 0;    // cells whose round trip is not finite
};

// The round-trip error of a valid 2D flow over a z-space grid. Iterative inverses (sine, planar)
// show their solver tolerance here; analytic ones show rounding only. A point whose round trip is
// not finite does not fail the field: it gets +inf and is counted in nonFinite.
Expected<RoundTripField> roundTripError(const Flow& flow, const GridSpec& zGrid);

// How the round-trip overlay maps errors to colour, in decades (log10 of the error): the bottom is
// fixed well under double rounding (1e-17, so a healthy flow looks dark everywhere), the top is the
// decade above the maximum but never under 1e-10 (so rounding noise is never drawn bright).
struct RoundTripDecades {
  double low = -17, high = -10;
};
RoundTripDecades roundTripDecades(const RoundTripField& field);
// log10 of each cell's error, clamped to [decades.low, decades.high + 1]: what the heatmap draws
// (exact zeros at the bottom, non-finite cells above the top).
Vector roundTripLog10(const RoundTripField& field, const RoundTripDecades& decades);

// The max round-trip error over n points of a 1D flow evenly spaced on [zMin, zMax] (for the 1D lab).
Expected<double> roundTripError1D(const Flow& flow, double zMin, double zMax, int n);

// Per-layer intermediate sample clouds: n base samples (seeded) and their images after each
// enabled layer (trace.values[k], n by D), with the per-layer log-dets.
Expected<FlowTrace> layerSampleClouds(const Flow& flow, int n, std::uint64_t seed);

}  // namespace flowlab
