// The first-NaN locator of the labs: where over a pane (a 2D grid of data points, or points along
// the 1D lab's x axis) a flow's log p pass first turns non-finite, which layer did it, and one
// representative point to mark: the bad point nearest the middle of the window (the middle itself
// when everything is bad, the edge of the bad region nearest the middle when only part is).
#pragma once

#include "core/eval/grid.h"
#include "core/inspect/evidence.h"

namespace flowlab {

// The flow with only its first k enabled layers still enabled; unlike Flow::prefix it keeps every
// layer in place, so messages number layers as the stack editor does ("layer 3" stays layer 3).
Flow firstEnabledLayers(const Flow& flow, int k);

struct NonFiniteOnGrid {
  NonFiniteSite site;  // site.bad: W*H cells in the layout of core/eval/grid.h
  GridSpec grid;
  int cell = -1;       // the representative bad cell (-1 when nothing is non-finite)
  Vector at;           // 2: its centre (empty when cell < 0)
};
// Locates over the cell centres of a 2D grid of data points x (at most 1024 by 1024 cells).
Expected<NonFiniteOnGrid> locateNonFiniteOnGrid(const Flow& flow, const GridSpec& grid);

struct NonFiniteOnAxis {
  NonFiniteSite site;  // site.bad: one per point
  Vector x;            // n: the points, evenly spaced on [xMin, xMax]
  int point = -1;      // the representative bad point (-1 when none)
  double at = 0.0;     // x(point)
};
// Locates over n >= 2 points of a 1D flow evenly spaced on [xMin, xMax] (finite, xMin < xMax).
Expected<NonFiniteOnAxis> locateNonFiniteOnAxis(const Flow& flow, double xMin, double xMax, int n);

}  // namespace flowlab
