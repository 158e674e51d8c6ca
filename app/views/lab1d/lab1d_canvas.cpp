// The 1D lab's canvas: lays the panels out, lets direct manipulation edit the flow, then draws
// bands, densities, the curve, axes, the hover readout and the corner box, in that order.
#include <algorithm>
#include <cmath>
#include <string>

#include <imgui.h>

#include "app/ui/theme.h"
#include "app/views/lab1d/lab1d_parts.h"
#include "app/views/lab1d/lab1d_text.h"
#include "app/views/lab1d/lab1d_view.h"

namespace flowlab::app {
namespace {

void drawPanelBackgrounds(ImDrawList* dl, const Lab1DLayout& l) {
  for (const PlotFrame* f : {&l.curve, &l.dataPanel, &l.basePanel}) dl->AddRectFilled(f->min(), f->max(), theme::kPanelBg);
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

void drawInvalidNotice(ImDrawList* dl, Lab1DState& s, const Lab1DLayout& l) {
  if (s.fields.validity.ok()) return;
  const float em = ImGui::GetFontSize();
  const ImVec2 a = l.dataPanel.min(), b = l.dataPanel.max();
  dl->AddRectFilled(a, b, theme::kInvalidFill);
  dl->AddRect(a, b, theme::kInvalid, 0.0f, 0, 2.0f);
  const std::string text = "p_X is undefined:\n" + s.fields.validity.message() +
                           "\n\nThe red part of the curve is where f'(z) <= 0: f is not invertible there.";
  putLabel(dl, s.drawn, ImVec2(a.x + em * 0.5f, a.y + em * 0.5f), theme::kInvalid, wrapLabelAtSpaces(text, b.x - a.x - em), 1);
}

Lab1DLayout layoutFor(const Lab1DState& s, ImVec2 origin, ImVec2 size) {
  return layoutLab1D(origin, size, Range{s.zMin, s.zMax}, Range{s.scene.view.xMin, s.scene.view.xMax}, s.densityTop,
                     lab1dReadoutSize(s.scene.flow.layerCount()));
}

}  // namespace

void drawLab1DCanvas(Lab1DState& s, ImVec2 origin, ImVec2 size) {
  recompute(s);
  if (s.refitDensity || !(s.densityTop > 0.0)) {
    s.densityTop = fitDensityTop(s.fields);
    s.refitDensity = false;
  }
  s.drawn = Lab1DDrawn{};
  Lab1DLayout layout = layoutFor(s, origin, size);
  // Direct manipulation first, so a drag shows in this very frame; its handles go on a top channel.
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->ChannelsSplit(2);
  dl->ChannelsSetCurrent(1);
  handleLab1DDrag(s, layout);
  dl->ChannelsSetCurrent(0);
  recompute(s);  // the density scale stays: only the map changed
  drawPanelBackgrounds(dl, layout);
  dl->PushClipRect(layout.dataPanel.min(), layout.basePanel.max(), true);  // tall spikes end at the panel edge
  if (s.showBands) drawLab1DBands(dl, s, layout);
  dl->PopClipRect();
  drawLab1DDensities(dl, s, layout);
  drawCurve(dl, s, layout);
  drawInvalidNotice(dl, s, layout);
  drawLab1DNonFinite(dl, s, layout);
  drawLab1DAxes(dl, s.drawn, layout);
  drawLab1DHover(s, dl, layout);
  dl->ChannelsMerge();
  drawLab1DCorner(s, layout);
  s.layout = layout;
}

}  // namespace flowlab::app
