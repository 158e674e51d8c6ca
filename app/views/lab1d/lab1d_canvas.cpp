#include <algorithm>
#include <cmath>
#include <vector>

#include <imgui.h>

#include "app/plot/plot_frame.h"
#include "app/ui/theme.h"
#include "app/views/lab1d/lab1d_layout.h"
#include "app/views/lab1d/lab1d_view.h"

namespace flowlab::app {

Lab1DLayout layoutLab1D(ImVec2 o, ImVec2 size, Range z, Range x, double densityMax) {
  const float em = ImGui::GetFontSize();
  const float left = o.x + em * 3.5f, top = o.y + em * 2.2f;
  const float right = o.x + size.x - em * 1.2f, bottom = o.y + size.y - em * 3.0f;
  const float sideRight = left + std::max(em * 8.0f, (right - left) * 0.24f);
  const float curveLeft = sideRight + em * 0.6f;
  const float curveBottom = top + (bottom - top) * 0.68f;
  const float baseTop = curveBottom + em * 2.6f;
  return Lab1DLayout{
      PlotFrame({curveLeft, top}, {right, curveBottom}, z, x),
      PlotFrame({left, top}, {sideRight, curveBottom}, Range{-densityMax, 0.0}, x),
      PlotFrame({curveLeft, baseTop}, {right, bottom}, z, Range{0.0, densityMax}),
      ImVec2(left - em * 2.5f, baseTop),
      ImVec2(sideRight, bottom + em * 2.0f),
  };
}

// Drawing and direct manipulation, in lab1d_canvas_parts.cpp.
void handleLab1DDrag(Lab1DState& s, const Lab1DLayout& layout);
void drawLab1DBands(ImDrawList* dl, const Lab1DState& s, const Lab1DLayout& layout);
void drawLab1DHover(Lab1DState& s, ImDrawList* dl, const Lab1DLayout& layout);
void drawLab1DCorner(const Lab1DState& s, const Lab1DLayout& layout);

namespace {

double densityScale(const Lab1DState& s) {
  // Both panels share one honest scale, at least p_Z's peak 1/√(2π). Narrow spikes of p_X (a map
  // that is nearly flat somewhere) would squash everything else, so the scale follows the 98th
  // percentile of the drawn values and lets the tips of such spikes run off the panel.
  std::vector<double> values;
  if (s.fields.dataDensity.ok())
    for (int i = 0; i < s.fields.dataDensity.value.density.size(); ++i)
      if (const double p = s.fields.dataDensity.value.density(i); std::isfinite(p)) values.push_back(p);
  double top = 0.4;
  if (!values.empty()) {
    const size_t k = values.size() * 98 / 100;
    std::nth_element(values.begin(), values.begin() + k, values.end());
    top = std::max(top, values[k]);
  }
  return std::min(top, 20.0) * 1.15;
}

void drawPanelBackgrounds(ImDrawList* dl, const Lab1DLayout& l) {
  for (const PlotFrame* f : {&l.curve, &l.dataPanel, &l.basePanel}) dl->AddRectFilled(f->min(), f->max(), theme::kPanelBg);
}

void drawDensities(ImDrawList* dl, const Lab1DState& s, const Lab1DLayout& l) {
  dl->PushClipRect(l.dataPanel.min(), l.basePanel.max(), true);
  if (s.fields.baseDensity.ok()) {
    const auto& d = s.fields.baseDensity.value;
    drawPolyline(dl, l.basePanel, d.x.data(), d.density.data(), int(d.x.size()), theme::kBaseSpace, 2.5f);
  }
  if (s.showHistogram && s.fields.validity.ok() && s.fields.histogram.ok()) {
    const auto& h = s.fields.histogram.value;
    const double w = (h.xMax - h.xMin) / h.counts.size();
    for (int i = 0; i < h.density.size(); ++i) {
      const ImVec2 a = l.dataPanel.toPixels(-h.density(i), h.xMin + i * w);
      const ImVec2 b = l.dataPanel.toPixels(0.0, h.xMin + (i + 1) * w);
      dl->AddRectFilled(ImVec2(a.x, b.y), ImVec2(b.x, a.y), theme::kHistogram);
    }
  }
  if (s.fields.validity.ok() && s.fields.dataDensity.ok()) {
    const auto& d = s.fields.dataDensity.value;
    const Vector negated = -d.density;
    drawPolyline(dl, l.dataPanel, negated.data(), d.x.data(), int(d.x.size()), theme::kDataSpace, 2.5f);
  }
  dl->PopClipRect();
}

void drawCurve(ImDrawList* dl, const Lab1DState& s, const Lab1DLayout& l) {
  if (!s.fields.curve.ok()) return;
  const Curve1D& c = s.fields.curve.value;
  for (const auto& [z0, z1] : c.nonIncreasing) {
    const ImVec2 a = l.curve.toPixels(z0, l.curve.yRange().max), b = l.curve.toPixels(z1, l.curve.yRange().min);
    dl->AddRectFilled(ImVec2(std::min(a.x, b.x - 2.0f), a.y), ImVec2(std::max(b.x, a.x + 2.0f), b.y), theme::kInvalidFill);
  }
  dl->PushClipRect(l.curve.min(), l.curve.max(), true);
  drawPolyline(dl, l.curve, c.z.data(), c.x.data(), int(c.z.size()), theme::kCurve, 2.5f);
  // Where f' <= 0 the curve itself turns red.
  for (int i = 0; i + 1 < c.z.size(); ++i)
    if (c.slope(i) <= 0.0)
      dl->AddLine(l.curve.toPixels(c.z(i), c.x(i)), l.curve.toPixels(c.z(i + 1), c.x(i + 1)), theme::kInvalid, 4.0f);
  dl->PopClipRect();
}

void drawInvalidNotice(ImDrawList* dl, const Lab1DState& s, const Lab1DLayout& l) {
  if (s.fields.validity.ok()) return;
  const float em = ImGui::GetFontSize();
  const ImVec2 a = l.dataPanel.min(), b = l.dataPanel.max();
  dl->AddRectFilled(a, b, theme::kInvalidFill);
  dl->AddRect(a, b, theme::kInvalid, 0.0f, 0, 2.0f);
  const std::string text = "p_X is undefined:\n" + s.fields.validity.message() +
                           "\n\nThe red part of the curve is where f'(z) <= 0: f is not invertible there.";
  dl->AddText(ImGui::GetFont(), em, ImVec2(a.x + em * 0.5f, a.y + em * 0.5f), theme::kInvalid, text.c_str(), nullptr,
              b.x - a.x - em);
}

void drawAxesAndTitles(ImDrawList* dl, const Lab1DLayout& l) {
  drawAxes(dl, l.curve, AxisStyle{true, false, true, nullptr, "x = f(z)"});
  drawAxes(dl, l.dataPanel, AxisStyle{false, true, true, nullptr, nullptr});
  drawAxes(dl, l.basePanel, AxisStyle{true, false, true, "z", nullptr});
  const float em = ImGui::GetFontSize();
  dl->AddText(ImVec2(l.dataPanel.min().x, l.dataPanel.min().y - em * 1.4f), theme::kDataSpace, "p_X(x)  data space");
  dl->AddText(ImVec2(l.curve.min().x, l.curve.min().y - em * 1.4f), theme::kText, "the map x = f(z)  (forward: base to data)");
  dl->AddText(ImVec2(l.basePanel.min().x + em * 0.4f, l.basePanel.min().y + em * 0.2f), theme::kBaseSpace,
              "p_Z(z) = N(0, 1)  base space");
  const ImVec2 xl = l.dataPanel.min();
  dl->AddText(ImVec2(xl.x - em * 2.8f, xl.y - em * 1.4f), theme::kText, "x");
}

}  // namespace

void drawLab1DCanvas(Lab1DState& s, ImVec2 origin, ImVec2 size) {
  recompute(s);
  Lab1DLayout layout = layoutLab1D(origin, size, Range{s.zMin, s.zMax}, Range{s.scene.view.xMin, s.scene.view.xMax},
                                   densityScale(s));
  // Direct manipulation first, so a drag shows in this very frame; its handles go on a top channel.
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->ChannelsSplit(2);
  dl->ChannelsSetCurrent(1);
  handleLab1DDrag(s, layout);
  dl->ChannelsSetCurrent(0);
  if (s.dirty) {
    recompute(s);
    layout = layoutLab1D(origin, size, Range{s.zMin, s.zMax}, Range{s.scene.view.xMin, s.scene.view.xMax},
                         densityScale(s));
  }
  drawPanelBackgrounds(dl, layout);
  dl->PushClipRect(layout.dataPanel.min(), layout.basePanel.max(), true);  // tall spikes end at the panel edge
  if (s.showBands) drawLab1DBands(dl, s, layout);
  dl->PopClipRect();
  drawDensities(dl, s, layout);
  drawCurve(dl, s, layout);
  drawInvalidNotice(dl, s, layout);
  drawAxesAndTitles(dl, layout);
  drawLab1DHover(s, dl, layout);
  dl->ChannelsMerge();
  drawLab1DCorner(s, layout);
}

}  // namespace flowlab::app
