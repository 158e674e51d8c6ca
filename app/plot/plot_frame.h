// A rectangle of the screen showing a rectangle of data coordinates (ImPlot's PlotToPixels /
// PixelsToPlot pair, without its bulk): the mapping both ways, axes with ticks, and polylines.
#pragma once

#include <string>
#include <vector>

#include <imgui.h>

namespace flowlab::app {

struct Range {
  double min = 0.0, max = 1.0;
  double span() const { return max - min; }
};

class PlotFrame {
 public:
  // Pixel rectangle [pixelMin, pixelMax] (screen coordinates, y grows downwards) showing data
  // x in xRange (left to right) and y in yRange (bottom to top).
  PlotFrame(ImVec2 pixelMin, ImVec2 pixelMax, Range xRange, Range yRange);

  ImVec2 toPixels(double x, double y) const;
  void toData(ImVec2 pixel, double& x, double& y) const;
  bool contains(ImVec2 pixel) const;

  ImVec2 min() const { return min_; }
  ImVec2 max() const { return max_; }
  const Range& xRange() const { return x_; }
  const Range& yRange() const { return y_; }

 private:
  ImVec2 min_, max_;
  Range x_, y_;
};

// About `target` round-numbered tick positions (1, 2 or 5 times a power of ten) inside [min, max].
std::vector<double> niceTicks(double min, double max, int target = 6);

// Frame, tick marks with labels, and axis titles.
struct AxisStyle {
  bool xTicks = true, yTicks = true;
  bool grid = true;
  const char* xLabel = nullptr;
  const char* yLabel = nullptr;
  ImU32 labelColour = IM_COL32(30, 30, 36, 255);
};
void drawAxes(ImDrawList* dl, const PlotFrame& frame, const AxisStyle& style = {});

// A polyline through (xs[i·stride], ys[i·stride]); breaks at non-finite points instead of drawing them.
void drawPolyline(ImDrawList* dl, const PlotFrame& frame, const double* xs, const double* ys, int count,
                  ImU32 colour, float thickness, int stride = 1);

// Formats a value for a tick or readout with about 3 significant digits; negatives carry a true
// minus sign (U+2212, "−2"), never a hyphen that a tick mark turns into "--2".
std::string formatValue(double v);

}  // namespace flowlab::app
