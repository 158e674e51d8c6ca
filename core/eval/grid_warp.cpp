#include "core/eval/grid_warp.h"

#include <string>

namespace flowlab {

Expected<GridWarp> warpGridLines(const Flow& flow, const Rect& zRect, int linesPerAxis, int verticesPerLine) {
  Expected<GridWarp> out;
  if (flow.dim() != 2) out.status = Status::error("grid warp needs a 2D flow, got dim " + std::to_string(flow.dim()));
  else if (linesPerAxis < 2 || verticesPerLine < 2) out.status = Status::error("grid warp needs >= 2 lines and vertices");
  if (out.ok()) out.status = checkGrid({zRect, 1, 1});
  if (!out.ok()) return out;
  const int n = 2 * linesPerAxis;
  const Vector xs = Vector::LinSpaced(linesPerAxis, zRect.xMin, zRect.xMax);
  const Vector ys = Vector::LinSpaced(linesPerAxis, zRect.yMin, zRect.yMax);
  const Vector tx = Vector::LinSpaced(verticesPerLine, zRect.xMin, zRect.xMax);
  const Vector ty = Vector::LinSpaced(verticesPerLine, zRect.yMin, zRect.yMax);
  // All vertices of all lines in one batch, line after line, evaluated in kChunkSize blocks.
  Batch z(n * verticesPerLine, 2);
  for (int l = 0; l < linesPerAxis; ++l) {
    z.block(l * verticesPerLine, 0, verticesPerLine, 1).setConstant(xs(l));
    z.block(l * verticesPerLine, 1, verticesPerLine, 1) = ty;
    z.block((linesPerAxis + l) * verticesPerLine, 0, verticesPerLine, 1) = tx;
    z.block((linesPerAxis + l) * verticesPerLine, 1, verticesPerLine, 1).setConstant(ys(l));
  }
  Batch x(z.rows(), 2);
  for (Eigen::Index begin = 0; begin < z.rows(); begin += kChunkSize) {
    const Eigen::Index count = std::min<Eigen::Index>(kChunkSize, z.rows() - begin);
    const Expected<Transformed> fwd = flow.forward(z.middleRows(begin, count));
    if (!fwd.ok()) return {fwd.status, {}};
    x.middleRows(begin, count) = fwd.value.value;
  }
  GridWarp& w = out.value;
  w.verticalCount = linesPerAxis;
  w.levels.resize(n);
  w.levels << xs, ys;
  for (int l = 0; l < n; ++l) w.lines.push_back(x.middleRows(l * verticesPerLine, verticesPerLine));
  return out;
}

}  // namespace flowlab
