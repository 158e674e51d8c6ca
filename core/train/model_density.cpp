#include "core/train/model_density.h"

#include <cmath>
#include <string>

namespace flowlab {

Expected<DensityGrid> modelDensityGrid(Trainer& trainer, const GridSpec& grid) {
  Expected<DensityGrid> out;
  out.status = checkGrid(grid);
  if (!out.ok()) return out;
  DensityGrid& d = out.value;
  d.grid = grid;
  d.logProb.resize(grid.size());
  // The whole grid in one call: the model chunks internally so activations stay in cache.
  const MatrixT<float> points = gridPoints(grid, 0, grid.size()).cast<float>();
  const VectorT<float> lp = trainer.logProb(points);
  for (int i = 0; i < grid.size(); ++i) {
    if (!std::isfinite(lp(i))) {
      out.status = Status::error("model density: non-finite log p at grid cell " + std::to_string(i));
      return out;
    }
    d.logProb(i) = lp(i);
  }
  d.density = d.logProb.array().exp();
  d.maxDensity = d.density.maxCoeff();
  d.mass = d.density.sum() * grid.cellArea();
  return out;
}

}  // namespace flowlab
