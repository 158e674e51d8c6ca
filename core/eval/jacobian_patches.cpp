#include "core/eval/jacobian_patches.h"

#include <algorithm>
#include <string>

namespace flowlab {

Expected<JacobianPatches> jacobianPatches(const Flow& flow, const Rect& zRect, int nx, int ny, double sideFraction) {
  Expected<JacobianPatches> out;
  const GridSpec grid{zRect, nx, ny};
  if (flow.dim() != 2) out.status = Status::error("Jacobian patches need a 2D flow, got dim " + std::to_string(flow.dim()));
  else if (!(sideFraction > 0 && sideFraction <= 1)) out.status = Status::error("sideFraction must be in (0, 1]");
  if (out.ok()) out.status = checkGrid(grid);
  if (!out.ok()) return out;
  JacobianPatches& p = out.value;
  const int n = grid.size();
  p.side = sideFraction * std::min(zRect.width() / nx, zRect.height() / ny);
  p.centresZ = gridPoints(grid, 0, n);
  // Centre then the four corners, as five blocks of one batch.
  const double h = 0.5 * p.side;
  const double dx[4] = {-h, h, h, -h}, dy[4] = {-h, -h, h, h};
  Batch z(5 * n, 2);
  z.topRows(n) = p.centresZ;
  for (int c = 0; c < 4; ++c) {
    z.middleRows((c + 1) * n, n).col(0) = p.centresZ.col(0).array() + dx[c];
    z.middleRows((c + 1) * n, n).col(1) = p.centresZ.col(1).array() + dy[c];
  }
  Batch x(5 * n, 2);
  Vector logAbsDet(5 * n);
  for (int begin = 0; begin < 5 * n; begin += kChunkSize) {
    const int count = std::min(kChunkSize, 5 * n - begin);
    const Expected<Transformed> fwd = flow.forward(z.middleRows(begin, count));
    if (!fwd.ok()) return {fwd.status, {}};
    x.middleRows(begin, count) = fwd.value.value;
    logAbsDet.segment(begin, count) = fwd.value.logAbsDet;
  }
  p.centresX = x.topRows(n);
  p.logAbsDet = logAbsDet.head(n);
  p.absDet = p.logAbsDet.array().exp();
  p.quads.resize(n, 8);
  for (int c = 0; c < 4; ++c) p.quads.middleCols(2 * c, 2) = x.middleRows((c + 1) * n, n);
  return out;
}

}  // namespace flowlab
