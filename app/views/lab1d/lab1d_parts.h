// The pieces the 1D canvas is drawn from, each in its own file of app/views/lab1d.
#pragma once

#include <imgui.h>

#include "app/views/lab1d/lab1d_layout.h"
#include "app/views/lab1d/lab1d_state.h"

namespace flowlab::app {

// lab1d_density.cpp: the shared density scale, both densities, the histogram and the clip marks.
double fitDensityTop(const Lab1DFields& fields);
void drawLab1DDensities(ImDrawList* dl, Lab1DState& s, const Lab1DLayout& layout);

// lab1d_axes.cpp: frames, ticks (density ticks on both density panels) and titles.
void drawLab1DAxes(ImDrawList* dl, Lab1DDrawn& drawn, const Lab1DLayout& layout);

// lab1d_canvas_parts.cpp: decile bands, the hover readout and the corner box.
void drawLab1DBands(ImDrawList* dl, const Lab1DState& s, const Lab1DLayout& layout);
void drawLab1DHover(Lab1DState& s, ImDrawList* dl, const Lab1DLayout& layout);
// What the corner box needs for its longest content with `layers` layer terms.
ImVec2 lab1dReadoutSize(int layers);
void drawLab1DCorner(Lab1DState& s, const Lab1DLayout& layout);

// lab1d_evidence.cpp: the first-NaN mark along the x axis (a line across p_X and the curve, the
// broken stretches on p_X's edge, and a tag naming the layer).
void drawLab1DNonFinite(ImDrawList* dl, Lab1DState& s, const Lab1DLayout& layout);

// lab1d_drag.cpp: direct manipulation (knots, the affine line) and their tooltips.
void handleLab1DDrag(Lab1DState& s, const Lab1DLayout& layout);

}  // namespace flowlab::app
