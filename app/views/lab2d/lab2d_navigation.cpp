// Zoom and pan in the 2D lab's panes: the scroll wheel zooms about the pointer (the point under it
// stays put), dragging empty space pans, Fit brings the whole picture back.
#include <algorithm>
#include <cmath>
#include <vector>

#include <imgui.h>

#include "app/views/lab2d/lab2d_layout.h"

namespace flowlab::app {
namespace {

constexpr double kZoomPerClick = 0.8;                // one wheel click up shows 80% of the span
constexpr double kMinSpan = 1e-3, kMaxSpan = 1e4;  // keep ranges far from rounding and overflow

Rect paneRect(const Lab2DState& s, Pane p) { return p == Pane::Base ? s.baseRect : dataRect(s); }

void setPaneRect(Lab2DState& s, Pane p, const Rect& r) {
  if (p == Pane::Base) {
    s.baseRect = r;
    s.dirty = true;
  } else {
    setDataRect(s, r);
  }
}

const PlotFrame& frameOf(const Lab2DLayout& l, Pane p) { return p == Pane::Base ? l.base : l.data; }

Pane paneAt(const Lab2DLayout& l, ImVec2 m) {
  return l.base.contains(m) ? Pane::Base : l.data.contains(m) ? Pane::Data : Pane::None;
}

// A range scaled by `factor` about `centre` (the value under the pointer stays where it is).
void zoomAbout(double& lo, double& hi, double centre, double factor) {
  const double span = std::clamp((hi - lo) * factor, kMinSpan, kMaxSpan);
  const double u = (centre - lo) / (hi - lo);
  lo = centre - u * span;
  hi = lo + span;
}

// The value at fraction q of a list (sorted in place around that position).
double quantile(std::vector<double>& v, double q) {
  const size_t i = std::min(v.size() - 1, static_cast<size_t>(q * (v.size() - 1)));
  std::nth_element(v.begin(), v.begin() + i, v.end());
  return v[i];
}

}  // namespace

bool handleLab2DNavigation(Lab2DState& s, const Lab2DLayout& l) {
  const ImGuiIO& io = ImGui::GetIO();
  const ImVec2 m = io.MousePos;
  bool changed = false;
  if (s.dragHandle < 0 && s.panPane == Pane::None && io.MouseWheel != 0.0f && ImGui::IsWindowHovered()) {
    const Pane p = paneAt(l, m);
    if (p != Pane::None) {
      double cx = 0, cy = 0;
      frameOf(l, p).toData(m, cx, cy);
      Rect r = paneRect(s, p);
      const double factor = std::pow(kZoomPerClick, io.MouseWheel);
      zoomAbout(r.xMin, r.xMax, cx, factor);
      zoomAbout(r.yMin, r.yMax, cy, factor);
      setPaneRect(s, p, r);
      changed = true;
    }
  }
  if (s.dragHandle < 0 && s.panPane == Pane::None && ImGui::IsMouseClicked(0) && ImGui::IsWindowHovered())
    s.panPane = paneAt(l, m);
  if (s.panPane != Pane::None) {
    if (!ImGui::IsMouseDown(0)) {
      s.panPane = Pane::None;
      s.dirty = true;  // back to full resolution
    } else if (io.MouseDelta.x != 0.0f || io.MouseDelta.y != 0.0f) {
      const PlotFrame& f = frameOf(l, s.panPane);
      Rect r = paneRect(s, s.panPane);
      // The picture follows the pointer: moving right shows what lies to the left.
      const double dx = -io.MouseDelta.x / (f.max().x - f.min().x) * r.width();
      const double dy = io.MouseDelta.y / (f.max().y - f.min().y) * r.height();
      r.xMin += dx, r.xMax += dx, r.yMin += dy, r.yMax += dy;
      setPaneRect(s, s.panPane, r);
      changed = true;
    }
    s.interacting = true;
  }
  return changed;
}

void fitBasePane(Lab2DState& s) {
  s.baseRect = kDefaultBaseRect;
  s.dirty = true;
}

void fitDataPane(Lab2DState& s) {
  int k = 0;
  double t = 0;
  morphPosition(s, k, t);
  const int stage = t > 0.0 ? k + 1 : k;
  Rect r{-4, 4, -4, 4};
  if (s.fields.clouds.ok() && stage < static_cast<int>(s.fields.clouds.value.values.size())) {
    const Batch& x = s.fields.clouds.value.values[stage];
    std::vector<double> xs, ys;
    for (int i = 0; i < x.rows(); ++i)
      if (std::isfinite(x(i, 0)) && std::isfinite(x(i, 1))) xs.push_back(x(i, 0)), ys.push_back(x(i, 1));
    if (xs.size() >= 10) {
      // The central 99.6% of the samples on each axis, in a square window (the panes are square,
      // so shapes keep their proportions) with a margin.
      const double x0 = quantile(xs, 0.002), x1 = quantile(xs, 0.998);
      const double y0 = quantile(ys, 0.002), y1 = quantile(ys, 0.998);
      const double half = std::clamp(0.55 * std::max(x1 - x0, y1 - y0), kMinSpan, kMaxSpan);
      const double cx = 0.5 * (x0 + x1), cy = 0.5 * (y0 + y1);
      r = Rect{cx - half, cx + half, cy - half, cy + half};
    }
  }
  setDataRect(s, r);
}

}  // namespace flowlab::app
