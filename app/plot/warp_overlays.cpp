#include "app/plot/warp_overlays.h"

#include <vector>

#include "app/plot/colormap.h"

namespace flowlab::app {
namespace {

// Blends two same-shaped vertex sets for the morph (presentation only; both come from the engine).
ImVec2 blend(const PlotFrame& f, double x0, double y0, double x1, double y1, double t) {
  return f.toPixels(x0 + t * (x1 - x0), y0 + t * (y1 - y0));
}

}  // namespace

ImU32 gridLineColour(int i, int verticalCount, int total) {
  const bool vertical = i < verticalCount;
  const int n = vertical ? verticalCount : total - verticalCount;
  const float u = n > 1 ? float(vertical ? i : i - verticalCount) / (n - 1) : 0.0f;
  float r, g, b;
  ImGui::ColorConvertHSVtoRGB(vertical ? 0.52f + 0.25f * u : 0.02f + 0.11f * u, 0.85f, vertical ? 0.75f : 0.9f, r, g, b);
  return ImGui::ColorConvertFloat4ToU32(ImVec4(r, g, b, 0.85f));
}

int drawWarpGrid(ImDrawList* dl, const PlotFrame& f, const GridWarp& a, const GridWarp& b, double t, bool straight) {
  dl->PushClipRect(f.min(), f.max(), true);
  const int total = static_cast<int>(a.lines.size());
  std::vector<ImVec2> pts;
  for (int i = 0; i < total; ++i) {
    const Batch& la = a.lines[i];
    const Batch& lb = b.lines.size() == a.lines.size() ? b.lines[i] : la;
    pts.clear();
    if (straight) {
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
  return total;
}

int drawWarpPatches(ImDrawList* dl, const PlotFrame& base, const PlotFrame& data, const JacobianPatches& a,
                    const JacobianPatches& b0, double t, double range) {
  const JacobianPatches& b = b0.quads.rows() == a.quads.rows() ? b0 : a;
  const int n = static_cast<int>(a.quads.rows());
  const double half = a.side * 0.5;
  const ImU32 edge = IM_COL32(60, 60, 70, 120);
  std::vector<ImU32> fill(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) {
    const double lad = a.logAbsDet(i) + t * (b.logAbsDet(i) - a.logAbsDet(i));
    fill[size_t(i)] = colormapColour(ColormapKind::Diverging, 0.5 + 0.5 * lad / range, 0.85f);
  }
  // One clip rectangle per pane, not per patch: each change of it is a draw call of its own,
  // which software GL pays for dearly.
  dl->PushClipRect(base.min(), base.max(), true);
  for (int i = 0; i < n; ++i) {
    const ImVec2 zMin = base.toPixels(a.centresZ(i, 0) - half, a.centresZ(i, 1) - half);
    const ImVec2 zMax = base.toPixels(a.centresZ(i, 0) + half, a.centresZ(i, 1) + half);
    dl->AddRectFilled(ImVec2(zMin.x, zMax.y), ImVec2(zMax.x, zMin.y), fill[size_t(i)]);
    dl->AddRect(ImVec2(zMin.x, zMax.y), ImVec2(zMax.x, zMin.y), edge);
  }
  dl->PopClipRect();
  dl->PushClipRect(data.min(), data.max(), true);
  for (int i = 0; i < n; ++i) {
    ImVec2 q[4];
    for (int c = 0; c < 4; ++c)
      q[c] = blend(data, a.quads(i, 2 * c), a.quads(i, 2 * c + 1), b.quads(i, 2 * c), b.quads(i, 2 * c + 1), t);
    dl->AddQuadFilled(q[0], q[1], q[2], q[3], fill[size_t(i)]);
    dl->AddQuad(q[0], q[1], q[2], q[3], edge);
  }
  dl->PopClipRect();
  return n;
}

}  // namespace flowlab::app
