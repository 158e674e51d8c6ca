#include "app/views/lab1d/lab1d_layout.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <imgui.h>

namespace flowlab::app {

Lab1DLayout layoutLab1D(ImVec2 o, ImVec2 size, Range z, Range x, double densityTop, ImVec2 readout) {
  const float em = ImGui::GetFontSize();
  const float shortSide = std::min(size.x, size.y);
  // Margins for what sits outside the panels: x tick labels left of p_X, titles above, the density
  // and z tick labels below, and p_Z's density ticks in the gap between p_X and the curve.
  const float leftMargin = em * 3.5f, topMargin = em * 2.2f, rightMargin = em * 1.2f, bottomMargin = em * 3.0f;
  const float gapX = em * 3.2f, gapY = em * 3.0f;
  const float cornerInset = em * 0.4f;
  // One length for both density axes: a quarter of the short side, more if the readout needs it
  // (the readout box sits under p_X, as wide as p_X plus its tick labels, as tall as p_Z plus its
  // labels), never so much that the curve panel gets smaller than the density panels.
  const float wanted = std::max({shortSide * 0.27f, readout.x - (leftMargin - cornerInset),
                                 readout.y - (bottomMargin - cornerInset)});
  const float most = std::max(em * 6.0f, std::min(size.x - leftMargin - gapX - rightMargin,
                                                  size.y - topMargin - gapY - bottomMargin) * 0.5f);
  const float d = std::floor(std::clamp(wanted, std::min(em * 8.0f, most), most));

  const float left = o.x + leftMargin, top = o.y + topMargin;
  const float right = o.x + size.x - rightMargin, bottom = o.y + size.y - bottomMargin;
  const float sideRight = left + d;
  const float curveLeft = sideRight + gapX;
  const float baseTop = bottom - d;
  const float curveBottom = baseTop - gapY;
  const double top_ = densityTop > 0.0 && std::isfinite(densityTop) ? densityTop : 1.0;
  return Lab1DLayout{
      o,
      ImVec2(o.x + size.x, o.y + size.y),
      PlotFrame({curveLeft, top}, {right, curveBottom}, z, x),
      PlotFrame({left, top}, {sideRight, curveBottom}, Range{top_, 0.0}, x),
      PlotFrame({curveLeft, baseTop}, {right, bottom}, z, Range{0.0, top_}),
      ImVec2(o.x + cornerInset, baseTop),
      ImVec2(sideRight, o.y + size.y - cornerInset),
  };
}

double dataPixelsPerDensity(const Lab1DLayout& l) {
  return (l.dataPanel.max().x - l.dataPanel.min().x) / std::abs(l.dataPanel.xRange().span());
}

double basePixelsPerDensity(const Lab1DLayout& l) {
  return (l.basePanel.max().y - l.basePanel.min().y) / std::abs(l.basePanel.yRange().span());
}

namespace {

bool overlaps(ImVec2 a0, ImVec2 a1, ImVec2 b0, ImVec2 b1) {
  // Touching edges do not count; half a pixel of antialiasing does not either.
  const float slack = 0.5f;
  return a0.x < b1.x - slack && b0.x < a1.x - slack && a0.y < b1.y - slack && b0.y < a1.y - slack;
}

std::string describe(const Lab1DLabel& l) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "'%s'@%.0f,%.0f-%.0f,%.0f", l.text.c_str(), l.min.x, l.min.y, l.max.x, l.max.y);
  return buf;
}

}  // namespace

Lab1DLayoutProblems checkLab1DLayout(const Lab1DLayout& l, const Lab1DDrawn& d) {
  Lab1DLayoutProblems p;
  auto note = [&](const std::string& what) {
    if (p.first.empty()) p.first = what;
  };
  const PlotFrame* panels[3] = {&l.curve, &l.dataPanel, &l.basePanel};
  const char* panelNames[3] = {"curve", "p_X", "p_Z"};
  for (int i = 0; i < 3; ++i) {
    if (overlaps(panels[i]->min(), panels[i]->max(), l.cornerMin, l.cornerMax)) {
      ++p.readoutCovering;
      note(std::string("readout over the ") + panelNames[i] + " panel");
    }
    for (int j = i + 1; j < 3; ++j)
      if (overlaps(panels[i]->min(), panels[i]->max(), panels[j]->min(), panels[j]->max())) {
        ++p.overPanel;
        note(std::string(panelNames[i]) + " panel over the " + panelNames[j] + " panel");
      }
  }
  for (size_t i = 0; i < d.labels.size(); ++i) {
    const Lab1DLabel& a = d.labels[i];
    if (a.min.x < l.canvasMin.x || a.min.y < l.canvasMin.y || a.max.x > l.canvasMax.x || a.max.y > l.canvasMax.y) {
      ++p.outside;
      note("outside the canvas: " + describe(a));
    }
    for (int k = 0; k < 3; ++k)
      if (k != a.panel && overlaps(a.min, a.max, panels[k]->min(), panels[k]->max())) {
        ++p.overPanel;
        note(describe(a) + " over the " + panelNames[k] + " panel");
      }
    if (overlaps(a.min, a.max, l.cornerMin, l.cornerMax)) {
      ++p.readoutCovering;
      note("readout over " + describe(a));
    }
    for (size_t j = i + 1; j < d.labels.size(); ++j)
      if (overlaps(a.min, a.max, d.labels[j].min, d.labels[j].max)) {
        ++p.overlapping;
        note(describe(a) + " over " + describe(d.labels[j]));
      }
  }
  return p;
}

}  // namespace flowlab::app
