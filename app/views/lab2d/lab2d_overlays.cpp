// The 2D lab's overlays: the grid and its image, Jacobian volume patches, and sample clouds,
// each drawn in both panes and blended between layer k and k+1 while morphing.
#include <algorithm>
#include <cmath>
#include <vector>

#include <imgui.h>

#include "app/plot/warp_overlays.h"
#include "app/ui/theme.h"
#include "app/views/lab2d/lab2d_layout.h"

namespace flowlab::app {
namespace {

// Blends two same-shaped vertex sets for the morph (presentation only; both come from the engine).
ImVec2 blend(const PlotFrame& f, double x0, double y0, double x1, double y1, double t) {
  return f.toPixels(x0 + t * (x1 - x0), y0 + t * (y1 - y0));
}

// Scales the opacity of every vertex added to dl since `first` (a fade of what was just drawn).
void fadeVerticesSince(ImDrawList* dl, int first, float alpha) {
  if (alpha >= 1.0f) return;
  for (int i = first; i < dl->VtxBuffer.Size; ++i) {
    ImU32& c = dl->VtxBuffer[i].col;
    const ImU32 a = static_cast<ImU32>(float((c >> IM_COL32_A_SHIFT) & 0xFF) * alpha);
    c = (c & ~IM_COL32_A_MASK) | (a << IM_COL32_A_SHIFT);
  }
}

}  // namespace

double patchLegendRange(const Lab2DState& s) {
  double m = 1.0;
  if (s.fields.from.patches.ok())
    m = std::max(m, s.fields.from.patches.value.logAbsDet.cwiseAbs().maxCoeff());
  return std::min(std::ceil(m), 8.0);
}

void drawGridOverlay(ImDrawList* dl, const Lab2DState& s, const Lab2DLayout& l, double t, float dataAlpha) {
  if (s.fields.baseGrid.ok()) drawWarpGrid(dl, l.base, s.fields.baseGrid.value, s.fields.baseGrid.value, 0.0, true);
  const StageFields &from = s.fields.from, &to = s.fields.to;
  if (!from.validity.ok() || !from.grid.ok() || dataAlpha <= 0.0f) return;
  const int first = dl->VtxBuffer.Size;
  drawWarpGrid(dl, l.data, from.grid.value, to.grid.ok() ? to.grid.value : from.grid.value, t, false);
  fadeVerticesSince(dl, first, dataAlpha);
}

void drawPatchOverlay(ImDrawList* dl, const Lab2DState& s, const Lab2DLayout& l, double t, float dataAlpha) {
  const StageFields &from = s.fields.from, &to = s.fields.to;
  if (!from.validity.ok() || !from.patches.ok() || dataAlpha <= 0.0f) return;
  const JacobianPatches& a = from.patches.value;
  const JacobianPatches& b = to.patches.ok() ? to.patches.value : a;
  // Base and data patches are drawn together: a hidden prediction hides both (the base squares
  // alone would give nothing away, but they are only shown with their images).
  const int first = dl->VtxBuffer.Size;
  drawWarpPatches(dl, l.base, l.data, a, b, t, patchLegendRange(s));
  fadeVerticesSince(dl, first, dataAlpha);
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
