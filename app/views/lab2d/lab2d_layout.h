// Where the 2D lab's parts sit: two square panes (base z left, data x right) with axes, a colour
// bar right of the data pane, and the readout and legends below.
#pragma once

#include "app/plot/plot_frame.h"
#include "app/views/lab2d/lab2d_state.h"

namespace flowlab::app {

struct Lab2DLayout {
  PlotFrame base;
  PlotFrame data;
  ImVec2 colourBarMin, colourBarMax;
  ImVec2 belowMin, belowMax;  // readout and legend strip
};

Lab2DLayout layoutLab2D(const Lab2DState& s, ImVec2 origin, ImVec2 size);

// Drawing parts (lab2d_overlays.cpp, lab2d_readout.cpp, lab2d_handles.cpp).
void drawGridOverlay(ImDrawList* dl, const Lab2DState& s, const Lab2DLayout& l, double t);
void drawPatchOverlay(ImDrawList* dl, const Lab2DState& s, const Lab2DLayout& l, double t);
void drawSampleOverlay(ImDrawList* dl, const Lab2DState& s, const Lab2DLayout& l, int k, double t);
void updateLab2DHover(Lab2DState& s, const Lab2DLayout& l);
void drawLab2DHoverMarks(ImDrawList* dl, const Lab2DState& s, const Lab2DLayout& l);
void drawLab2DBelow(const Lab2DState& s, const Lab2DLayout& l, float densityLow, float densityHigh);
// Returns true when a handle changed a parameter this frame.
bool handleLab2DDrag(Lab2DState& s, const Lab2DLayout& l, ImDrawList* dl);
// Largest |log det J| the patch legend spans (at least 1).
double patchLegendRange(const Lab2DState& s);

}  // namespace flowlab::app
