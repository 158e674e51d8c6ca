#include <algorithm>
#include <cmath>
#include <vector>

#include <imgui.h>

#include "app/plot/colormap.h"
#include "app/ui/app_state.h"
#include "app/ui/theme.h"
#include "app/views/lab2d/lab2d_layout.h"
#include "app/views/lab2d/lab2d_view.h"

namespace flowlab::app {

Lab2DLayout layoutLab2D(const Lab2DState& s, ImVec2 o, ImVec2 size) {
  const float em = ImGui::GetFontSize();
  const float top = o.y + em * 2.4f;
  const float below = em * 8.0f;
  const float gap = em * 4.2f, left = o.x + em * 3.6f, bar = em * 1.1f, barLabels = em * 3.6f;
  const float side = std::max(em * 6.0f, std::min((size.x - (left - o.x) - gap - em * 1.0f - bar - barLabels) * 0.5f,
                                                  size.y - (top - o.y) - below - em * 1.8f));
  const ImVec2 baseMin(left, top), dataMin(left + side + gap, top);
  const ViewSettings& v = s.scene.view;
  return Lab2DLayout{
      PlotFrame(baseMin, ImVec2(baseMin.x + side, top + side), Range{s.baseRect.xMin, s.baseRect.xMax},
                Range{s.baseRect.yMin, s.baseRect.yMax}),
      PlotFrame(dataMin, ImVec2(dataMin.x + side, top + side), Range{v.xMin, v.xMax}, Range{v.yMin, v.yMax}),
      ImVec2(dataMin.x + side + em * 0.8f, top),
      ImVec2(dataMin.x + side + em * 0.8f + bar, top + side),
      ImVec2(o.x + em * 0.6f, top + side + em * 2.4f),
      ImVec2(o.x + size.x - em * 0.6f, o.y + size.y - em * 0.4f),
  };
}

namespace {

// The colour scale shared by both panes, so one colour means one density everywhere.
void densityScale(const Lab2DState& s, float& low, float& high) {
  double peak = 1.0 / (2.0 * M_PI);
  if (s.fields.from.density.ok()) peak = std::max(peak, s.fields.from.density.value.maxDensity);
  if (s.logScale) {
    high = static_cast<float>(std::log(peak));
    low = high - 9.0f;
  } else {
    low = 0.0f;
    high = static_cast<float>(peak);
  }
}

unsigned renderDensity(HeatmapRenderer& r, const Expected<DensityGrid>& field, const HeatmapStyle& style,
                       std::uint64_t version) {
  if (!field.ok()) return 0;
  if (const unsigned tex = r.cached(version, style)) return tex;
  r.setKey(version);
  const DensityGrid& g = field.value;
  std::vector<float> logP(g.logProb.size());
  for (size_t i = 0; i < logP.size(); ++i) logP[i] = static_cast<float>(std::max(g.logProb(i), -1e30));
  return r.render(logP.data(), g.grid.width, g.grid.height, style);
}

void drawImage(ImDrawList* dl, unsigned tex, const PlotFrame& f, float alpha) {
  if (!tex || alpha <= 0.0f) return;
  // GL textures have row 0 at the bottom; flip V so the picture is upright.
  dl->AddImage(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(tex)), f.min(), f.max(), ImVec2(0, 1), ImVec2(1, 0),
               IM_COL32(255, 255, 255, static_cast<int>(alpha * 255.0f)));
}

void drawColourBar(ImDrawList* dl, const Lab2DLayout& l, float low, float high, bool logScale) {
  const int steps = 64;
  const float h = (l.colourBarMax.y - l.colourBarMin.y) / steps;
  for (int i = 0; i < steps; ++i) {
    const float y1 = l.colourBarMax.y - i * h;
    dl->AddRectFilled(ImVec2(l.colourBarMin.x, y1 - h - 0.5f), ImVec2(l.colourBarMax.x, y1),
                      colormapColour(ColormapKind::Sequential, (i + 0.5) / steps));
  }
  dl->AddRect(l.colourBarMin, l.colourBarMax, theme::kAxis);
  const PlotFrame scale(l.colourBarMin, l.colourBarMax, Range{0, 1}, Range{low, high});
  for (double t : niceTicks(low, high, 5)) {
    const ImVec2 p = scale.toPixels(0, t);
    dl->AddLine(ImVec2(l.colourBarMax.x, p.y), ImVec2(l.colourBarMax.x + 4, p.y), theme::kAxis);
    dl->AddText(ImVec2(l.colourBarMax.x + 6, p.y - ImGui::GetFontSize() * 0.5f), theme::kText, formatValue(t).c_str());
  }
  const char* title = logScale ? "log p" : "p";
  dl->AddText(ImVec2(l.colourBarMin.x, l.colourBarMin.y - ImGui::GetFontSize() * 1.3f), theme::kText, title);
}

void drawInvalid(ImDrawList* dl, const PlotFrame& f, const std::string& message) {
  const float em = ImGui::GetFontSize();
  dl->AddRectFilled(f.min(), f.max(), theme::kInvalidFill);
  dl->AddRect(f.min(), f.max(), theme::kInvalid, 0.0f, 0, 3.0f);
  const std::string text = "p_X is undefined\n\n" + message + "\n\nFix the parameter, or Ctrl+Z to undo.";
  dl->AddText(ImGui::GetFont(), em * 1.1f, ImVec2(f.min().x + em, f.min().y + em), theme::kInvalid, text.c_str(), nullptr,
              f.max().x - f.min().x - 2 * em);
}

}  // namespace

void drawLab2DCanvas(AppState& state, Lab2DState& s, Lab2DRenderers& r, ImVec2 origin, ImVec2 size) {
  Lab2DLayout l = layoutLab2D(s, origin, size);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->ChannelsSplit(2);
  dl->ChannelsSetCurrent(1);  // handles on top of everything drawn later
  if (handleLab2DDrag(s, l, dl)) s.dirty = true;
  dl->ChannelsSetCurrent(0);
  recompute(s);
  int k = 0;
  double t = 0;
  morphPosition(s, k, t);
  const StageFields& from = s.fields.from;
  const bool valid = from.validity.ok();

  for (const PlotFrame* f : {&l.base, &l.data}) dl->AddRectFilled(f->min(), f->max(), theme::kPanelBg);
  float low = 0, high = 1;
  densityScale(s, low, high);
  if (s.showDensity) {
    const HeatmapStyle style{ColormapKind::Sequential, s.logScale, low, high};
    drawImage(dl, renderDensity(r.base, s.fields.baseDensity, style, s.fields.version), l.base, 1.0f);
    if (valid) {
      drawImage(dl, renderDensity(r.data, from.density, style, s.fields.version), l.data, 1.0f);
      if (t > 0.0 && s.fields.to.validity.ok())
        drawImage(dl, renderDensity(r.dataNext, s.fields.to.density, style, s.fields.version), l.data, static_cast<float>(t));
    }
    for (HeatmapRenderer* h : {&r.base, &r.data})
      if (!h->error().empty()) state.error(h->error());
    drawColourBar(dl, l, low, high, s.logScale);
  }
  if (s.showPatches) drawPatchOverlay(dl, s, l, t);
  if (s.showGrid) drawGridOverlay(dl, s, l, t);
  if (s.showSamples) drawSampleOverlay(dl, s, l, k, t);
  if (!valid) drawInvalid(dl, l.data, from.validity.message());

  const float em = ImGui::GetFontSize();
  drawAxes(dl, l.base, AxisStyle{true, true, false, "z₁", nullptr});
  drawAxes(dl, l.data, AxisStyle{true, true, false, "x₁", nullptr});
  dl->AddText(ImVec2(l.base.min().x, l.base.min().y - em * 1.5f), theme::kBaseSpace, "base space z   p_Z = N(0, I)");
  char title[96];
  std::snprintf(title, sizeof title, "data space x = f(z)   after %d of %d layers", k, enabledLayers(s));
  dl->AddText(ImVec2(l.data.min().x, l.data.min().y - em * 1.5f), theme::kDataSpace, title);
  dl->AddText(ImVec2(l.base.min().x - em * 2.2f, l.base.min().y - em * 0.2f), theme::kText, "z₂");
  dl->AddText(ImVec2(l.data.min().x - em * 2.2f, l.data.min().y - em * 0.2f), theme::kText, "x₂");

  updateLab2DHover(s, l);
  drawLab2DHoverMarks(dl, s, l);
  dl->ChannelsMerge();
  drawLab2DBelow(s, l, low, high);
}

}  // namespace flowlab::app
