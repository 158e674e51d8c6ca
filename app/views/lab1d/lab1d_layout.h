// Where the 1D lab's panels sit in the canvas: p_X on the left (sideways, sharing the x axis with
// the curve), the curve x = f(z) in the middle, p_Z below it (sharing the z axis), readouts in the corner.
#pragma once

#include "app/plot/plot_frame.h"

namespace flowlab::app {

struct Lab1DLayout {
  PlotFrame curve;      // horizontal z, vertical x
  PlotFrame dataPanel;  // horizontal −p_X (density grows to the left), vertical x
  PlotFrame basePanel;  // horizontal z, vertical p_Z
  ImVec2 cornerMin, cornerMax;
};

Lab1DLayout layoutLab1D(ImVec2 origin, ImVec2 size, Range z, Range x, double densityMax);

}  // namespace flowlab::app
