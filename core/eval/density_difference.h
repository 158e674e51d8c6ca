// The difference of two densities on the same grid, log p_A − log p_B per cell, for the Compare
// view's difference heatmap: where run A puts more mass than run B (positive) and less (negative).
#pragma once

#include "core/eval/density_grid.h"

namespace flowlab {

struct DensityDifference {
  GridSpec grid;
  Vector logRatio;     // log p_A − log p_B per cell; 0 where both are 0, ±inf where only one is
  double maxAbs = 0;   // the largest finite |log ratio| over cells where either density is above
                       // 1e-3 of its peak (the colour scale: far tails would swamp it)
};

// Fails when the grids differ (size or rectangle).
Expected<DensityDifference> densityDifference(const DensityGrid& a, const DensityGrid& b);

}  // namespace flowlab
