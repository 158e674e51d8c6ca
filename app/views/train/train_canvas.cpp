// The Training view's canvas: p_X as a heatmap with the data on top (left), the NLL curve with its
// reference lines (top right), and the base space: the data pushed through f⁻¹ next to N(0, I)
// samples (bottom right). Numbers come from TrainState; this file only maps them to pixels.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <vector>

#include <imgui.h>

#include "app/plot/colormap.h"
#include "app/ui/app_state.h"
#include "app/ui/theme.h"
#include "app/views/train/train_view.h"

namespace flowlab::app {

namespace {

constexpr ImU32 kTrainCurve = theme::kCurve;
constexpr ImU32 kTestCurve = IM_COL32(160, 60, 170, 255);
constexpr ImU32 kFloorLine = IM_COL32(20, 150, 90, 255);
constexpr ImU32 kDataDot = IM_COL32(255, 255, 255, 150);

void densityScale(const TrainState& s, float& low, float& high) {
  double peak = 1.0 / (2.0 * 3.14159265358979323846);  // the peak of N(0, I): the untrained flow
  if (s.fields.density.ok()) peak = std::max(peak, s.fields.density.value.maxDensity);
  low = 0.0f;
  high = static_cast<float>(peak);
}

void drawColourBar(ImDrawList* dl, ImVec2 mn, ImVec2 mx, float low, float high) {
  const int steps = 64;
  const float h = (mx.y - mn.y) / steps;
  for (int i = 0; i < steps; ++i) {
    const float y1 = mx.y - i * h;
    dl->AddRectFilled(ImVec2(mn.x, y1 - h - 0.5f), ImVec2(mx.x, y1),
                      colormapColour(ColormapKind::Sequential, (i + 0.5) / steps));
  }
  dl->AddRect(mn, mx, theme::kAxis);
  const PlotFrame scale(mn, mx, Range{0, 1}, Range{low, high});
  for (double t : niceTicks(low, high, 5)) {
    const ImVec2 p = scale.toPixels(0, t);
    dl->AddLine(ImVec2(mx.x, p.y), ImVec2(mx.x + 4, p.y), theme::kAxis);
    dl->AddText(ImVec2(mx.x + 6, p.y - ImGui::GetFontSize() * 0.5f), theme::kText, formatValue(t).c_str());
  }
  dl->AddText(ImVec2(mn.x, mn.y - ImGui::GetFontSize() * 1.3f), theme::kText, "p_X");
}

void drawDots(ImDrawList* dl, const PlotFrame& f, const Batch& pts, ImU32 colour, float r) {
  for (int i = 0; i < pts.rows(); ++i) {
    if (!std::isfinite(pts(i, 0)) || !std::isfinite(pts(i, 1))) continue;
    const ImVec2 p = f.toPixels(pts(i, 0), pts(i, 1));
    if (f.contains(p)) dl->AddRectFilled(ImVec2(p.x - r, p.y - r), ImVec2(p.x + r, p.y + r), colour);
  }
}

// A horizontal reference line at y with a label at its right end, above the line.
void referenceLine(ImDrawList* dl, const PlotFrame& f, double y, ImU32 colour, const char* label) {
  if (y < f.yRange().min || y > f.yRange().max) return;
  const ImVec2 a = f.toPixels(f.xRange().min, y), b = f.toPixels(f.xRange().max, y);
  for (float x = a.x; x < b.x; x += 10.0f) dl->AddLine(ImVec2(x, a.y), ImVec2(std::min(x + 6.0f, b.x), a.y), colour, 1.5f);
  const float em = ImGui::GetFontSize();
  const ImVec2 size = ImGui::CalcTextSize(label);
  dl->AddText(ImVec2(b.x - size.x - em * 0.4f, a.y - em * 1.15f), colour, label);
}

void drawCurve(ImDrawList* dl, const TrainState& s, const PlotFrame& f) {
  dl->AddRectFilled(f.min(), f.max(), theme::kPanelBg);
  drawAxes(dl, f, AxisStyle{true, true, true, "step", nullptr});
  dl->PushClipRect(f.min(), f.max(), true);
  const double floor = s.trainer ? s.trainer->entropyFloor() : 0.0;
  char label[96];
  std::snprintf(label, sizeof label, "N(0, I) baseline log(2πe) = %.3f", kGaussianBaselineNll);
  referenceLine(dl, f, kGaussianBaselineNll, theme::kBaseSpace, label);
  std::snprintf(label, sizeof label, "floor: data entropy = %.3f", floor);
  referenceLine(dl, f, floor, kFloorLine, label);
  drawPolyline(dl, f, s.trainSteps.data(), s.trainNll.data(), static_cast<int>(s.trainSteps.size()), kTrainCurve, 2.0f);
  drawPolyline(dl, f, s.testSteps.data(), s.testNll.data(), static_cast<int>(s.testSteps.size()), kTestCurve, 2.0f);
  for (size_t i = 0; i < s.testSteps.size(); ++i)
    dl->AddCircleFilled(f.toPixels(s.testSteps[i], s.testNll[i]), 2.5f, kTestCurve);
  dl->PopClipRect();
  const float em = ImGui::GetFontSize();
  ImVec2 p(f.min().x, f.min().y - em * 1.5f);
  dl->AddText(p, theme::kText, "NLL (nats/point)");
  p.x += ImGui::CalcTextSize("NLL (nats/point)  ").x;
  dl->AddLine(ImVec2(p.x, p.y + em * 0.6f), ImVec2(p.x + em * 1.5f, p.y + em * 0.6f), kTrainCurve, 2.0f);
  dl->AddText(ImVec2(p.x + em * 1.8f, p.y), kTrainCurve, "train");
  p.x += em * 1.8f + ImGui::CalcTextSize("train   ").x;
  dl->AddLine(ImVec2(p.x, p.y + em * 0.6f), ImVec2(p.x + em * 1.5f, p.y + em * 0.6f), kTestCurve, 2.0f);
  dl->AddText(ImVec2(p.x + em * 1.8f, p.y), kTestCurve, "test");
}

void drawBase(ImDrawList* dl, const TrainState& s, const PlotFrame& f) {
  dl->AddRectFilled(f.min(), f.max(), theme::kPanelBg);
  drawDots(dl, f, s.basePoints, IM_COL32(52, 120, 198, 110), 1.5f);
  if (s.fields.latent.ok()) drawDots(dl, f, s.fields.latent.value.value, IM_COL32(222, 112, 38, 150), 1.5f);
  drawAxes(dl, f, AxisStyle{true, true, false, "z₁", nullptr});
  const float em = ImGui::GetFontSize();
  dl->AddText(ImVec2(f.min().x, f.min().y - em * 1.5f), theme::kBaseSpace, "base z: N(0, I)");
  dl->AddText(ImVec2(f.min().x + ImGui::CalcTextSize("base z: N(0, I)  ").x, f.min().y - em * 1.5f),
              theme::kDataSpace, "f⁻¹(data)");
}

}  // namespace

TrainLayout layoutTrain(const TrainState& s, ImVec2 o, ImVec2 size) {
  const float em = ImGui::GetFontSize();
  const float top = o.y + em * 2.6f, left = o.x + em * 3.6f, bottom = o.y + size.y - em * 2.8f;
  const float bar = em * 1.1f, barLabels = em * 3.6f, gap = em * 4.0f;
  const float side = std::max(em * 6.0f, std::min(bottom - top, (size.x - (left - o.x)) * 0.52f));
  const ImVec2 dMin(left, top), dMax(left + side, top + side);
  const ImVec2 barMin(dMax.x + em * 0.8f, top), barMax(dMax.x + em * 0.8f + bar, dMax.y);
  const float rightX = barMax.x + barLabels + gap, rightX1 = std::max(rightX + em * 6.0f, o.x + size.x - em * 1.0f);
  const float curveBottom = top + (bottom - top) * 0.45f;
  const float baseTop = curveBottom + em * 4.2f;
  const float baseSide = std::max(em * 4.0f, std::min(bottom - baseTop, rightX1 - rightX));
  const Rect& r = s.rect;
  const double lastStep = s.trainSteps.empty() ? 0.0 : s.trainSteps.back();
  return TrainLayout{
      PlotFrame(dMin, dMax, Range{r.xMin, r.xMax}, Range{r.yMin, r.yMax}),
      PlotFrame(ImVec2(rightX, top), ImVec2(rightX1, curveBottom), Range{0.0, std::max(100.0, lastStep * 1.05)},
                nllRange(s)),
      PlotFrame(ImVec2(rightX, baseTop), ImVec2(rightX + baseSide, baseTop + baseSide), Range{-4, 4}, Range{-4, 4}),
      barMin,
      barMax,
  };
}

Range nllRange(const TrainState& s) {
  double lo = kGaussianBaselineNll, hi = kGaussianBaselineNll;
  if (s.trainer) lo = std::min(lo, s.trainer->entropyFloor());
  for (const auto* ys : {&s.trainNll, &s.testNll})
    for (double y : *ys)
      if (std::isfinite(y)) lo = std::min(lo, y), hi = std::max(hi, y);
  hi = std::min(hi, kGaussianBaselineNll + 1.5);  // a spike early on must not squash the curve
  const double pad = 0.08 * (hi - lo) + 0.05;
  return Range{lo - pad, hi + pad};
}

void drawTrainCanvas(AppState& state, TrainState& s, HeatmapRenderer& heatmap, ImVec2 origin, ImVec2 size) {
  const TrainLayout l = layoutTrain(s, origin, size);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float em = ImGui::GetFontSize();
  dl->AddRectFilled(l.density.min(), l.density.max(), theme::kPanelBg);
  float low = 0, high = 1;
  densityScale(s, low, high);
  if (s.fields.density.ok() && s.drawHeatmap) {
    const DensityGrid& g = s.fields.density.value;
    std::vector<float> logP(g.logProb.size());
    for (size_t i = 0; i < logP.size(); ++i) logP[i] = static_cast<float>(std::max(g.logProb(i), -1e30));
    const HeatmapStyle style{ColormapKind::Sequential, false, low, high};
    if (const unsigned tex = heatmap.render(logP.data(), g.grid.width, g.grid.height, style))
      dl->AddImage(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(tex)), l.density.min(), l.density.max(),
                   ImVec2(0, 1), ImVec2(1, 0));
    if (!heatmap.error().empty()) {
      state.error(heatmap.error());
      s.drawHeatmap = false;
    }
  }
  drawDots(dl, l.density, s.dataPoints, kDataDot, 1.2f);
  drawColourBar(dl, l.colourBarMin, l.colourBarMax, low, high);
  drawAxes(dl, l.density, AxisStyle{true, true, false, "x₁ (standardized)", nullptr});
  const long long step = s.trainer ? s.trainer->stepCount() : 0;
  char title[128];
  std::snprintf(title, sizeof title, "model density p_X after %lld steps, with %d data points (%s)", step,
                static_cast<int>(s.dataPoints.rows()), s.settings.dataset.c_str());
  dl->AddText(ImVec2(l.density.min().x, l.density.min().y - em * 1.5f), theme::kDataSpace, title);
  dl->AddText(ImVec2(l.density.min().x - em * 2.2f, l.density.min().y - em * 0.2f), theme::kText, "x₂");
  if (!s.diverged.empty() || !s.error.empty()) {
    const std::string& why = s.diverged.empty() ? s.error : s.diverged;
    dl->AddRectFilled(l.density.min(), ImVec2(l.density.max().x, l.density.min().y + em * 5.0f), theme::kInvalidFill);
    dl->AddText(ImGui::GetFont(), em * 1.05f, ImVec2(l.density.min().x + em * 0.5f, l.density.min().y + em * 0.5f),
                theme::kInvalid, why.c_str(), nullptr, l.density.max().x - l.density.min().x - em);
  }
  drawCurve(dl, s, l.curve);
  drawBase(dl, s, l.base);
}

}  // namespace flowlab::app
