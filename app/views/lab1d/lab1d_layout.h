// Where the 1D lab's panels sit in the canvas: p_X on the left (sideways, sharing the x axis with
// the curve), the curve x = f(z) in the middle, p_Z below it (sharing the z axis), readouts in the corner.
// Both density axes have the same length in pixels and show the same density range, so one density
// is drawn at one length in both panels.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/plot/plot_frame.h"

namespace flowlab::app {

struct Lab1DLayout {
  ImVec2 canvasMin, canvasMax;
  PlotFrame curve;      // horizontal z, vertical x
  PlotFrame dataPanel;  // horizontal p_X in [densityTop, 0] (density grows to the left), vertical x
  PlotFrame basePanel;  // horizontal z, vertical p_Z in [0, densityTop]
  ImVec2 cornerMin, cornerMax;  // the readout box
};

// `densityTop`: the density drawn at the full length of both density axes. `readoutSize`: what the
// readout box needs (the layout makes the corner at least that big while the canvas allows).
Lab1DLayout layoutLab1D(ImVec2 origin, ImVec2 size, Range z, Range x, double densityTop, ImVec2 readoutSize);

// Pixels per unit of density as each panel actually draws it.
double dataPixelsPerDensity(const Lab1DLayout& l);
double basePixelsPerDensity(const Lab1DLayout& l);

// A text the canvas drew, with the panel it may sit inside (-1: none; 0 curve, 1 data, 2 base).
struct Lab1DLabel {
  std::string text;
  ImVec2 min, max;
  int panel = -1;
};

// What the last frame drew, beyond the layout: for --trace-state and the tests.
struct Lab1DDrawn {
  std::vector<Lab1DLabel> labels;
  std::vector<ImVec2> clipMarks;   // where a p_X spike leaves its panel (tip of the mark)
  std::vector<ImVec2> knots;       // spline knots, when they are handles
  std::vector<ImVec2> linePoints;  // affine line: grab points at z = -2 and z = 2, then (0, b)
  float readoutOverflow = 0.0f;    // pixels the readout's content runs past its box (0: fits)
  ImVec2 readoutSize;              // what the readout asked the layout for
  std::optional<ImVec2> nonFiniteMark;  // the first-NaN mark on the p_X panel, when drawn
};

// Checks of a drawn frame, for the trace and the tests: labels outside the canvas, pairs of labels
// that overlap, labels over a panel they do not belong to, and the readout box over a panel or label.
struct Lab1DLayoutProblems {
  int outside = 0, overlapping = 0, overPanel = 0, readoutCovering = 0;
  std::string first;  // a description of the first problem found ("" when none)
  int total() const { return outside + overlapping + overPanel + readoutCovering; }
};
Lab1DLayoutProblems checkLab1DLayout(const Lab1DLayout& l, const Lab1DDrawn& d);

}  // namespace flowlab::app
