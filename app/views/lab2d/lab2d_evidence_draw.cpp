// Drawing the 2D lab's truth overlays: the round-trip error heatmap over the base pane (log scale,
// its own bar, its worst cell ringed), the first-NaN mark over the data pane, and the probe's
// per-layer log-det check in the readout. Every number comes from core (lab2d_evidence.cpp).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include <imgui.h>

#include "app/gl/heatmap_renderer.h"
#include "app/plot/colormap.h"
#include "app/ui/theme.h"
#include "app/ui/tooltip.h"
#include "app/views/lab2d/lab2d_layout.h"

namespace flowlab::app {
namespace {

// Dark red, readable on the white readout box and the light panes (kErrorText is for dark boxes).
const ImVec4 kOffText{0.75f, 0.12f, 0.12f, 1.0f};

// A ring that stands out on any colour: white under, dark over, with a cross.
void drawTarget(ImDrawList* dl, ImVec2 p, float r, ImU32 colour) {
  dl->AddCircle(p, r, IM_COL32(255, 255, 255, 255), 24, 4.0f);
  dl->AddCircle(p, r, colour, 24, 2.0f);
  for (const auto& [dx, dy] : {std::pair{1.0f, 0.0f}, std::pair{0.0f, 1.0f}}) {
    const ImVec2 a(p.x - dx * r * 1.6f, p.y - dy * r * 1.6f), b(p.x - dx * r * 0.5f, p.y - dy * r * 0.5f);
    const ImVec2 c(p.x + dx * r * 0.5f, p.y + dy * r * 0.5f), d(p.x + dx * r * 1.6f, p.y + dy * r * 1.6f);
    for (const auto& [u, v] : {std::pair{a, b}, std::pair{c, d}}) {
      dl->AddLine(u, v, IM_COL32(255, 255, 255, 255), 4.0f);
      dl->AddLine(u, v, colour, 2.0f);
    }
  }
}

// A label on an opaque box centred above `at` (below it near the top), kept inside `f` and clear of
// the ring drawn at `at`.
void drawTag(ImDrawList* dl, const PlotFrame& f, ImVec2 at, const char* raw, ImU32 colour) {
  const float em = ImGui::GetFontSize();
  // Too wide for the pane: break after its colon (what, then which layer) rather than spill out.
  std::string wrapped = raw;
  if (const size_t colon = wrapped.find(": ");
      colon != std::string::npos && ImGui::CalcTextSize(raw).x > f.max().x - f.min().x - em * 0.6f)
    wrapped.replace(colon, 2, ":\n");
  const char* text = wrapped.c_str();
  const ImVec2 size = ImGui::CalcTextSize(text);
  ImVec2 p(at.x - size.x * 0.5f, at.y - size.y - em * 1.3f);
  p.x = std::clamp(p.x, f.min().x + em * 0.3f, std::max(f.min().x + em * 0.3f, f.max().x - size.x - em * 0.3f));
  if (p.y < f.min().y + em * 0.3f) p.y = at.y + em * 1.3f;
  const ImVec2 pad(em * 0.25f, em * 0.1f);
  dl->AddRectFilled(ImVec2(p.x - pad.x, p.y - pad.y), ImVec2(p.x + size.x + pad.x, p.y + size.y + pad.y),
                    IM_COL32(255, 255, 255, 235), em * 0.2f);
  dl->AddRect(ImVec2(p.x - pad.x, p.y - pad.y), ImVec2(p.x + size.x + pad.x, p.y + size.y + pad.y), colour, em * 0.2f);
  dl->AddText(p, colour, text);
}

// The round-trip bar: decades from the bottom of the scale to its top, labelled 1e-16 … .
void drawDecadeBar(ImDrawList* dl, const ScreenRect& bar, const RoundTripDecades& d) {
  const int steps = 64;
  const float h = (bar.max.y - bar.min.y) / steps, em = ImGui::GetFontSize();
  for (int i = 0; i < steps; ++i) {
    const float y1 = bar.max.y - i * h;
    dl->AddRectFilled(ImVec2(bar.min.x, y1 - h - 0.5f), ImVec2(bar.max.x, y1),
                      colormapColour(ColormapKind::Sequential, (i + 0.5) / steps));
  }
  dl->AddRect(bar.min, bar.max, theme::kAxis);
  const int span = static_cast<int>(d.high - d.low);
  const int every = std::max(1, (span + 5) / 6);  // at most about seven labels
  for (int e = static_cast<int>(d.high); e >= d.low; e -= every) {
    const float y = bar.max.y - static_cast<float>((e - d.low) / (d.high - d.low)) * (bar.max.y - bar.min.y);
    dl->AddLine(ImVec2(bar.max.x, y), ImVec2(bar.max.x + em * 0.25f, y), theme::kAxis);
    char label[16];
    std::snprintf(label, sizeof label, "1e%d", e);
    dl->AddText(ImVec2(bar.max.x + em * 0.35f, y - em * 0.5f), theme::kText, label);
  }
  dl->AddText(ImVec2(bar.min.x, bar.max.y + em * 0.4f), theme::kText, "round trip");
}

}  // namespace

void drawRoundTripOverlay(ImDrawList* dl, Lab2DState& s, const Lab2DLayout& l, HeatmapRenderer& r) {
  s.roundTripMark.reset();
  const Lab2DEvidence& e = s.evidence;
  if (!e.roundTrip.ok()) {
    // An invalid stack has no round trip: say so over the pane (the title says it too).
    dl->AddRectFilled(l.base.min(), l.base.max(), theme::kInvalidFill);
    return;
  }
  const RoundTripField& f = e.roundTrip.value;
  // The heatmap colours its input linearly on [low, high] in log mode: pass the decades as is.
  const HeatmapStyle style{ColormapKind::Sequential, true, static_cast<float>(e.decades.low),
                           static_cast<float>(e.decades.high)};
  unsigned tex = r.cached(e.roundTripId, style);
  if (!tex) {
    r.setKey(e.roundTripId);
    std::vector<float> shown(e.roundTripShown.size());
    for (size_t i = 0; i < shown.size(); ++i) shown[i] = static_cast<float>(e.roundTripShown(i));
    tex = r.render(shown.data(), f.grid.width, f.grid.height, style);
  }
  if (tex)
    dl->AddImage(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(tex)), l.base.min(), l.base.max(), ImVec2(0, 1),
                 ImVec2(1, 0));
  drawDecadeBar(dl, l.baseBar, e.decades);
}

void drawRoundTripMark(ImDrawList* dl, Lab2DState& s, const Lab2DLayout& l) {
  s.roundTripMark.reset();
  if (!s.evidence.roundTrip.ok()) return;
  const RoundTripField& f = s.evidence.roundTrip.value;
  if (f.maxCell < 0) return;
  const ImVec2 p = l.base.toPixels(f.maxAt(0), f.maxAt(1));
  if (!l.base.contains(p)) return;
  drawTarget(dl, p, ImGui::GetFontSize() * 0.55f, theme::kInvalid);
  char text[64];
  std::snprintf(text, sizeof text, "max %.1e", f.maxError);
  drawTag(dl, l.base, p, text, theme::kInvalid);
  s.roundTripMark = p;
}

void drawNonFiniteMark(ImDrawList* dl, Lab2DState& s, const Lab2DLayout& l) {
  s.nonFiniteMark.reset();
  if (!s.evidence.nonFinite || s.evidence.nonFinite->cell < 0) return;
  const NonFiniteOnGrid& g = *s.evidence.nonFinite;
  const float em = ImGui::GetFontSize();
  // Where only part of the pane is broken, hatch those cells (row runs, so a few hundred rectangles).
  if (g.site.count < g.grid.size()) {
    const double cw = g.grid.rect.width() / g.grid.width, ch = g.grid.rect.height() / g.grid.height;
    dl->PushClipRect(l.data.min(), l.data.max(), true);
    for (int row = 0; row < g.grid.height; ++row)
      for (int col = 0; col < g.grid.width;) {
        if (!g.site.bad(row * g.grid.width + col)) {
          ++col;
          continue;
        }
        const int start = col;
        while (col < g.grid.width && g.site.bad(row * g.grid.width + col)) ++col;
        const ImVec2 a = l.data.toPixels(g.grid.rect.xMin + start * cw, g.grid.rect.yMin + (row + 1) * ch);
        const ImVec2 b = l.data.toPixels(g.grid.rect.xMin + col * cw, g.grid.rect.yMin + row * ch);
        dl->AddRectFilled(a, b, IM_COL32(214, 48, 49, 110));
      }
    dl->PopClipRect();
  }
  const ImVec2 p = l.data.toPixels(g.at(0), g.at(1));
  drawTarget(dl, p, em * 0.7f, theme::kInvalid);
  char text[160];
  std::snprintf(text, sizeof text, "first non-finite %s: %s", g.site.what.c_str(), g.site.label.c_str());
  drawTag(dl, l.data, p, text, theme::kInvalid);
  s.nonFiniteMark = p;
}

void drawProbeTable(const PointProbe& p) {
  const ImGuiTableFlags flags = ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_BordersInnerH |
                                ImGuiTableFlags_NoHostExtendX;
  // The readout box is white: a light header, so its dark text reads (the theme's header is dark).
  ImGui::PushStyleColor(ImGuiCol_TableHeaderBg, ImVec4(0.88f, 0.89f, 0.92f, 1.0f));
  ImGui::PushStyleColor(ImGuiCol_TableBorderLight, ImVec4(0.75f, 0.76f, 0.80f, 1.0f));
  if (!ImGui::BeginTable("##logdet_check", 4, flags)) {
    ImGui::PopStyleColor(2);
    return;
  }
  ImGui::TableSetupColumn("layer");
  ImGui::TableSetupColumn("log|det J|");
  ImGui::TableSetupColumn("finite difference");
  ImGui::TableSetupColumn("difference");
  // Headers by hand, so each can explain its column.
  const char* tips[4] = {"the layer, numbered as in the stack", "each layer's own formula for log|det J| at its input",
                         "log|det J| from central differences of the layer's forward map",
                         "analytic minus finite difference: about 1e-9 when the formula is right"};
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  for (int c = 0; c < 4; ++c) {
    ImGui::TableSetColumnIndex(c);
    ImGui::TableHeader(ImGui::TableGetColumnName(c));
    if (ImGui::IsItemHovered()) showTooltip("%s", tips[c]);
  }
  for (const LayerTerm& t : p.terms) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::TextUnformatted(t.label.c_str());
    ImGui::TableSetColumnIndex(1);
    ImGui::Text("%.6f", t.logAbsDet);
    ImGui::TableSetColumnIndex(2);
    if (std::isfinite(t.logAbsDetFd)) ImGui::Text("%.6f", t.logAbsDetFd);
    else ImGui::TextUnformatted("not finite");
    ImGui::TableSetColumnIndex(3);
    if (t.logAbsDetAgrees()) {
      ImGui::Text("%+.1e", t.logAbsDetDifference());
    } else {
      ImGui::TextColored(kOffText, "%+.1e  off", t.logAbsDetDifference());
      if (ImGui::IsItemHovered()) showTooltip("The layer's log|det J| disagrees with its own Jacobian here");
    }
  }
  ImGui::EndTable();
  ImGui::PopStyleColor(2);
}

}  // namespace flowlab::app
