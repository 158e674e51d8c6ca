#include <algorithm>
#include <cmath>
#include <vector>

#include <imgui.h>

#include "app/plot/colormap.h"
#include "app/ui/app_state.h"
#include "app/ui/stack_editor.h"
#include "app/ui/theme.h"
#include "app/ui/tooltip.h"
#include "app/views/lab2d/lab2d_layout.h"
#include "app/views/lab2d/lab2d_view.h"

namespace flowlab::app {
namespace {

struct ColourRange {
  float low = 0, high = 1;
};

// The colour scales of the two panes: shared (one colour means one density everywhere), per pane
// (each pane's own peak is the brightest colour), or log p (9 nats below the shared peak).
void densityScales(const Lab2DState& s, ColourRange& base, ColourRange& data) {
  const double basePeak = s.fields.baseDensity.ok() ? s.fields.baseDensity.value.maxDensity : 1.0 / (2.0 * M_PI);
  double dataPeak = 0.0;
  for (const StageFields* st : {&s.fields.from, &s.fields.to})
    if (st->validity.ok() && st->density.ok()) dataPeak = std::max(dataPeak, st->density.value.maxDensity);
  if (!(dataPeak > 0.0)) dataPeak = basePeak;
  const double shared = std::max(basePeak, dataPeak);
  switch (s.colourScale) {
    case ColourScale::Shared:
      base = data = ColourRange{0.0f, static_cast<float>(shared)};
      break;
    case ColourScale::PerPane:
      base = ColourRange{0.0f, static_cast<float>(basePeak)};
      data = ColourRange{0.0f, static_cast<float>(dataPeak)};
      break;
    case ColourScale::Log: {
      const float high = static_cast<float>(std::log(shared));
      base = data = ColourRange{high - 9.0f, high};
      break;
    }
  }
}

unsigned renderDensity(HeatmapRenderer& r, const Expected<DensityGrid>& field, const HeatmapStyle& style,
                       std::uint64_t id) {
  if (!field.ok()) return 0;
  if (const unsigned tex = r.cached(id, style)) return tex;
  r.setKey(id);
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

void drawColourBar(ImDrawList* dl, const ScreenRect& bar, ColourRange range, const char* title) {
  const int steps = 64;
  const float h = (bar.max.y - bar.min.y) / steps, em = ImGui::GetFontSize();
  for (int i = 0; i < steps; ++i) {
    const float y1 = bar.max.y - i * h;
    dl->AddRectFilled(ImVec2(bar.min.x, y1 - h - 0.5f), ImVec2(bar.max.x, y1),
                      colormapColour(ColormapKind::Sequential, (i + 0.5) / steps));
  }
  dl->AddRect(bar.min, bar.max, theme::kAxis);
  const PlotFrame scale(bar.min, bar.max, Range{0, 1}, Range{range.low, range.high});
  for (double t : niceTicks(range.low, range.high, 5)) {
    const ImVec2 p = scale.toPixels(0, t);
    dl->AddLine(ImVec2(bar.max.x, p.y), ImVec2(bar.max.x + em * 0.25f, p.y), theme::kAxis);
    dl->AddText(ImVec2(bar.max.x + em * 0.35f, p.y - em * 0.5f), theme::kText, formatValue(t).c_str());
  }
  // The title under the bar, where nothing else is (above it sit the pane titles).
  dl->AddText(ImVec2(bar.min.x, bar.max.y + em * 0.4f), theme::kText, title);
}

void drawInvalid(ImDrawList* dl, const PlotFrame& f, const std::string& message, bool canUndo) {
  const float em = ImGui::GetFontSize();
  dl->AddRectFilled(f.min(), f.max(), theme::kInvalidFill);
  dl->AddRect(f.min(), f.max(), theme::kInvalid, 0.0f, 0, 3.0f);
  const std::string text = "p_X is undefined\n\n" + withParameterLabels(message) + "\n\n" +
                           (canUndo ? "Fix the parameter, or Ctrl+Z to undo." : "Fix the parameter in the sidebar.");
  const std::string wrapped = wrapAtSpaces(text, f.max().x - f.min().x - 2 * em, em * 1.1f);
  dl->PushClipRect(f.min(), f.max(), true);
  dl->AddText(ImGui::GetFont(), em * 1.1f, ImVec2(f.min().x + em, f.min().y + em), theme::kInvalid, wrapped.c_str());
  dl->PopClipRect();
}

void drawTitle(ImDrawList* dl, ImVec2 at, const std::vector<std::string>& pieces, float width, ImU32 colour) {
  const float em = ImGui::GetFontSize();
  for (const std::string& line : packTitleLines(pieces, width)) {
    dl->AddText(at, colour, line.c_str());
    at.y += em * 1.3f;
  }
}

// Fit buttons under the panes; returns true when one changed a range.
bool drawFitButtons(Lab2DState& s, const Lab2DLayout& l) {
  bool changed = false;
  ImGui::SetCursorScreenPos(l.baseFit);
  if (ImGui::SmallButton("Fit##base")) fitBasePane(s), changed = true;
  if (ImGui::IsItemHovered()) showTooltip("Show z in ±3.5 again (scroll zooms, dragging empty space pans)");
  ImGui::SetCursorScreenPos(l.dataFit);
  if (ImGui::SmallButton("Fit##data")) fitDataPane(s), changed = true;
  if (ImGui::IsItemHovered()) showTooltip("Fit the view to where the mass is (the samples' extent)");
  return changed;
}

}  // namespace

Lab2DLayout drawLab2DCanvas(AppState& state, Lab2DState& s, Lab2DRenderers& r, ImVec2 origin, ImVec2 size) {
  Lab2DLayout l = layoutLab2D(s, origin, size);
  if (handleLab2DDrag(s, l)) s.dirty = true;
  if (handleLab2DNavigation(s, l)) l = layoutLab2D(s, origin, size);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  recompute(s);
  int k = 0;
  double t = 0;
  morphPosition(s, k, t);
  const StageFields& from = s.fields.from;
  const bool valid = from.validity.ok();

  for (const PlotFrame* f : {&l.base, &l.data}) dl->AddRectFilled(f->min(), f->max(), theme::kPanelBg);
  ColourRange baseRange, dataRange;
  densityScales(s, baseRange, dataRange);
  if (s.showDensity) {
    const bool log = s.colourScale == ColourScale::Log;
    const HeatmapStyle baseStyle{ColormapKind::Sequential, log, baseRange.low, baseRange.high};
    const HeatmapStyle dataStyle{ColormapKind::Sequential, log, dataRange.low, dataRange.high};
    // With the round-trip overlay on, the base pane shows that field instead of p_Z.
    if (!s.showRoundTrip)
      drawImage(dl, renderDensity(r.base, s.fields.baseDensity, baseStyle, s.fields.baseId), l.base, 1.0f);
    if (valid) {
      // A prediction lesson hides the output density until revealed, then fades it in.
      const float shown = static_cast<float>(s.steps.density.shown);
      drawImage(dl, renderDensity(r.data, from.density, dataStyle, from.id), l.data, shown);
      // In between layers the picture is a visual cross-fade of stage k and k + 1 (the title says so).
      if (t > 0.0 && s.fields.to.validity.ok())
        drawImage(dl, renderDensity(r.dataNext, s.fields.to.density, dataStyle, s.fields.to.id), l.data,
                  static_cast<float>(t) * shown);
    }
    for (HeatmapRenderer* h : {&r.base, &r.data, &r.roundTrip})
      if (!h->error().empty()) state.error(h->error());
    if (l.perPaneBars && !s.showRoundTrip) {
      drawColourBar(dl, l.baseBar, baseRange, "p_Z");
      drawColourBar(dl, l.dataBar, dataRange, "p_X");
    } else {
      drawColourBar(dl, l.dataBar, dataRange, log ? "log p" : "p");
    }
  }
  if (s.showRoundTrip) drawRoundTripOverlay(dl, s, l, r.roundTrip);
  if (s.showPatches) drawPatchOverlay(dl, s, l, t, float(s.steps.patches.shown));
  if (s.showGrid) drawGridOverlay(dl, s, l, t, float(s.steps.grid.shown));
  drawLab2DPrediction(dl, s, l.data.min(), l.data.max());
  if (s.showSamples) drawSampleOverlay(dl, s, l, k, t);
  if (!valid) drawInvalid(dl, l.data, from.validity.message(), s.editor.history.canUndo());
  if (s.showRoundTrip) drawRoundTripMark(dl, s, l);
  else s.roundTripMark.reset();
  drawNonFiniteMark(dl, s, l);

  const float em = ImGui::GetFontSize();
  drawAxes(dl, l.base, AxisStyle{true, true, false, "z₁", nullptr});
  drawAxes(dl, l.data, AxisStyle{true, true, false, "x₁", nullptr});
  drawTitle(dl, l.baseTitle, lab2dTitlePieces(s, Pane::Base), l.baseTitleWidth, theme::kBaseSpace);
  drawTitle(dl, l.dataTitle, lab2dTitlePieces(s, Pane::Data), l.dataTitleWidth, theme::kDataSpace);
  dl->AddText(ImVec2(l.base.min().x - em * 2.2f, l.base.min().y - em * 0.2f), theme::kText, "z₂");
  dl->AddText(ImVec2(l.data.min().x - em * 2.2f, l.data.min().y - em * 0.2f), theme::kText, "x₂");

  updateLab2DHover(s, l);
  drawLab2DHoverMarks(dl, s, l);
  if (s.showHandles) drawLab2DHandles(dl, s, l);  // last: on top of density, patches, grid and samples
  drawFitButtons(s, l);
  if (drawLab2DBelow(s, l)) fitDataPane(s);
  return l;
}

}  // namespace flowlab::app
