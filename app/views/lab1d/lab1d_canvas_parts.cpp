// The 1D lab's decile bands, hover readout, corner box and direct manipulation.
#include <algorithm>
#include <cmath>

#include <imgui.h>

#include "app/ui/tooltip.h"
#include "app/ui/theme.h"
#include "app/views/lab1d/lab1d_parts.h"
#include "app/views/lab1d/lab1d_text.h"

namespace flowlab::app {

void drawLab1DBands(ImDrawList* dl, const Lab1DState& s, const Lab1DLayout& l) {
  if (!s.fields.bands.ok() || !s.fields.baseDensity.ok()) return;
  const Bands1D& b = s.fields.bands.value;
  const int edges = static_cast<int>(b.zEdges.size());
  auto bandOf = [&](const Vector& sortedEdges, double v) {
    return int(std::upper_bound(sortedEdges.data(), sortedEdges.data() + edges, v) - sortedEdges.data());
  };
  // Base side: strips under p_Z, alternating tints per decile.
  const Density1D& pz = s.fields.baseDensity.value;
  for (int i = 0; i + 1 < pz.x.size(); ++i) {
    const int band = bandOf(b.zEdges, 0.5 * (pz.x(i) + pz.x(i + 1)));
    const ImVec2 top = l.basePanel.toPixels(pz.x(i), 0.5 * (pz.density(i) + pz.density(i + 1)));
    const ImVec2 bottom = l.basePanel.toPixels(pz.x(i + 1), 0.0);
    dl->AddRectFilled(top, bottom, band % 2 ? theme::kBaseBandA : theme::kBaseBandB);
  }
  // Data side: the same bands after f. A decreasing f reverses their order.
  if (s.fields.dataDensity.ok() && s.fields.validity.ok()) {
    const bool increasing = edges < 2 || b.xEdges(0) < b.xEdges(edges - 1);
    Vector sorted = b.xEdges;
    std::sort(sorted.data(), sorted.data() + edges);
    const Density1D& px = s.fields.dataDensity.value;
    for (int i = 0; i + 1 < px.x.size(); ++i) {
      int band = bandOf(sorted, 0.5 * (px.x(i) + px.x(i + 1)));
      if (!increasing) band = edges - band;
      const double p = 0.5 * (px.density(i) + px.density(i + 1));
      if (!std::isfinite(p)) continue;
      const ImVec2 a = l.dataPanel.toPixels(p, px.x(i + 1)), c = l.dataPanel.toPixels(0.0, px.x(i));
      dl->AddRectFilled(a, c, band % 2 ? theme::kDataBandA : theme::kDataBandB);
    }
    // Connectors: each decile edge goes up from z to the curve, then across to x.
    dl->PushClipRect(ImVec2(l.dataPanel.min().x, l.curve.min().y), ImVec2(l.curve.max().x, l.basePanel.max().y), true);
    for (int e = 0; e < edges; ++e) {
      const ImVec2 base = l.basePanel.toPixels(b.zEdges(e), 0.0);
      const ImVec2 onCurve = l.curve.toPixels(b.zEdges(e), b.xEdges(e));
      const ImVec2 side = l.dataPanel.toPixels(l.dataPanel.xRange().min, b.xEdges(e));
      dl->AddLine(base, onCurve, theme::kConnector);
      dl->AddLine(onCurve, side, theme::kConnector);
    }
    dl->PopClipRect();
  }
}

void drawLab1DHover(Lab1DState& s, ImDrawList* dl, const Lab1DLayout& l) {
  s.hover.reset();
  s.hoverError.clear();
  if (!ImGui::IsWindowHovered() || s.dragKnot >= 0 || s.dragCurve) return;
  const ImVec2 m = ImGui::GetMousePos();
  double a = 0, b = 0;
  const int enabled = s.scene.flow.enabledCount();
  const Flow shown = s.scene.flow.prefix(s.visibleLayers < 0 ? enabled : std::min(s.visibleLayers, enabled));
  Expected<PointProbe> probe;
  if (l.curve.contains(m) || l.basePanel.contains(m)) {
    (l.curve.contains(m) ? l.curve : l.basePanel).toData(m, a, b);
    Vector z(1);
    z << a;
    probe = probeAtBase(shown, z);
  } else if (l.dataPanel.contains(m)) {
    l.dataPanel.toData(m, a, b);
    Vector x(1);
    x << b;
    probe = probeAtData(shown, x);
  } else {
    return;
  }
  if (!probe.ok()) {
    s.hoverError = probe.status.message();
    return;
  }
  s.hover = probe.value;
  const double z = probe.value.z(0), x = probe.value.x(0);
  const ImVec2 onCurve = l.curve.toPixels(z, x);
  const ImVec2 onBase = l.basePanel.toPixels(z, probe.value.pz);
  const ImVec2 onData = l.dataPanel.toPixels(probe.value.px, x);
  dl->AddLine(l.basePanel.toPixels(z, 0.0), onCurve, theme::kHover, 1.5f);
  dl->AddLine(onCurve, l.dataPanel.toPixels(0.0, x), theme::kHover, 1.5f);
  for (const ImVec2& p : {onCurve, onBase, onData}) dl->AddCircleFilled(p, ImGui::GetFontSize() * 0.3f, theme::kHover);
}

namespace {

// The readout's lines: short enough for a narrow corner, one quantity a line.
constexpr const char* kSplitLine = "log p_X = log p_Z − Σ log|f′|";

}  // namespace

ImVec2 lab1dReadoutSize(int layers) {
  // The widest and the most lines the hover readout can show (numbers at their widest), plus the
  // box's padding: the layout makes room for this, so the readout is never cut.
  const ImGuiStyle& st = ImGui::GetStyle();
  float width = 0;
  for (const char* t : {"mass ∫p_X dx = -0.0000", "view -0.0000 + outside -0.0000", "x = -00.0000",
                        "z = f⁻¹(x) = -00.0000", "|dz/dx| = 0000.0000", kSplitLine, "-000.0000 = -000.0000",
                        "   − 000.0000  layer 10 (sinh_arcsinh)"})
    width = std::max(width, ImGui::CalcTextSize(t).x);
  const int lines = 2 + 7 + std::max(1, layers);
  const float height = lines * ImGui::GetTextLineHeightWithSpacing() + st.ItemSpacing.y + 1.0f;  // + separator
  return ImVec2(width + 2 * st.WindowPadding.x + 2, height + 2 * st.WindowPadding.y);
}

void drawLab1DCorner(Lab1DState& s, const Lab1DLayout& l) {
  s.drawn.readoutSize = lab1dReadoutSize(s.scene.flow.layerCount());
  const ImVec2 boxSize(l.cornerMax.x - l.cornerMin.x, l.cornerMax.y - l.cornerMin.y);
  ImGui::SetCursorScreenPos(l.cornerMin);
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(1, 1, 1, 1));
  ImGui::BeginChild("##corner", boxSize, true);
  const float wrap = ImGui::GetContentRegionAvail().x;
  float right = 0.0f;  // how far the content reaches, to report an overflow
  auto track = [&] { right = std::max(right, ImGui::GetItemRectMax().x); };
  auto wrapped = [&](const std::string& text) {
    ImGui::TextColored(theme::kErrorText, "%s", wrapLabelAtSpaces(text, wrap).c_str());
    track();
  };
  // The mass gauge: stays 1.000 while dragging, or says why it cannot.
  const auto& mass = s.fields.mass;
  if (mass.ok()) {
    ImGui::Text("mass ∫p_X dx = %.4f", mass.value.total());
    track();
    if (ImGui::IsItemHovered())
      showTooltip("Quadrature over the window: %.6f\nExact mass outside the window: %.6f\nTotal: %.9f",
                  mass.value.visible, mass.value.outside, mass.value.total());
    ImGui::TextDisabled("view %.4f + outside %.4f", mass.value.visible, mass.value.outside);
    track();
  } else {
    ImGui::TextColored(theme::kErrorText, "mass: undefined");
    track();
    wrapped(mass.status.message());
  }
  ImGui::Separator();
  if (s.hover) {
    const PointProbe& p = *s.hover;
    ImGui::Text("x = %.4f", p.x(0));
    track();
    ImGui::Text("z = f⁻¹(x) = %.4f", p.z(0));
    track();
    ImGui::Text("p_Z(z) = %.4f", p.pz);
    track();
    ImGui::Text("|dz/dx| = %.4f", p.volumeRatio);
    track();
    ImGui::TextColored(ImVec4(0.87f, 0.44f, 0.15f, 1), "p_X(x) = %.4f", p.px);
    track();
    ImGui::TextUnformatted(kSplitLine);
    track();
    ImGui::Text("%.4f = %.4f", p.logPx, p.logPz);
    track();
    for (const auto& t : p.terms) {
      ImGui::Text("   %s %.4f  %s", t.logAbsDet < 0 ? "+" : "−", std::abs(t.logAbsDet), t.label.c_str());
      track();
    }
  } else if (!s.hoverError.empty() && s.fields.validity.ok()) {
    wrapped(s.hoverError);
  } else {
    ImGui::TextDisabled("%s", wrapLabelAtSpaces("Hover a plot for x, z, p_Z, |dz/dx|, p_X and log p_X split by layer.", wrap).c_str());
    track();
  }
  const ImGuiStyle& st = ImGui::GetStyle();
  const float bottom = ImGui::GetCursorScreenPos().y - st.ItemSpacing.y + st.WindowPadding.y;
  s.drawn.readoutOverflow = std::max({0.0f, bottom - l.cornerMax.y, right + st.WindowPadding.x - l.cornerMax.x});
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

}  // namespace flowlab::app
