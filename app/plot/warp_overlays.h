// The learned or edited map's geometry, drawn the same way in every view that shows a flow
// (the 2D lab and the Training view): the images of a grid of z-lines, and Jacobian volume
// patches (a z-square in the base pane, its image quad in the data pane, coloured by log|det J|).
// Both come from core (core/eval/grid_warp.h, jacobian_patches.h); this only draws them.
#pragma once

#include <imgui.h>

#include "app/plot/plot_frame.h"
#include "core/eval/grid_warp.h"
#include "core/eval/jacobian_patches.h"

namespace flowlab::app {

// Line i of `total`: vertical lines (z₁ = const) run blue to violet, horizontal ones (z₂ = const)
// orange to red, so any one line can be followed from the base pane to the data pane.
ImU32 gridLineColour(int i, int verticalCount, int total);

// The lines of `a` in `frame`, blended towards the same-shaped `b` by t in [0, 1] (a morph between
// two stages; pass a twice for none). `straight`: the base grid, two vertices a line are exact.
// Returns the number of lines drawn.
int drawWarpGrid(ImDrawList* dl, const PlotFrame& frame, const GridWarp& a, const GridWarp& b, double t,
                 bool straight);

// Each patch's z-square in `base` and its image quad in `data` (blended towards b by t), filled
// with the diverging colour of log|det J| / range (blue shrinks, red stretches area). Returns the
// number of patches drawn.
int drawWarpPatches(ImDrawList* dl, const PlotFrame& base, const PlotFrame& data, const JacobianPatches& a,
                    const JacobianPatches& b, double t, double range);

}  // namespace flowlab::app
