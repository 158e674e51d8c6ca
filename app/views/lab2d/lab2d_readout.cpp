// Hover in either pane: the point and its partner in the other pane, the patch under the cursor,
// and the readout log p_X(x) = log p_Z(z) − Σ log|det J_k|; plus the legends and the mass gauge.
#include <algorithm>
#include <cmath>

#include <imgui.h>

#include "app/ui/stack_editor.h"
#include "app/ui/tooltip.h"
#include "app/plot/colormap.h"
#include "app/ui/theme.h"
#include "app/views/lab2d/lab2d_layout.h"

namespace flowlab::app {

void updateLab2DHover(Lab2DState& s, const Lab2DLayout& l) {
  s.hover.reset();
  s.hoverError.clear();
  s.hoverPane = Pane::None;
  s.hoverPatch = -1;
  if (!ImGui::IsWindowHovered() || s.dragHandle >= 0) return;
  const ImVec2 m = ImGui::GetMousePos();
  int k = 0;
  double t = 0;
  morphPosition(s, k, t);
  const Flow shown = firstEnabledLayers(s.scene.flow, k);  // layers numbered as in the stack
  Vector p(2);
  Expected<PointProbe> probe;
  if (l.base.contains(m)) {
    l.base.toData(m, p(0), p(1));
    s.hoverPane = Pane::Base;
    probe = probeAtBase(shown, p);
  } else if (l.data.contains(m)) {
    l.data.toData(m, p(0), p(1));
    s.hoverPane = Pane::Data;
    probe = probeAtData(shown, p);
  } else {
    return;
  }
  if (!probe.ok()) {
    s.hoverError = probe.status.message();
    return;
  }
  s.hover = probe.value;
  // The patch whose z-square holds the hovered z (patches lie on a regular grid over baseRect).
  if (s.fields.from.patches.ok()) {
    const JacobianPatches& pt = s.fields.from.patches.value;
    const double half = pt.side * 0.5;
    for (int i = 0; i < pt.centresZ.rows(); ++i)
      if (std::abs(pt.centresZ(i, 0) - probe.value.z(0)) <= half && std::abs(pt.centresZ(i, 1) - probe.value.z(1)) <= half)
        s.hoverPatch = i;
  }
}

void drawLab2DHoverMarks(ImDrawList* dl, const Lab2DState& s, const Lab2DLayout& l) {
  if (!s.hover) return;
  const float r = ImGui::GetFontSize() * 0.35f;
  const ImVec2 pz = l.base.toPixels(s.hover->z(0), s.hover->z(1));
  const ImVec2 px = l.data.toPixels(s.hover->x(0), s.hover->x(1));
  for (const auto& [p, f] : {std::pair{pz, &l.base}, std::pair{px, &l.data}}) {
    if (!f->contains(p)) continue;
    dl->AddCircle(p, r, IM_COL32(255, 255, 255, 255), 16, 3.0f);
    dl->AddCircle(p, r, theme::kHover, 16, 1.5f);
  }
  if (s.hoverPatch >= 0 && s.fields.from.patches.ok()) {
    const JacobianPatches& pt = s.fields.from.patches.value;
    const int i = s.hoverPatch;
    const double h = pt.side * 0.5;
    const ImVec2 a = l.base.toPixels(pt.centresZ(i, 0) - h, pt.centresZ(i, 1) + h);
    const ImVec2 b = l.base.toPixels(pt.centresZ(i, 0) + h, pt.centresZ(i, 1) - h);
    dl->AddRect(a, b, theme::kHover, 0, 0, 2.5f);
    ImVec2 q[4];
    for (int c = 0; c < 4; ++c) q[c] = l.data.toPixels(pt.quads(i, 2 * c), pt.quads(i, 2 * c + 1));
    dl->AddQuad(q[0], q[1], q[2], q[3], theme::kHover, 2.5f);
  }
}

namespace {

// Text pieces on one line while they fit, else on the next (never split inside a number).
class FlowingText {
 public:
  void piece(const char* text, ImVec4 colour = ImGui::GetStyleColorVec4(ImGuiCol_Text)) {
    const float w = ImGui::CalcTextSize(text).x;
    if (!first_) {
      const float room = ImGui::GetContentRegionMax().x - (lastEnd_ - ImGui::GetWindowPos().x) - ImGui::GetStyle().ItemSpacing.x;
      if (w <= room) ImGui::SameLine();
    }
    ImGui::TextColored(colour, "%s", text);
    lastEnd_ = ImGui::GetItemRectMax().x;
    first_ = false;
  }

 private:
  bool first_ = true;
  float lastEnd_ = 0;
};

// Returns how far right the probe table reaches (0 without one), to report an overflow.
float drawReadout(const Lab2DState& s) {
  float right = 0.0f;
  char buf[160];
  if (s.hover) {
    const PointProbe& p = *s.hover;
    FlowingText line;
    std::snprintf(buf, sizeof buf, "x = (%.3f, %.3f)", p.x(0), p.x(1));
    line.piece(buf, ImVec4(0.87f, 0.44f, 0.15f, 1));
    std::snprintf(buf, sizeof buf, "  z = f⁻¹(x) = (%.3f, %.3f)", p.z(0), p.z(1));
    line.piece(buf, ImVec4(0.2f, 0.47f, 0.78f, 1));
    ImGui::Text("log p_X(x) = log p_Z(z) − Σ log|det J_k|");
    FlowingText terms;
    std::snprintf(buf, sizeof buf, "  %.4f = %.4f", p.logPx, p.logPz);
    terms.piece(buf);
    for (const auto& term : p.terms) {
      std::snprintf(buf, sizeof buf, "%s %.4f", term.logAbsDet < 0 ? "+" : "−", std::abs(term.logAbsDet));
      terms.piece(buf);
      if (ImGui::IsItemHovered()) showTooltip("%s", term.label.c_str());
    }
    // Each layer's log|det J| checked against finite differences of its own forward map.
    drawProbeTable(p);
    right = std::max(right, ImGui::GetItemRectMax().x);
    if (s.hoverPatch >= 0 && s.fields.from.patches.ok()) {
      FlowingText patch;
      patch.piece("patch under the cursor:");
      std::snprintf(buf, sizeof buf, "area × %.3f", s.fields.from.patches.value.absDet(s.hoverPatch));
      patch.piece(buf);
      patch.piece("(|det J| at its centre)");
    }
  } else if (!s.hoverError.empty() && s.fields.from.validity.ok()) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kErrorText);
    textWrappedAtSpaces(withParameterLabels(s.hoverError));
    ImGui::PopStyleColor();
  } else {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    textWrappedAtSpaces("Hover either pane: the point is marked in both, with log p split by layer.");
    textWrappedAtSpaces("Drag the arrows and dots (single-layer scenes) or the sliders on the left. "
                        "Scroll zooms a pane, dragging empty space pans it.");
    ImGui::PopStyleColor();
  }
  return right;
}

// The mass gauge; returns true when its Fit button was pressed.
bool drawMass(const Lab2DState& s) {
  const StageFields& f = s.fields.from;
  if (!f.validity.ok()) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kErrorText);
    textWrappedAtSpaces("mass: undefined (" + withParameterLabels(f.validity.message()) + ")");
    ImGui::PopStyleColor();
    return false;
  }
  if (!f.density.ok()) return false;
  const double mass = f.density.value.mass;
  char buf[96];
  FlowingText line;
  std::snprintf(buf, sizeof buf, "mass in view  ∫p_X dx = %.3f", mass);
  line.piece(buf);
  if (ImGui::IsItemHovered()) showTooltip("Midpoint rule over the data pane's %d² cells", f.density.value.grid.width);
  bool fit = false;
  if (mass < 0.99) {
    std::snprintf(buf, sizeof buf, "  %.1f%% of the mass lies outside the view", 100.0 * (1.0 - mass));
    line.piece(buf, ImVec4(0.70f, 0.36f, 0.0f, 1));  // dark amber: readable on the white box
    ImGui::SameLine();
    fit = ImGui::SmallButton("Fit##mass");
    if (ImGui::IsItemHovered()) showTooltip("Widen the data pane to where the samples lie");
  }
  return fit;
}

void drawPatchLegend(ImDrawList* dl, const Lab2DState& s, ImVec2 at, float width) {
  const float em = ImGui::GetFontSize();
  const double range = patchLegendRange(s);
  const int steps = 48;
  for (int i = 0; i < steps; ++i)
    dl->AddRectFilled(ImVec2(at.x + width * i / steps, at.y), ImVec2(at.x + width * (i + 1) / steps + 0.5f, at.y + em * 0.8f),
                      colormapColour(ColormapKind::Diverging, (i + 0.5) / steps));
  char lo[32], hi[32];
  std::snprintf(lo, sizeof lo, "%.0f contraction", -range);
  std::snprintf(hi, sizeof hi, "expansion %+.0f", range);
  dl->AddText(ImVec2(at.x, at.y + em), theme::kBaseSpace, lo);
  dl->AddText(ImVec2(at.x + width * 0.5f - em * 0.3f, at.y + em), theme::kText, "0");
  dl->AddText(ImVec2(at.x + width - ImGui::CalcTextSize(hi).x, at.y + em), theme::kInvalid, hi);
  dl->AddText(ImVec2(at.x, at.y - em * 1.2f), theme::kText, "patch colour: log|det J|");
}

}  // namespace

float lab2dReadoutHeight(int layers) {
  // Mass, x and z, the split formula, its terms, the table's header, the patch line, one spare line
  // for wrapping, and a table row per layer.
  const ImGuiStyle& st = ImGui::GetStyle();
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const float row = ImGui::GetTextLineHeight() + 2.0f * st.CellPadding.y;
  return 7 * line + std::max(1, layers) * row + st.ItemSpacing.y + 2.0f * st.WindowPadding.y + 2.0f;
}

bool drawLab2DBelow(Lab2DState& s, const Lab2DLayout& l) {
  const float em = ImGui::GetFontSize();
  ImGui::SetCursorScreenPos(l.readout.min);
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(1, 1, 1, 1));
  ImGui::BeginChild("##readout2d", ImVec2(l.readout.max.x - l.readout.min.x, l.readout.max.y - l.readout.min.y), true,
                    ImGuiWindowFlags_NoScrollbar);
  const bool fit = drawMass(s);
  ImGui::Separator();
  const float right = drawReadout(s);
  // How far the content runs past the box (0: it fits), for --trace-state and the tests.
  const ImGuiStyle& st = ImGui::GetStyle();
  const float bottom = ImGui::GetCursorScreenPos().y - st.ItemSpacing.y + st.WindowPadding.y;
  s.readoutOverflow = std::max({0.0f, bottom - l.readout.max.y, right + st.WindowPadding.x - l.readout.max.x});
  ImGui::EndChild();
  ImGui::PopStyleColor();
  if (s.showPatches)
    drawPatchLegend(ImGui::GetWindowDrawList(), s, ImVec2(l.legend.min.x, l.legend.min.y + em * 1.4f),
                    l.legend.max.x - l.legend.min.x);
  return fit;
}

}  // namespace flowlab::app
