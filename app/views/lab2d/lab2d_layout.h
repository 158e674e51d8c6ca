// Where the 2D lab's parts sit: two square panes (base z left, data x right) with axes, a colour
// bar right of the data pane (and one right of the base pane when each pane has its own scale),
// a Fit button under each pane, and the readout and legend below. The layout reflows from
// 1024×768 to 3840×2160: titles take two lines when a pane is narrow, the legend goes under the
// readout when there is no room beside it, and every part stays inside the canvas.
#pragma once

#include <string>
#include <vector>

#include "app/plot/plot_frame.h"
#include "app/views/lab2d/lab2d_state.h"

namespace flowlab::app {

struct ScreenRect {
  ImVec2 min{}, max{};
  bool overlaps(const ScreenRect& o) const {
    return min.x < o.max.x && o.min.x < max.x && min.y < o.max.y && o.min.y < max.y;
  }
  bool inside(const ScreenRect& o) const {
    return min.x >= o.min.x && min.y >= o.min.y && max.x <= o.max.x && max.y <= o.max.y;
  }
};

struct Lab2DLayout {
  PlotFrame base{ImVec2(), ImVec2(1, 1), Range{}, Range{}};
  PlotFrame data{ImVec2(), ImVec2(1, 1), Range{}, Range{}};
  ScreenRect canvas;
  ScreenRect dataBar;            // the data pane's colour bar (the only one when shared)
  ScreenRect baseBar;            // the base pane's own bar (per-pane scale or round trip; else empty)
  bool perPaneBars = false;      // p_Z and p_X each have their own bar
  bool baseBarShown = false;     // the base pane has a bar: p_Z's (per pane), or the round-trip error's
  int titleLines = 1;            // more when a pane is too narrow for its title on one line
  ImVec2 baseTitle, dataTitle;   // top-left of each title
  float baseTitleWidth = 0, dataTitleWidth = 0;  // room for each title's lines
  ImVec2 baseFit, dataFit;       // top-left of each pane's Fit button
  ScreenRect readout;            // the readout box
  ScreenRect legend;             // the patch legend (with its title and labels)
  // Every part that must not overlap another, with a name (for tests and --trace-state).
  std::vector<std::pair<std::string, ScreenRect>> parts() const;
};

Lab2DLayout layoutLab2D(const Lab2DState& s, ImVec2 origin, ImVec2 size);

// The data pane's stage caption: "after 2 of 3 layers", or, between layers,
// "between layer 1 and 2 (visual blend)" (the in-between picture is a cross-fade, not one map).
std::string lab2dStageCaption(const Lab2DState& s);
// A pane's title in pieces that may go on separate lines; `widest` gives the longest the title can
// get for this stack (so the layout does not jump while the morph plays).
std::vector<std::string> lab2dTitlePieces(const Lab2DState& s, Pane pane, bool widest = false);
// The base pane's title pieces while the round-trip overlay is on (`widest`: at its widest numbers).
std::vector<std::string> roundTripTitlePieces(const Lab2DState& s, bool widest);
// The readout box's height for the probe table of a stack of `layers` enabled layers.
float lab2dReadoutHeight(int layers);
// Pieces packed greedily into lines no wider than `width` (joined by three spaces).
std::vector<std::string> packTitleLines(const std::vector<std::string>& pieces, float width);

// Drawing parts (lab2d_overlays.cpp, lab2d_readout.cpp, lab2d_handles.cpp).
// dataAlpha fades what the data pane shows (a prediction lesson's hidden grid or patches).
void drawGridOverlay(ImDrawList* dl, const Lab2DState& s, const Lab2DLayout& l, double t, float dataAlpha = 1.0f);
void drawPatchOverlay(ImDrawList* dl, const Lab2DState& s, const Lab2DLayout& l, double t, float dataAlpha = 1.0f);
void drawSampleOverlay(ImDrawList* dl, const Lab2DState& s, const Lab2DLayout& l, int k, double t);
void updateLab2DHover(Lab2DState& s, const Lab2DLayout& l);
void drawLab2DHoverMarks(ImDrawList* dl, const Lab2DState& s, const Lab2DLayout& l);
// The readout and legends; returns true when its Fit button (shown when mass lies outside) was pressed.
bool drawLab2DBelow(Lab2DState& s, const Lab2DLayout& l);
// Handle positions and drags (the handles are drawn by drawLab2DHandles, on top of everything).
// Returns true when a handle changed a parameter this frame.
bool handleLab2DDrag(Lab2DState& s, const Lab2DLayout& l);
void drawLab2DHandles(ImDrawList* dl, const Lab2DState& s, const Lab2DLayout& l);
// Scroll to zoom about the pointer and drag empty space to pan, in either pane (lab2d_navigation.cpp).
// Returns true when a pane's range changed.
bool handleLab2DNavigation(Lab2DState& s, const Lab2DLayout& l);
// Fit: the base pane back to ±3.5; the data pane to where the samples of the shown stage lie.
void fitBasePane(Lab2DState& s);
void fitDataPane(Lab2DState& s);
// The truth overlays (lab2d_evidence_draw.cpp): the round-trip heatmap, its bar and its worst cell
// over the base pane; the first-NaN mark over the data pane.
class HeatmapRenderer;
void drawRoundTripOverlay(ImDrawList* dl, Lab2DState& s, const Lab2DLayout& l, HeatmapRenderer& r);
void drawRoundTripMark(ImDrawList* dl, Lab2DState& s, const Lab2DLayout& l);  // on top of grid and samples
void drawNonFiniteMark(ImDrawList* dl, Lab2DState& s, const Lab2DLayout& l);
// The probe table (layer, analytic log|det J|, finite difference, difference) in the readout.
void drawProbeTable(const PointProbe& p);
// Largest |log det J| the patch legend spans (at least 1).
double patchLegendRange(const Lab2DState& s);

}  // namespace flowlab::app
