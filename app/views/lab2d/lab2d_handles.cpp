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

// Handle colours: a saturated fill that no density, patch or sample colour uses, inside a dark
// outline inside a white halo, so a handle reads on dark density, light patches and samples alike.
constexpr ImU32 kHandleFill = IM_COL32(236, 28, 150, 255);
constexpr ImU32 kHandleFillHot = IM_COL32(255, 90, 190, 255);
constexpr ImU32 kHandleOutline = IM_COL32(25, 20, 30, 255);
constexpr ImU32 kHandleHalo = IM_COL32(255, 255, 255, 235);

void drawArrowShape(ImDrawList* dl, ImVec2 from, ImVec2 to, ImU32 colour, float thickness, float head) {
  dl->AddLine(from, to, colour, thickness);
  const float dx = to.x - from.x, dy = to.y - from.y, len = std::sqrt(dx * dx + dy * dy);
  if (len < 1.0f) return;
  const float ux = dx / len, uy = dy / len;
  dl->AddTriangleFilled(ImVec2(to.x + ux * head * 0.3f, to.y + uy * head * 0.3f),
                        ImVec2(to.x - head * ux + head * 0.55f * uy, to.y - head * uy - head * 0.55f * ux),
                        ImVec2(to.x - head * ux - head * 0.55f * uy, to.y - head * uy + head * 0.55f * ux), colour);
}

// Text with a white halo, readable on any background.
void haloText(ImDrawList* dl, ImVec2 at, const char* text) {
  for (int dx = -1; dx <= 1; ++dx)
    for (int dy = -1; dy <= 1; ++dy)
      if (dx || dy) dl->AddText(ImVec2(at.x + dx * 1.5f, at.y + dy * 1.5f), kHandleHalo, text);
  dl->AddText(at, kHandleOutline, text);
}

}  // namespace

bool handleLab2DDrag(Lab2DState& s, const Lab2DLayout& l) {
  const int index = singleShownLayer(s);
  s.handleTips.clear();
  s.handleAnchors.clear();
  s.handleHot = -1;
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
  // Hidden handles cannot be grabbed (the overlay is off so that clicks pan instead).
  if (s.showHandles && s.dragHandle < 0 && s.panPane == Pane::None && ImGui::IsWindowHovered() &&
      ImGui::IsMouseClicked(0)) {
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
  s.handleLabels.clear();
  s.handleArrows.clear();
  s.handleValues.clear();
  for (int i = 0; i < static_cast<int>(handles.size()); ++i) {
    ImVec2 tip, anchor;
    tipAndAnchor(handles[i], tip, anchor);
    s.handleTips.push_back(tip);
    s.handleAnchors.push_back(anchor);
    s.handleLabels.push_back(handles[i].label);
    s.handleArrows.push_back(handles[i].arrow);
    const auto p = layer.parameters();
    s.handleValues.push_back(ImVec2(static_cast<float>(p[handles[i].px].value), static_cast<float>(p[handles[i].py].value)));
    if (s.dragHandle == i || (s.dragHandle < 0 && std::hypot(tip.x - mouse.x, tip.y - mouse.y) < grab)) s.handleHot = i;
  }
  return changed;
}

void drawLab2DHandles(ImDrawList* dl, const Lab2DState& s, const Lab2DLayout& l) {
  const float em = ImGui::GetFontSize();
  dl->PushClipRect(l.canvas.min, l.canvas.max, true);
  const int n = static_cast<int>(s.handleTips.size());
  // Halos first, then the shapes, so one handle's halo never covers another's body.
  for (int pass = 0; pass < 2; ++pass)
    for (int i = 0; i < n; ++i) {
      const ImVec2 tip = s.handleTips[i], anchor = s.handleAnchors[i];
      const bool hot = s.handleHot == i;
      const float r = em * (hot ? 0.6f : 0.45f), line = em * (hot ? 0.22f : 0.16f), head = em * 0.7f;
      if (pass == 0) {
        if (s.handleArrows[i]) drawArrowShape(dl, anchor, tip, kHandleHalo, line + em * 0.28f, head + em * 0.3f);
        dl->AddCircleFilled(tip, r + em * 0.3f, kHandleHalo, 24);
      } else {
        if (s.handleArrows[i]) {
          drawArrowShape(dl, anchor, tip, kHandleOutline, line + em * 0.12f, head + em * 0.1f);
          drawArrowShape(dl, anchor, tip, hot ? kHandleFillHot : kHandleFill, line, head - em * 0.08f);
        }
        dl->AddCircleFilled(tip, r, kHandleOutline, 24);
        dl->AddCircleFilled(tip, r - std::max(1.5f, em * 0.12f), hot ? kHandleFillHot : kHandleFill, 24);
        haloText(dl, ImVec2(tip.x + em * 0.75f, tip.y - em * 1.35f), s.handleLabels[i]);
      }
    }
  dl->PopClipRect();
  if (s.handleHot >= 0 && s.dragHandle < 0 && ImGui::IsWindowHovered())
    showTooltip("Drag %s", s.handleLabels[s.handleHot]);
}

}  // namespace flowlab::app
