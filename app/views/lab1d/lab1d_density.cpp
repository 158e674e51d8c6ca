// The 1D lab's densities on one scale: p_Z below the curve and p_X beside it, both in pixels per
// unit of density taken from the same density range, with a mark wherever p_X runs off its panel.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/ui/theme.h"
#include "app/views/lab1d/lab1d_parts.h"
#include "app/views/lab1d/lab1d_text.h"

namespace flowlab::app {

double fitDensityTop(const Lab1DFields& f) {
  // p_Z's peak always fits, with headroom, so the base is drawn the same for every map. p_X widens
  // the range up to twice that peak and no further: a spike of a nearly flat map would otherwise
  // squash p_Z to a line; it is clipped (and marked) instead.
  double pz = 0.0;
  if (f.baseDensity.ok())
    for (int i = 0; i < f.baseDensity.value.density.size(); ++i)
      if (const double p = f.baseDensity.value.density(i); std::isfinite(p)) pz = std::max(pz, p);
  if (!(pz > 0.0)) pz = 0.4;
  double px = 0.0;
  if (f.validity.ok() && f.dataDensity.ok())
    for (int i = 0; i < f.dataDensity.value.density.size(); ++i)
      if (const double p = f.dataDensity.value.density(i); std::isfinite(p)) px = std::max(px, p);
  return 1.1 * std::max(pz, std::min(px, 2.0 * pz));
}

namespace {

// Marks each run of grid points where p_X exceeds the panel: a triangle at the panel's outer edge
// pointing out of it, at the run's peak, and a label with the peak's value.
void drawClipMarks(ImDrawList* dl, Lab1DState& s, const Lab1DLayout& l) {
  const Density1D& d = s.fields.dataDensity.value;
  const double top = l.dataPanel.xRange().min;
  const float em = ImGui::GetFontSize();
  int peak = -1;
  auto mark = [&] {
    const ImVec2 edge = l.dataPanel.toPixels(top, d.x(peak));
    const float h = em * 0.45f;
    dl->AddTriangleFilled(edge, ImVec2(edge.x + h * 1.6f, edge.y - h), ImVec2(edge.x + h * 1.6f, edge.y + h),
                          theme::kInvalid);
    s.drawn.clipMarks.push_back(edge);
    char text[48];
    std::snprintf(text, sizeof text, "clipped: peak %s", formatValue(d.density(peak)).c_str());
    const ImVec2 size = ImGui::CalcTextSize(text);
    ImVec2 at(edge.x + h * 2.0f, std::clamp(edge.y - size.y * 0.5f, l.dataPanel.min().y + 1.0f,
                                            l.dataPanel.max().y - size.y - 1.0f));
    // Labels of neighbouring spikes would overprint each other: the triangle alone marks those.
    for (const Lab1DLabel& other : s.drawn.labels)
      if (other.panel == 1 && std::abs(other.min.y - at.y) < size.y) return;
    if (at.x + size.x > l.dataPanel.max().x) return;  // too narrow a panel for words
    dl->AddRectFilled(ImVec2(at.x - 2, at.y), ImVec2(at.x + size.x + 2, at.y + size.y), IM_COL32(255, 255, 255, 220));
    putLabel(dl, s.drawn, at, theme::kInvalid, text, 1);
  };
  for (int i = 0; i < d.x.size(); ++i) {
    const double p = d.density(i);
    const bool over = std::isfinite(p) && p > top;
    if (over && (peak < 0 || p > d.density(peak))) peak = i;
    if (!over && peak >= 0) {
      mark();
      peak = -1;
    }
  }
  if (peak >= 0) mark();
}

}  // namespace

void drawLab1DDensities(ImDrawList* dl, Lab1DState& s, const Lab1DLayout& l) {
  dl->PushClipRect(l.dataPanel.min(), l.basePanel.max(), true);
  if (s.fields.baseDensity.ok()) {
    const auto& d = s.fields.baseDensity.value;
    drawPolyline(dl, l.basePanel, d.x.data(), d.density.data(), int(d.x.size()), theme::kBaseSpace, 2.5f);
  }
  if (s.showHistogram && s.fields.validity.ok() && s.fields.histogram.ok()) {
    const auto& h = s.fields.histogram.value;
    const double w = (h.xMax - h.xMin) / h.counts.size();
    for (int i = 0; i < h.density.size(); ++i) {
      const ImVec2 a = l.dataPanel.toPixels(h.density(i), h.xMin + i * w);
      const ImVec2 b = l.dataPanel.toPixels(0.0, h.xMin + (i + 1) * w);
      dl->AddRectFilled(ImVec2(a.x, b.y), ImVec2(b.x, a.y), theme::kHistogram);
    }
  }
  const bool haveData = s.fields.validity.ok() && s.fields.dataDensity.ok();
  if (haveData) {
    const auto& d = s.fields.dataDensity.value;
    drawPolyline(dl, l.dataPanel, d.density.data(), d.x.data(), int(d.x.size()), theme::kDataSpace, 2.5f);
  }
  dl->PopClipRect();
  if (haveData) drawClipMarks(dl, s, l);
}

}  // namespace flowlab::app
