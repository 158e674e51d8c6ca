#include "core/eval/density_difference.h"

#include <cmath>

namespace flowlab {

Expected<DensityDifference> densityDifference(const DensityGrid& a, const DensityGrid& b) {
  Expected<DensityDifference> out;
  const GridSpec& ga = a.grid;
  const GridSpec& gb = b.grid;
  if (ga.width != gb.width || ga.height != gb.height || ga.rect.xMin != gb.rect.xMin || ga.rect.xMax != gb.rect.xMax ||
      ga.rect.yMin != gb.rect.yMin || ga.rect.yMax != gb.rect.yMax || a.logProb.size() != b.logProb.size()) {
    out.status = Status::error("the two densities are on different grids");
    return out;
  }
  DensityDifference& d = out.value;
  d.grid = ga;
  d.logRatio.resize(a.logProb.size());
  const double floorA = a.maxDensity * 1e-3, floorB = b.maxDensity * 1e-3;
  for (Eigen::Index i = 0; i < a.logProb.size(); ++i) {
    const double la = a.logProb(i), lb = b.logProb(i);
    d.logRatio(i) = (la == -INFINITY && lb == -INFINITY) ? 0.0 : la - lb;
    if (std::isfinite(d.logRatio(i)) && (a.density(i) > floorA || b.density(i) > floorB))
      d.maxAbs = std::max(d.maxAbs, std::abs(d.logRatio(i)));
  }
  return out;
}

}  // namespace flowlab
