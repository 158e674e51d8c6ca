#include "core/data/point_brush.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace flowlab {

Batch sprayPoints(const Batch& points, const Eigen::Vector2d& centre, const Brush& brush, Rng& rng, int maxPoints) {
  const bool usable = std::isfinite(brush.spread) && brush.spread > 0.0 && centre.allFinite() && brush.perDab > 0;
  const int add = usable ? std::clamp(maxPoints - int(points.rows()), 0, brush.perDab) : 0;
  if (add == 0) return points;
  Batch out(points.rows() + add, 2);
  out.topRows(points.rows()) = points;
  for (int i = 0; i < add; ++i) {
    const double a = rng.normal(), b = rng.normal();
    out.row(points.rows() + i) << centre.x() + brush.spread * a, centre.y() + brush.spread * b;
  }
  return out;
}

Batch erasePoints(const Batch& points, const Eigen::Vector2d& centre, double radius) {
  std::vector<Eigen::Index> keep;
  keep.reserve(size_t(points.rows()));
  const double r2 = radius * radius;
  for (Eigen::Index i = 0; i < points.rows(); ++i)
    if (!((points.row(i).transpose() - centre).squaredNorm() <= r2)) keep.push_back(i);
  Batch out(Eigen::Index(keep.size()), 2);
  for (size_t k = 0; k < keep.size(); ++k) out.row(Eigen::Index(k)) = points.row(keep[k]);
  return out;
}

}  // namespace flowlab
