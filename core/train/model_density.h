// The trained model's density on a grid, through the trainer's float32 fast path (about 20x the
// generic Flow export), in the layout of core/eval/grid.h. For the training view's heatmap.
#pragma once

#include "core/eval/density_grid.h"
#include "core/train/trainer.h"

namespace flowlab {

// log p and p of the trainer's current parameters at the grid's cell centres, and the midpoint mass.
// Fails (naming the cell) if the model gives a non-finite log p anywhere.
Expected<DensityGrid> modelDensityGrid(Trainer& trainer, const GridSpec& grid);

}  // namespace flowlab
