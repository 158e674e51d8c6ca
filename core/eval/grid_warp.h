// The "grid bends" picture: the images under x = f(z) of a regular grid of lines in z-space.
#pragma once

#include <vector>

#include "core/eval/grid.h"
#include "core/flow/flow.h"

namespace flowlab {

struct GridWarp {
  // Polylines in x-space, each M by 2 (M vertices in order along the line). The first
  // `verticalCount` are the images of z0 = const (left to right), the rest of z1 = const (bottom to top).
  std::vector<Batch> lines;
  int verticalCount = 0;
  Vector levels;  // the constant z0 (then z1) of each line, in the same order
};

// linesPerAxis >= 2 lines evenly spaced over zRect on each axis (edges included), each sampled at
// verticesPerLine >= 2 points. Needs a valid 2D flow.
Expected<GridWarp> warpGridLines(const Flow& flow, const Rect& zRect, int linesPerAxis, int verticesPerLine);

}  // namespace flowlab
