#include "core/eval/grid.h"

#include <cmath>
#include <string>

namespace flowlab {

Status checkGrid(const GridSpec& grid) {
  const Rect& r = grid.rect;
  if (!(std::isfinite(r.xMin) && std::isfinite(r.xMax) && std::isfinite(r.yMin) && std::isfinite(r.yMax)))
    return Status::error("grid rectangle is not finite");
  if (!(r.xMin < r.xMax && r.yMin < r.yMax)) return Status::error("grid rectangle is empty");
  if (grid.width < 1 || grid.height < 1)
    return Status::error("grid needs at least 1 by 1 cells, got " + std::to_string(grid.width) + " by " +
                         std::to_string(grid.height));
  return Status::okStatus();
}

Batch gridPoints(const GridSpec& grid, int begin, int end) {
  const double dx = grid.rect.width() / grid.width, dy = grid.rect.height() / grid.height;
  Batch points(end - begin, 2);
  for (int i = begin; i < end; ++i) {
    const int row = i / grid.width, col = i % grid.width;
    points(i - begin, 0) = grid.rect.xMin + (col + 0.5) * dx;
    points(i - begin, 1) = grid.rect.yMin + (row + 0.5) * dy;
  }
  return points;
}

}  // namespace flowlab
