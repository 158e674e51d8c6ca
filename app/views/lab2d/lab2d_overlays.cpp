// The 2D lab's overlays: the grid and its image, Jacobian volume patches, and sample clouds,
// each drawn in both panes and blended between layer k and k+1 while morphing.
#include <algorithm>
#include <cmath>
#include <vector>

#include <imgui.h>

#include "app/plot/colormap.h"
#include "app/ui/theme.h"
#include "app/views/lab2d/lab2d_layout.h"

namespace flowlab::app {
namespace {

// Line i of n: vertical lines (z₁ = const) run blue to violet, horizontal ones (z₂ = const) orange
// to red, so any one line can be followed from the base pane to the data pane.
ImU32 gridLineColour(int i, int verticalCount, int total) {
  const bool vertical = i < verticalCount;
  const int n = vertical ? verticalCount : total - verticalCount;
  const float u = n > 1 ? float(vertical ? i : i - verticalCount) / (n - 1) : 0.0f;
  float r, g, b;
  ImGui::ColorConvertHSVtoRGB(vertical ? 0.52f + 0.25f * u : 0.02f + 0.11f * u, 0.85f, vertical ? 0.75f : 0.9f, r, g, b);
  return ImGui::ColorConvertFloat4ToU32(ImVec4(r, g, b, 0.85f));
}

// Blends two same-shaped vertex sets for the morph (presentation only; both come from the engine).
ImVec2 blend(const PlotFrame& f, double x0, double y0, double x1, double y1, double t) {
  return f.toPixels(x0 + t * (x1 - x0), y0 + t * (y1 - y0));
}

void drawLines(ImDrawList* dl, const PlotFrame& f, const GridWarp& a, const GridWarp& b, double t, bool straight) {
  dl->PushClipRect(f.min(), f.max(), true);
  const int total = static_cast<int>(a.lines.size());
  std::vector<ImVec2> pts;
  for (int i = 0; i < total; ++i) {
    const Batch& la = a.lines[i];
    const Batch& lb = b.lines.size() == a.lines.size() ? b.lines[i] : la;
    pts.clear();
    if (straight) {  // the base grid: two vertices a line are exact
      pts.push_back(f.toPixels(la(0, 0), la(0, 1)));
      pts.push_back(f.toPixels(la(la.rows() - 1, 0), la(la.rows() - 1, 1)));
    } else {
      for (int v = 0; v < la.rows(); ++v) pts.push_back(blend(f, la(v, 0), la(v, 1), lb(v, 0), lb(v, 1), t));
    }
    // An integer width lets ImGui draw anti-aliased lines from its texture (a third of the
    // vertices of the geometric path, which software GL rasterizes slowly).
    dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), gridLineColour(i, a.verticalCount, total), 0, 2.0f);
  }
  dl->PopClipRect();
}

}  // namespace

double patchLegendRange(const Lab2DState& s) {
  double m = 1.0;
  if (s.fields.from.patches.ok())
    m = std::max(m, s.fields.from.patches.value.logAbsDet.cwiseAbs().maxCoeff());
  return std::min(std::ceil(m), 8.0);
}

void drawGridOverlay(ImDrawList* dl, const Lab2DState& s, const Lab2DLayout& l, double t) {
  if (s.fields.baseGrid.ok()) drawLines(dl, l.base, s.fields.baseGrid.value, s.fields.baseGrid.value, 0.0, true);
  const StageFields &from = s.fields.from, &to = s.fields.to;
  if (!from.validity.ok() || !from.grid.ok()) return;
  drawLines(dl, l.data, from.grid.value, to.grid.ok() ? to.grid.value : from.grid.value, t, false);
}

void drawPatchOverlay(ImDrawList* dl, const Lab2DState& s, const Lab2DLayout& l, double t) {
  const StageFields &from = s.fields.from, &to = s.fields.to;
  if (!from.validity.ok() || !from.patches.ok()) return;
  const JacobianPatches& a = from.patches.value;
  const JacobianPatches& b = (to.patches.ok() && to.patches.value.quads.rows() == a.quads.rows()) ? to.patches.value : a;
  const double range = patchLegendRange(s);
  const double half = a.side * 0.5;
  for (int i = 0; i < a.quads.rows(); ++i) {
    const double lad = a.logAbsDet(i) + t * (b.logAbsDet(i) - a.logAbsDet(i));
    const ImU32 fill = colormapColour(ColormapKind::Diverging, 0.5 + 0.5 * lad / range, 0.85f);
    const ImVec2 zMin = l.base.toPixels(a.centresZ(i, 0) - half, a.centresZ(i, 1) - half);
    const ImVec2 zMax = l.base.toPixels(a.centresZ(i, 0) + half, a.centresZ(i, 1) + half);
    dl->AddRectFilled(ImVec2(zMin.x, zMax.y), ImVec2(zMax.x, zMin.y), fill);
    dl->AddRect(ImVec2(zMin.x, zMax.y), ImVec2(zMax.x, zMin.y), IM_COL32(60, 60, 70, 120));
    ImVec2 q[4];
    for (int c = 0; c < 4; ++c)
      q[c] = blend(l.data, a.quads(i, 2 * c), a.quads(i, 2 * c + 1), b.quads(i, 2 * c), b.quads(i, 2 * c + 1), t);
    dl->PushClipRect(l.data.min(), l.data.max(), true);
    dl->AddQuadFilled(q[0], q[1], q[2], q[3], fill);
    dl->AddQuad(q[0], q[1], q[2], q[3], IM_COL32(60, 60, 70, 120));
    dl->PopClipRect();
  }
}

void drawSampleOverlay(ImDrawList* dl, const Lab2DState& s, const Lab2DLayout& l, int k, double t) {
  if (!s.fields.clouds.ok()) return;
  const FlowTrace& trace = s.fields.clouds.value;
  const float r = std::max(1.2f, ImGui::GetFontSize() * 0.1f);
  const Batch& z = trace.values.front();
  dl->PushClipRect(l.base.min(), l.base.max(), true);
  for (int i = 0; i < z.rows(); ++i) dl->AddCircleFilled(l.base.toPixels(z(i, 0), z(i, 1)), r, IM_COL32(52, 120, 198, 150), 6);
  dl->PopClipRect();
  if (!s.fields.from.validity.ok() || k >= static_cast<int>(trace.values.size())) return;
  const Batch& a = trace.values[k];
  const Batch& b = k + 1 < static_cast<int>(trace.values.size()) ? trace.values[k + 1] : a;
  dl->PushClipRect(l.data.min(), l.data.max(), true);
  for (int i = 0; i < a.rows(); ++i)
    dl->AddCircleFilled(blend(l.data, a(i, 0), a(i, 1), b(i, 0), b(i, 1), t), r, IM_COL32(222, 112, 38, 150), 6);
  dl->PopClipRect();
}

}  // namespace flowlab::app
