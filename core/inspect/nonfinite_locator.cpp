#include "core/inspect/nonfinite_locator.h"

#include <cmath>
#include <limits>

namespace flowlab {

Flow firstEnabledLayers(const Flow& flow, int k) {
  Flow out = flow;
  int seen = 0;
  for (int i = 0; i < out.layerCount(); ++i)
    if (out.isEnabled(i) && seen++ >= k) out.setEnabled(i, false);
  return out;
}

namespace {

// The bad row nearest `centre` (squared distance per coordinate scaled by `scale`).
int nearestBad(const Batch& points, const NonFiniteSite& site, const Vector& centre, const Vector& scale) {
  int best = -1;
  double bestDistance = std::numeric_limits<double>::infinity();
  for (Eigen::Index i = 0; i < points.rows(); ++i) {
    if (!site.bad(i)) continue;
    const double d = ((points.row(i).transpose() - centre).array() / scale.array()).square().sum();
    if (d < bestDistance) bestDistance = d, best = static_cast<int>(i);
  }
  return best;
}

}  // namespace

Expected<NonFiniteOnGrid> locateNonFiniteOnGrid(const Flow& flow, const GridSpec& grid) {
  Expected<NonFiniteOnGrid> out;
  if (flow.dim() != 2) out.status = Status::error("the non-finite locator's grid needs a 2D flow");
  if (out.ok()) out.status = checkGrid(grid);
  if (out.ok() && (grid.width > 1024 || grid.height > 1024)) out.status = Status::error("locator grid too large");
  if (!out.ok()) return out;
  NonFiniteOnGrid& g = out.value;
  g.grid = grid;
  const Batch points = gridPoints(grid, 0, grid.size());
  g.site = locateFirstNonFinite(flow, points);
  if (!g.site.found) return out;
  Vector centre(2), scale(2);
  centre << 0.5 * (grid.rect.xMin + grid.rect.xMax), 0.5 * (grid.rect.yMin + grid.rect.yMax);
  scale << grid.rect.width(), grid.rect.height();  // "nearest" as seen in a square pane
  g.cell = nearestBad(points, g.site, centre, scale);
  g.at = points.row(g.cell).transpose();
  return out;
}

Expected<NonFiniteOnAxis> locateNonFiniteOnAxis(const Flow& flow, double xMin, double xMax, int n) {
  Expected<NonFiniteOnAxis> out;
  if (flow.dim() != 1) out.status = Status::error("the non-finite locator's axis needs a 1D flow");
  if (out.ok() && !(std::isfinite(xMin) && std::isfinite(xMax) && xMin < xMax && n >= 2 && n <= 1000000))
    out.status = Status::error("the non-finite locator needs a finite xMin < xMax and 2 or more points");
  if (!out.ok()) return out;
  NonFiniteOnAxis& a = out.value;
  a.x = Vector::LinSpaced(n, xMin, xMax);
  a.site = locateFirstNonFinite(flow, a.x);
  if (!a.site.found) return out;
  Vector centre(1), scale(1);
  centre << 0.5 * (xMin + xMax);
  scale << 1.0;
  a.point = nearestBad(a.x, a.site, centre, scale);
  a.at = a.x(a.point);
  return out;
}

}  // namespace flowlab
