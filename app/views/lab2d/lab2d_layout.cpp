#include <algorithm>
#include <cstdio>

#include <imgui.h>

#include "app/views/lab2d/lab2d_layout.h"

namespace flowlab::app {
namespace {

float textWidth(const char* s) { return ImGui::CalcTextSize(s).x; }

}  // namespace

std::string lab2dStageCaption(const Lab2DState& s) {
  int k = 0;
  double t = 0;
  morphPosition(s, k, t);
  char buf[96];
  if (t > 0.0)
    std::snprintf(buf, sizeof buf, "between layer %d and %d (visual blend)", k, k + 1);
  else
    std::snprintf(buf, sizeof buf, "after %d of %d layers", k, enabledLayers(s));
  return buf;
}

std::vector<std::string> roundTripTitlePieces(const Lab2DState& s, bool widest) {
  std::vector<std::string> pieces{"base space z", "round-trip error |f⁻¹(f(z)) − z|"};
  char buf[96];
  const Lab2DEvidence& e = s.evidence;
  if (widest) {
    pieces.push_back("max 8.8e-88 at z = (−00.00, −00.00)");
  } else if (!e.roundTrip.ok()) {
    pieces.push_back("undefined for this stack");
  } else if (e.roundTrip.value.maxCell < 0) {
    pieces.push_back("no finite round trip");
  } else {
    const RoundTripField& f = e.roundTrip.value;
    std::snprintf(buf, sizeof buf, "max %.1e at z = (%.2f, %.2f)", f.maxError, f.maxAt(0), f.maxAt(1));
    pieces.push_back(buf);
  }
  return pieces;
}

std::vector<std::string> lab2dTitlePieces(const Lab2DState& s, Pane pane, bool widest) {
  if (pane == Pane::Base && s.showRoundTrip) return roundTripTitlePieces(s, widest);
  if (pane == Pane::Base) return {"base space z", "p_Z = N(0, I)"};
  if (widest) {
    const int K = std::max(1, enabledLayers(s));
    return {"data space x = f(z)", "between layer " + std::to_string(K - 1) + " and " + std::to_string(K), "(visual blend)"};
  }
  int k = 0;
  double t = 0;
  morphPosition(s, k, t);
  if (t > 0.0)
    return {"data space x = f(z)", "between layer " + std::to_string(k) + " and " + std::to_string(k + 1), "(visual blend)"};
  return {"data space x = f(z)", lab2dStageCaption(s)};
}

std::vector<std::string> packTitleLines(const std::vector<std::string>& pieces, float width) {
  std::vector<std::string> lines;
  for (const std::string& p : pieces) {
    if (!lines.empty()) {
      const std::string joined = lines.back() + (p.front() == '(' ? " " : "   ") + p;
      if (textWidth(joined.c_str()) <= width) {
        lines.back() = joined;
        continue;
      }
    }
    lines.push_back(p);
  }
  return lines;
}

std::vector<std::pair<std::string, ScreenRect>> Lab2DLayout::parts() const {
  const float em = ImGui::GetFontSize();
  std::vector<std::pair<std::string, ScreenRect>> out;
  // Each pane with its tick labels (y left of it, x under it) and its axis names.
  for (const auto& [name, f] : {std::pair{"base", &base}, std::pair{"data", &data}})
    out.push_back({std::string(name) + "_pane", ScreenRect{ImVec2(f->min().x - em * 3.4f, f->min().y - em * 0.5f),
                                                           ImVec2(f->max().x + em * 0.6f, f->max().y + em * 2.6f)}});
  const float titleH = em * 1.3f * titleLines;
  out.push_back({"base_title", ScreenRect{baseTitle, ImVec2(baseTitle.x + baseTitleWidth, baseTitle.y + titleH)}});
  out.push_back({"data_title", ScreenRect{dataTitle, ImVec2(dataTitle.x + dataTitleWidth, dataTitle.y + titleH)}});
  out.push_back({"data_bar", ScreenRect{ImVec2(dataBar.min.x, dataBar.min.y - em * 0.5f),
                                        ImVec2(dataBar.max.x + em * 3.6f, dataBar.max.y + em * 1.8f)}});
  if (baseBarShown)
    out.push_back({"base_bar", ScreenRect{ImVec2(baseBar.min.x, baseBar.min.y - em * 0.5f),
                                          ImVec2(baseBar.max.x + em * 3.6f, baseBar.max.y + em * 1.8f)}});
  out.push_back({"readout", readout});
  out.push_back({"legend", legend});
  return out;
}

Lab2DLayout layoutLab2D(const Lab2DState& s, ImVec2 o, ImVec2 size) {
  const float em = ImGui::GetFontSize();
  Lab2DLayout l;
  l.canvas = ScreenRect{o, ImVec2(o.x + size.x, o.y + size.y)};
  l.perPaneBars = s.colourScale == ColourScale::PerPane && s.showDensity;
  l.baseBarShown = l.perPaneBars || s.showRoundTrip;
  // Horizontal: y ticks | base | gap (data y ticks, or a bar with labels and the ticks) | data | bar, labels.
  const float left = em * 3.6f, bar = em * 1.1f, barBlock = em * (0.8f + 1.1f + 3.6f);
  const float gap = em * 4.2f + (l.baseBarShown ? barBlock : 0.0f);
  const float right = barBlock + em * 0.6f;
  const float sideByWidth = (size.x - left - gap - right) * 0.5f;
  // Vertical: title, pane, tick labels and the Fit buttons, readout, legend when it goes below.
  const float readoutWidthMin = em * 34.0f, legendWidth = em * 16.0f;
  const bool legendBeside = size.x - em * 1.2f >= readoutWidthMin + legendWidth + em * 2.0f;
  const float readoutH = std::max(em * 9.6f, lab2dReadoutHeight(enabledLayers(s)));
  const float legendH = s.showPatches && !legendBeside ? em * 3.6f : 0.0f;
  const float belowPane = em * 3.1f;
  auto sideFor = [&](int lines) {
    const float top = em * (0.5f + 1.3f * lines + 0.6f);
    return std::min(sideByWidth, size.y - top - belowPane - readoutH - legendH - em * 0.4f);
  };
  // Titles run over their pane and the space right of it (the gap; the bar block and margin).
  auto linesAt = [&](float side) {
    l.baseTitleWidth = side + gap - em * 3.8f;
    l.dataTitleWidth = side + right - em * 0.2f;
    return static_cast<int>(std::max(packTitleLines(lab2dTitlePieces(s, Pane::Base, true), l.baseTitleWidth).size(),
                                     packTitleLines(lab2dTitlePieces(s, Pane::Data, true), l.dataTitleWidth).size()));
  };
  l.titleLines = 1;
  while (l.titleLines < 3 && linesAt(std::max(em * 6.0f, sideFor(l.titleLines))) > l.titleLines) ++l.titleLines;
  const float side = std::max(em * 6.0f, sideFor(l.titleLines));
  linesAt(side);
  const float top = o.y + em * (0.5f + 1.3f * l.titleLines + 0.6f);
  const ImVec2 baseMin(o.x + left, top), dataMin(o.x + left + side + gap, top);
  l.base = PlotFrame(baseMin, ImVec2(baseMin.x + side, top + side), Range{s.baseRect.xMin, s.baseRect.xMax},
                     Range{s.baseRect.yMin, s.baseRect.yMax});
  const ViewSettings& v = s.scene.view;
  l.data = PlotFrame(dataMin, ImVec2(dataMin.x + side, top + side), Range{v.xMin, v.xMax}, Range{v.yMin, v.yMax});
  l.dataBar = ScreenRect{ImVec2(dataMin.x + side + em * 0.8f, top), ImVec2(dataMin.x + side + em * 0.8f + bar, top + side)};
  if (l.baseBarShown)
    l.baseBar = ScreenRect{ImVec2(baseMin.x + side + em * 0.8f, top), ImVec2(baseMin.x + side + em * 0.8f + bar, top + side)};
  l.baseTitle = ImVec2(baseMin.x, o.y + em * 0.5f);
  l.dataTitle = ImVec2(dataMin.x, o.y + em * 0.5f);
  l.baseFit = ImVec2(baseMin.x, top + side + em * 1.45f);
  l.dataFit = ImVec2(dataMin.x, top + side + em * 1.45f);
  const float belowTop = top + side + belowPane;
  const float right0 = o.x + size.x - em * 0.6f;
  const float readoutRight = legendBeside && s.showPatches ? right0 - legendWidth - em * 2.0f : right0;
  l.readout = ScreenRect{ImVec2(o.x + em * 0.6f, belowTop), ImVec2(readoutRight, belowTop + readoutH)};
  if (!s.showPatches)
    l.legend = ScreenRect{ImVec2(right0, belowTop), ImVec2(right0, belowTop)};
  else if (legendBeside)
    l.legend = ScreenRect{ImVec2(right0 - legendWidth, belowTop), ImVec2(right0, belowTop + em * 3.4f)};
  else
    l.legend = ScreenRect{ImVec2(o.x + em * 0.6f, l.readout.max.y + em * 0.2f),
                          ImVec2(o.x + em * 0.6f + legendWidth, l.readout.max.y + em * 3.6f)};
  return l;
}

}  // namespace flowlab::app
