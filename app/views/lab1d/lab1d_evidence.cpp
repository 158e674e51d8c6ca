// The 1D lab's first-NaN locator: when p_X cannot be computed, the engine finds the first layer
// whose inverse turns non-finite along the x axis; this marks the representative x on the p_X
// panel and across the curve, shows the broken stretches on p_X's edge, and names the layer.
#include <algorithm>
#include <cstdio>

#include <imgui.h>

#include "app/ui/theme.h"
#include "app/views/lab1d/lab1d_parts.h"
#include "app/views/lab1d/lab1d_text.h"

namespace flowlab::app {

void recomputeNonFinite(Lab1DState& s) {
  Lab1DFields& f = s.fields;
  f.nonFinite.reset();
  if (f.validity.ok() && f.dataDensity.ok()) return;  // a finite p_X has nothing to find
  const int enabled = s.scene.flow.enabledCount();
  const int k = s.visibleLayers < 0 ? enabled : std::min(s.visibleLayers, enabled);
  const auto located = locateNonFiniteOnAxis(firstEnabledLayers(s.scene.flow, k), s.scene.view.xMin,
                                             s.scene.view.xMax, 401);
  if (located.ok() && located.value.site.found) f.nonFinite = located.value;
}

void drawLab1DNonFinite(ImDrawList* dl, Lab1DState& s, const Lab1DLayout& l) {
  if (!s.fields.nonFinite) return;
  const NonFiniteOnAxis& a = *s.fields.nonFinite;
  const float em = ImGui::GetFontSize();
  const PlotFrame& p = l.dataPanel;
  // The broken stretches of x as a red strip on the p_X panel's edge beside the curve.
  const float stripX = p.max().x - em * 0.45f;
  const double half = 0.5 * (a.x(a.x.size() - 1) - a.x(0)) / (a.x.size() - 1);
  for (int i = 0; i < a.x.size();) {
    if (!a.site.bad(i)) {
      ++i;
      continue;
    }
    const int start = i;
    while (i < a.x.size() && a.site.bad(i)) ++i;
    const ImVec2 top = p.toPixels(0.0, std::min(a.x(i - 1) + half, p.yRange().max));
    const ImVec2 bottom = p.toPixels(0.0, std::max(a.x(start) - half, p.yRange().min));
    dl->AddRectFilled(ImVec2(stripX, top.y), ImVec2(p.max().x, bottom.y), theme::kInvalid);
  }
  // The marked x: a line across p_X and the curve, and a ring on p_X.
  const float y = p.toPixels(0.0, a.at).y;
  dl->AddLine(ImVec2(p.min().x, y), ImVec2(l.curve.max().x, y), IM_COL32(255, 255, 255, 255), 4.0f);
  dl->AddLine(ImVec2(p.min().x, y), ImVec2(l.curve.max().x, y), theme::kInvalid, 2.0f);
  const ImVec2 ring(0.5f * (p.min().x + p.max().x), y);
  dl->AddCircleFilled(ring, em * 0.55f, IM_COL32(255, 255, 255, 255), 24);
  dl->AddCircle(ring, em * 0.55f, theme::kInvalid, 24, 2.5f);
  s.drawn.nonFiniteMark = ring;
  // The tag, in the curve panel just above the line (below it near the top), on an opaque box.
  char text[160];
  std::snprintf(text, sizeof text, "first non-finite %s at x = %.3f: %s", a.site.what.c_str(), a.at, a.site.label.c_str());
  const std::string wrapped = wrapLabelAtSpaces(text, l.curve.max().x - l.curve.min().x - em * 1.5f);
  const ImVec2 size = ImGui::CalcTextSize(wrapped.c_str());
  ImVec2 at(l.curve.min().x + em * 0.6f, y - size.y - em * 0.5f);
  if (at.y < l.curve.min().y + em * 0.3f) at.y = y + em * 0.5f;
  dl->AddRectFilled(ImVec2(at.x - em * 0.25f, at.y - em * 0.1f), ImVec2(at.x + size.x + em * 0.25f, at.y + size.y + em * 0.1f),
                    IM_COL32(255, 255, 255, 235), em * 0.2f);
  putLabel(dl, s.drawn, at, theme::kInvalid, wrapped, 0);
}

}  // namespace flowlab::app
