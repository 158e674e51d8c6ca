// Direct manipulation in the 1D lab: drag spline knots on the curve; drag an affine map's line
// (vertical drag: offset b; Shift+drag: slope a, turning the line about its point (0, b)).
#include <algorithm>
#include <cmath>

#include <imgui.h>

#include "app/ui/tooltip.h"
#include "app/ui/theme.h"
#include "app/views/lab1d/lab1d_parts.h"

namespace flowlab::app {
namespace {

// The stack index of the one layer shown, when exactly one enabled layer is shown; else -1.
int singleShownLayer(const Lab1DState& s) {
  const int enabled = s.scene.flow.enabledCount();
  const int shown = s.visibleLayers < 0 ? enabled : std::min(s.visibleLayers, enabled);
  if (shown != 1) return -1;
  for (int i = 0; i < s.scene.flow.layerCount(); ++i)
    if (s.scene.flow.isEnabled(i)) return i;
  return -1;
}

constexpr double kKnotGap = 0.05;  // keeps dragged knots strictly increasing

}  // namespace

void handleLab1DDrag(Lab1DState& s, const Lab1DLayout& l) {
  const int index = singleShownLayer(s);
  if (index < 0) {
    s.dragKnot = -1;
    s.dragCurve = false;
    return;
  }
  Bijector& layer = s.scene.flow.layer(index);
  const auto params = layer.parameters();
  const ImVec2 mouse = ImGui::GetMousePos();
  const float grab = ImGui::GetFontSize() * 0.7f;
  double mz = 0, mx = 0;
  l.curve.toData(mouse, mz, mx);
  ImDrawList* dl = ImGui::GetWindowDrawList();

  if (layer.type() == "spline") {
    const int knots = static_cast<int>(params.size()) / 3;
    if (s.dragKnot < 0 && ImGui::IsWindowHovered() && ImGui::IsMouseClicked(0)) {
      for (int k = 0; k < knots; ++k) {
        const ImVec2 p = l.curve.toPixels(params[3 * k].value, params[3 * k + 1].value);
        if (std::hypot(p.x - mouse.x, p.y - mouse.y) < grab) {
          s.dragKnot = k;
          s.editor.history.record(s.scene.flow);
        }
      }
    }
    if (s.dragKnot >= 0) {
      if (!ImGui::IsMouseDown(0)) {
        s.dragKnot = -1;
      } else {
        const int k = s.dragKnot;
        const double zLo = k > 0 ? params[3 * (k - 1)].value + kKnotGap : -1e9;
        const double zHi = k + 1 < knots ? params[3 * (k + 1)].value - kKnotGap : 1e9;
        const double xLo = k > 0 ? params[3 * (k - 1) + 1].value + kKnotGap : -1e9;
        const double xHi = k + 1 < knots ? params[3 * (k + 1) + 1].value - kKnotGap : 1e9;
        layer.setParameter(3 * k, std::clamp(mz, zLo, zHi));
        layer.setParameter(3 * k + 1, std::clamp(mx, xLo, xHi));
        s.dirty = true;
      }
    }
    for (int k = 0; k < knots; ++k) {
      const auto now = layer.parameters();
      const ImVec2 p = l.curve.toPixels(now[3 * k].value, now[3 * k + 1].value);
      const bool hot = s.dragKnot == k || std::hypot(p.x - mouse.x, p.y - mouse.y) < grab;
      dl->AddCircleFilled(p, grab * (hot ? 0.75f : 0.55f), theme::kHandle);
      s.drawn.knots.push_back(p);
      if (hot && s.dragKnot < 0 && ImGui::IsWindowHovered())
        showTooltip("Knot %d of %d: drag to move it (z, x); Ctrl+Z undoes", k + 1, knots);
    }
    return;
  }

  if (layer.type() == "affine") {
    // Parameters "a", "b": x = a z + b.
    const double a = params[0].value, b = params[1].value;
    if (!s.dragCurve && ImGui::IsWindowHovered() && ImGui::IsMouseClicked(0) && l.curve.contains(mouse)) {
      const ImVec2 onLine = l.curve.toPixels(mz, a * mz + b);
      if (std::abs(onLine.y - mouse.y) < grab) {
        s.dragCurve = true;
        s.editor.history.record(s.scene.flow);
      }
    }
    if (s.dragCurve) {
      if (!ImGui::IsMouseDown(0)) {
        s.dragCurve = false;
      } else if (ImGui::GetIO().KeyShift) {
        // Slope through the fixed point (0, b): the line passes under the mouse.
        if (std::abs(mz) > 0.05) layer.setParameter(0, (mx - b) / mz);
        s.dirty = true;
      } else {
        layer.setParameter(1, mx - a * mz);
        s.dirty = true;
      }
    } else if (ImGui::IsWindowHovered() && l.curve.contains(mouse) &&
               std::abs(l.curve.toPixels(mz, a * mz + b).y - mouse.y) < grab) {
      showTooltip("Drag the line to move it up or down (b)\nShift+drag to turn it about z = 0 (a)\nCtrl+Z undoes");
    }
    // Where the line is now (after this frame's drag): grab points at z = -2 and 2, then (0, b).
    const auto now = layer.parameters();
    for (double z : {-2.0, 2.0, 0.0}) s.drawn.linePoints.push_back(l.curve.toPixels(z, now[0].value * z + now[1].value));
  }
}

}  // namespace flowlab::app
