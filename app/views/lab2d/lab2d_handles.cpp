// Direct manipulation in the 2D lab, when one layer is shown: drag the columns of A and the shift
// b (linear), u and w (planar), or the centre z₀ (radial). Each handle edits two parameters.
#include <cmath>
#include <string>
#include <vector>

#include <imgui.h>

#include "app/ui/tooltip.h"
#include "app/ui/theme.h"
#include "app/views/lab2d/lab2d_layout.h"

namespace flowlab::app {
namespace {

struct Handle {
  Pane pane;
  int px, py;           // parameter indices of the tip's coordinates (relative to the anchor)
  int anchorX = -1, anchorY = -1;  // parameters the anchor sits at (-1: the origin)
  const char* label;
  bool arrow;           // drawn as an arrow from the anchor, else a dot
};

int indexOf(const std::vector<Parameter>& params, const std::string& name) {
  for (size_t i = 0; i < params.size(); ++i)
    if (params[i].name == name) return static_cast<int>(i);
  return -1;
}

// The shown layer when exactly one enabled layer is shown and still; else -1.
int singleShownLayer(const Lab2DState& s) {
  int k = 0;
  double t = 0;
  morphPosition(s, k, t);
  if (k != 1 || t > 0.0) return -1;
  for (int i = 0; i < s.scene.flow.layerCount(); ++i)
    if (s.scene.flow.isEnabled(i)) return i;
  return -1;
}

std::vector<Handle> handlesFor(const Bijector& layer) {
  const auto p = layer.parameters();
  const std::string type = layer.type();
  if (type == "linear")
    return {{Pane::Data, indexOf(p, "A00"), indexOf(p, "A10"), indexOf(p, "b0"), indexOf(p, "b1"), "A·e₁", true},
            {Pane::Data, indexOf(p, "A01"), indexOf(p, "A11"), indexOf(p, "b0"), indexOf(p, "b1"), "A·e₂", true},
            {Pane::Data, indexOf(p, "b0"), indexOf(p, "b1"), -1, -1, "b", false}};
  if (type == "planar")
    return {{Pane::Base, indexOf(p, "w0"), indexOf(p, "w1"), -1, -1, "w", true},
            {Pane::Data, indexOf(p, "u0"), indexOf(p, "u1"), -1, -1, "u", true}};
  if (type == "radial") return {{Pane::Base, indexOf(p, "z0_0"), indexOf(p, "z0_1"), -1, -1, "z₀", false}};
  return {};
}

void drawArrow(ImDrawList* dl, ImVec2 from, ImVec2 to, ImU32 colour, float thickness) {
  dl->AddLine(from, to, colour, thickness);
  const float dx = to.x - from.x, dy = to.y - from.y, len = std::sqrt(dx * dx + dy * dy);
  if (len < 1.0f) return;
  const float s = ImGui::GetFontSize() * 0.6f, ux = dx / len, uy = dy / len;
  dl->AddTriangleFilled(to, ImVec2(to.x - s * ux + s * 0.5f * uy, to.y - s * uy - s * 0.5f * ux),
                        ImVec2(to.x - s * ux - s * 0.5f * uy, to.y - s * uy + s * 0.5f * ux), colour);
}

}  // namespace

bool handleLab2DDrag(Lab2DState& s, const Lab2DLayout& l, ImDrawList* dl) {
  const int index = singleShownLayer(s);
  s.handleTips.clear();
  if (index < 0) {
    s.dragHandle = -1;
    return false;
  }
  Bijector& layer = s.scene.flow.layer(index);
  const std::vector<Handle> handles = handlesFor(layer);
  const ImVec2 mouse = ImGui::GetMousePos();
  const float grab = ImGui::GetFontSize() * 0.8f;
  bool changed = false;
  auto tipAndAnchor = [&](const Handle& h, ImVec2& tip, ImVec2& anchor) {
    const auto p = layer.parameters();
    const PlotFrame& f = h.pane == Pane::Base ? l.base : l.data;
    const double ax = h.anchorX >= 0 ? p[h.anchorX].value : 0.0, ay = h.anchorY >= 0 ? p[h.anchorY].value : 0.0;
    anchor = f.toPixels(ax, ay);
    tip = f.toPixels(ax + p[h.px].value, ay + p[h.py].value);
  };
  if (s.dragHandle >= static_cast<int>(handles.size())) s.dragHandle = -1;
  if (s.dragHandle < 0 && ImGui::IsWindowHovered() && ImGui::IsMouseClicked(0)) {
    for (int i = 0; i < static_cast<int>(handles.size()); ++i) {
      ImVec2 tip, anchor;
      tipAndAnchor(handles[i], tip, anchor);
      if (std::hypot(tip.x - mouse.x, tip.y - mouse.y) < grab) {
        s.dragHandle = i;
        s.editor.history.record(s.scene.flow);
      }
    }
  }
  if (s.dragHandle >= 0) {
    if (!ImGui::IsMouseDown(0)) {
      s.dragHandle = -1;
      s.dirty = true;  // back to full resolution
    } else {
      const Handle& h = handles[s.dragHandle];
      const PlotFrame& f = h.pane == Pane::Base ? l.base : l.data;
      const auto p = layer.parameters();
      double mx = 0, my = 0;
      f.toData(mouse, mx, my);
      const double ax = h.anchorX >= 0 ? p[h.anchorX].value : 0.0, ay = h.anchorY >= 0 ? p[h.anchorY].value : 0.0;
      layer.setParameter(h.px, mx - ax);
      layer.setParameter(h.py, my - ay);
      s.interacting = true;
      changed = true;
    }
  }
  for (int i = 0; i < static_cast<int>(handles.size()); ++i) {
    const Handle& h = handles[i];
    ImVec2 tip, anchor;
    tipAndAnchor(h, tip, anchor);
    s.handleTips.push_back(tip);
    const bool hot = s.dragHandle == i || std::hypot(tip.x - mouse.x, tip.y - mouse.y) < grab;
    const ImU32 colour = hot ? IM_COL32(10, 120, 90, 255) : theme::kHandle;
    if (h.arrow) drawArrow(dl, anchor, tip, colour, hot ? 3.5f : 2.5f);
    dl->AddCircleFilled(tip, grab * (hot ? 0.55f : 0.4f), colour);
    dl->AddText(ImVec2(tip.x + grab * 0.6f, tip.y - grab), colour, h.label);
    if (hot && s.dragHandle < 0 && ImGui::IsWindowHovered()) showTooltip("Drag %s", h.label);
  }
  return changed;
}

}  // namespace flowlab::app
