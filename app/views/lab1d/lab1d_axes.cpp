// Frames, ticks and titles of the 1D lab's three panels. Both density axes get the same ticks at the
// same pixel spacing (they share one scale); every label goes through putLabel so the layout checks
// see it. Tick labels are kept within their panel's extent along the axis, so the labels at the
// ends of two axes meeting at a corner do not run into each other.
#include <algorithm>
#include <cmath>
#include <string>

#include "app/ui/theme.h"
#include "app/views/lab1d/lab1d_parts.h"
#include "app/views/lab1d/lab1d_text.h"

namespace flowlab::app {
namespace {

constexpr ImU32 kFrame = IM_COL32(120, 120, 130, 255);
constexpr ImU32 kGrid = IM_COL32(0, 0, 0, 22);

// Ticks along the bottom edge of `f` for its horizontal data values; labels below.
void bottomTicks(ImDrawList* dl, Lab1DDrawn& drawn, const PlotFrame& f, const std::vector<double>& ticks) {
  const float em = ImGui::GetFontSize();
  for (double t : ticks) {
    const ImVec2 p = f.toPixels(t, f.yRange().min);
    dl->AddLine(ImVec2(p.x, f.min().y), ImVec2(p.x, f.max().y), kGrid);
    dl->AddLine(p, ImVec2(p.x, p.y + em * 0.3f), kFrame);
    const std::string label = formatValue(t);
    const float w = ImGui::CalcTextSize(label.c_str()).x;
    const float x = std::clamp(p.x - w * 0.5f, f.min().x - w * 0.5f, f.max().x - w * 0.5f);
    putLabel(dl, drawn, ImVec2(x, p.y + em * 0.35f), theme::kText, label);
  }
}

// Ticks along the left edge of `f` for its vertical data values; labels to the left, kept within
// the panel's height.
void leftTicks(ImDrawList* dl, Lab1DDrawn& drawn, const PlotFrame& f, const std::vector<double>& ticks) {
  const float em = ImGui::GetFontSize();
  for (double t : ticks) {
    const ImVec2 p = f.toPixels(f.xRange().min, t);
    dl->AddLine(ImVec2(f.min().x, p.y), ImVec2(f.max().x, p.y), kGrid);
    dl->AddLine(ImVec2(p.x - em * 0.3f, p.y), ImVec2(f.min().x, p.y), kFrame);
    const std::string label = formatValue(t);
    const ImVec2 ts = ImGui::CalcTextSize(label.c_str());
    const float y = std::clamp(p.y - ts.y * 0.5f, f.min().y, f.max().y - ts.y);
    putLabel(dl, drawn, ImVec2(f.min().x - em * 0.4f - ts.x, y), theme::kText, label);
  }
}

// The first of `texts` that fits in `width` (the last one otherwise).
const char* fitting(std::initializer_list<const char*> texts, float width) {
  const char* pick = nullptr;
  for (const char* t : texts) {
    pick = t;
    if (ImGui::CalcTextSize(t).x <= width) break;
  }
  return pick;
}

}  // namespace

void drawLab1DAxes(ImDrawList* dl, Lab1DDrawn& drawn, const Lab1DLayout& l) {
  const float em = ImGui::GetFontSize();
  const PlotFrame& c = l.curve;
  const PlotFrame& px = l.dataPanel;
  const PlotFrame& pz = l.basePanel;
  // Shared axes: z under the curve and under p_Z, x left of p_X (it runs through the curve too).
  // As many ticks as fit with room for their labels, and never more than a reader wants (10).
  const auto zTicks = niceTicks(c.xRange().min, c.xRange().max, std::clamp(int((c.max().x - c.min().x) / (em * 4)) + 1, 2, 10));
  const auto xTicks = niceTicks(c.yRange().min, c.yRange().max, std::clamp(int((c.max().y - c.min().y) / (em * 3)), 2, 10));
  bottomTicks(dl, drawn, c, zTicks);
  for (double t : xTicks) {  // the x grid runs through the curve panel as well
    const ImVec2 p = c.toPixels(c.xRange().min, t);
    dl->AddLine(ImVec2(c.min().x, p.y), ImVec2(c.max().x, p.y), kGrid);
  }
  leftTicks(dl, drawn, px, xTicks);
  bottomTicks(dl, drawn, pz, zTicks);
  // One density scale: the same tick values in both panels, the same number of pixels apart.
  const double top = pz.yRange().max;
  const float length = pz.max().y - pz.min().y;
  const auto densityTicks = niceTicks(0.0, top, std::clamp(int(length / (em * 3)), 2, 6));
  bottomTicks(dl, drawn, px, densityTicks);
  leftTicks(dl, drawn, pz, densityTicks);
  for (const PlotFrame* f : {&c, &px, &pz}) dl->AddRect(f->min(), f->max(), kFrame);

  // Titles.
  const float line = ImGui::GetTextLineHeight();
  putLabel(dl, drawn, ImVec2(px.min().x, px.min().y - em * 1.4f), theme::kDataSpace,
           fitting({"p_X(x)  data space", "p_X(x)"}, px.max().x - px.min().x));
  putLabel(dl, drawn, ImVec2(c.min().x, c.min().y - em * 1.4f), theme::kText,
           fitting({"the map x = f(z)  (forward: base to data)", "the map x = f(z)"}, c.max().x - c.min().x));
  putLabel(dl, drawn, ImVec2(c.min().x + em * 0.3f, c.min().y + em * 0.2f), theme::kText, "x = f(z)", 0);
  putLabel(dl, drawn, ImVec2(pz.min().x + em * 0.4f, pz.min().y + em * 0.2f), theme::kBaseSpace,
           fitting({"p_Z(z) = N(0, 1)  base space", "p_Z(z) = N(0, 1)"}, pz.max().x - pz.min().x - em), 2);
  putLabel(dl, drawn, ImVec2(px.min().x - em * 2.8f, px.min().y - em * 1.4f), theme::kText, "x");
  const float zw = ImGui::CalcTextSize("z").x;
  putLabel(dl, drawn, ImVec2(pz.max().x - zw, pz.max().y + em * 0.35f + line), theme::kText, "z");
  putLabel(dl, drawn, ImVec2(px.min().x, px.max().y + em * 0.35f + line), theme::kTextMuted, "← density");
}

}  // namespace flowlab::app
