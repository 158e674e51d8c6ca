// The Training view's canvas: p_X as a heatmap with the data on top, the NLL curve with its
// reference lines, and the base space: the data pushed through f⁻¹ next to N(0, I) samples.
// Wide canvases put the density left and the curve over the base pane right; narrow ones put the
// density and the base pane side by side over a full-width curve. Numbers come from the training
// thread's snapshot; this file only maps them to pixels.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include <imgui.h>

#include "app/plot/colormap.h"
#include "app/ui/app_state.h"
#include "app/ui/theme.h"
#include "app/ui/tooltip.h"
#include "app/views/train/train_view.h"

namespace flowlab::app {

namespace {

constexpr ImU32 kTrainCurve = theme::kCurve;
constexpr ImU32 kTestCurve = IM_COL32(160, 60, 170, 255);
constexpr ImU32 kFloorLine = IM_COL32(20, 150, 90, 255);
constexpr ImU32 kRollback = IM_COL32(200, 40, 40, 255);
constexpr ImU32 kDataDot = IM_COL32(255, 255, 255, 150);
constexpr ImU32 kSampleDot = IM_COL32(255, 120, 190, 190);

void densityScale(const RunnerSnapshot& s, float& low, float& high) {
  double peak = 1.0 / (2.0 * 3.14159265358979323846);  // the peak of N(0, I): the untrained flow
  if (s.fields && s.fields->density.ok()) peak = std::max(peak, s.fields->density.value.maxDensity);
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
  // Below the bar: above it the title of the density pane runs.
  dl->AddText(ImVec2(mn.x, mx.y + ImGui::GetFontSize() * 0.3f), theme::kText, "p_X");
}

void drawDots(ImDrawList* dl, const PlotFrame& f, const Batch* pts, ImU32 colour, float r) {
  if (!pts) return;
  for (int i = 0; i < pts->rows(); ++i) {
    const double x = (*pts)(i, 0), y = (*pts)(i, 1);
    if (!std::isfinite(x) || !std::isfinite(y)) continue;
    const ImVec2 p = f.toPixels(x, y);
    if (f.contains(p)) dl->AddRectFilled(ImVec2(p.x - r, p.y - r), ImVec2(p.x + r, p.y + r), colour);
  }
}

// Text inside [x0, x1]: the first of `options` that fits (the last one is clipped if none does).
// Returns the right end of the text drawn.
float fittedText(ImDrawList* dl, ImVec2 at, float x1, ImU32 colour, std::initializer_list<std::string> options) {
  const std::string* pick = nullptr;
  for (const std::string& o : options) {
    pick = &o;
    if (at.x + ImGui::CalcTextSize(o.c_str()).x <= x1) break;
  }
  if (!pick) return at.x;
  dl->PushClipRect(ImVec2(at.x, at.y - 2), ImVec2(x1, at.y + ImGui::GetFontSize() * 1.5f), true);
  dl->AddText(at, colour, pick->c_str());
  dl->PopClipRect();
  return std::min(x1, at.x + ImGui::CalcTextSize(pick->c_str()).x);
}

// The step axis of the curve: linear, or log10(step) with steps below 1 drawn at 1.
double stepX(const TrainState& s, double step) { return s.logX ? std::log10(std::max(1.0, step)) : step; }

std::vector<double> stepXs(const TrainState& s, const std::vector<double>& steps) {
  std::vector<double> xs(steps.size());
  for (size_t i = 0; i < steps.size(); ++i) xs[i] = stepX(s, steps[i]);
  return xs;
}

// A horizontal reference line with its label above the line, at the left or the right end.
void referenceLine(ImDrawList* dl, const PlotFrame& f, double y, ImU32 colour, const char* label, bool atLeft) {
  if (!std::isfinite(y) || y < f.yRange().min || y > f.yRange().max) return;
  const ImVec2 a = f.toPixels(f.xRange().min, y), b = f.toPixels(f.xRange().max, y);
  for (float x = a.x; x < b.x; x += 10.0f) dl->AddLine(ImVec2(x, a.y), ImVec2(std::min(x + 6.0f, b.x), a.y), colour, 1.5f);
  const float em = ImGui::GetFontSize();
  const ImVec2 size = ImGui::CalcTextSize(label);
  const float x = atLeft ? a.x + em * 0.4f : b.x - size.x - em * 0.4f;
  dl->AddText(ImVec2(x, a.y - em * 1.15f), colour, label);
}

// Step ticks spaced for the pane's width (labels never overlap): linear or decades.
void drawCurveAxes(ImDrawList* dl, const TrainState& s, const PlotFrame& f) {
  const float em = ImGui::GetFontSize();
  const ImU32 frameColour = IM_COL32(120, 120, 130, 255), gridColour = IM_COL32(0, 0, 0, 22);
  const float width = f.max().x - f.min().x;
  std::vector<double> ticks;
  if (s.logX) {
    for (double d = 0; d <= f.xRange().max + 1e-9; d += 1) ticks.push_back(d);
  } else {
    ticks = niceTicks(f.xRange().min, f.xRange().max, std::clamp(int(width / (em * 4.5f)), 2, 8));
  }
  float lastRight = -1e9f;
  for (double t : ticks) {
    const ImVec2 p = f.toPixels(t, f.yRange().min);
    dl->AddLine(ImVec2(p.x, f.min().y), ImVec2(p.x, f.max().y), gridColour);
    dl->AddLine(p, ImVec2(p.x, p.y + em * 0.3f), frameColour);
    const std::string label = s.logX ? formatValue(std::pow(10.0, t)) : formatValue(t);
    const ImVec2 ts = ImGui::CalcTextSize(label.c_str());
    const float x = std::clamp(p.x - ts.x * 0.5f, f.min().x - ts.x * 0.5f, f.max().x - ts.x);
    if (x < lastRight + em * 0.5f) continue;  // would overlap its neighbour
    dl->AddText(ImVec2(x, p.y + em * 0.35f), theme::kText, label.c_str());
    lastRight = x + ts.x;
  }
  const int yTicks = std::clamp(int((f.max().y - f.min().y) / (em * 2.0f)), 2, 6);
  for (double t : niceTicks(f.yRange().min, f.yRange().max, yTicks)) {
    const ImVec2 p = f.toPixels(f.xRange().min, t);
    dl->AddLine(ImVec2(f.min().x, p.y), ImVec2(f.max().x, p.y), gridColour);
    dl->AddLine(ImVec2(p.x - em * 0.3f, p.y), p, frameColour);
    const std::string label = formatValue(t);
    const ImVec2 ts = ImGui::CalcTextSize(label.c_str());
    dl->AddText(ImVec2(p.x - em * 0.4f - ts.x, p.y - ts.y * 0.5f), theme::kText, label.c_str());
  }
  dl->AddRect(f.min(), f.max(), frameColour);
  const char* xLabel = s.logX ? "step (log)" : "step";
  const ImVec2 ts = ImGui::CalcTextSize(xLabel);
  dl->AddText(ImVec2(f.max().x - ts.x, f.max().y + em * 1.4f), theme::kText, xLabel);
}

// The value of a series at the point nearest to `step` (NaN if empty).
double nearestValue(const NllSeries& series, double step, double& atStep) {
  atStep = std::nan("");
  if (series.steps.empty()) return std::nan("");
  auto it = std::lower_bound(series.steps.begin(), series.steps.end(), step);
  if (it == series.steps.end() || (it != series.steps.begin() && step - *(it - 1) < *it - step)) --it;
  atStep = *it;
  return series.values[size_t(it - series.steps.begin())];
}

void drawCurve(ImDrawList* dl, const TrainState& s, const PlotFrame& f, ImVec2& legendMin, ImVec2& legendMax) {
  const RunnerSnapshot& snap = *s.snap;
  dl->AddRectFilled(f.min(), f.max(), theme::kPanelBg);
  drawCurveAxes(dl, s, f);
  dl->PushClipRect(f.min(), f.max(), true);
  char label[96];
  std::snprintf(label, sizeof label, "N(0, I) baseline log(2πe) = %.3f", kGaussianBaselineNll);
  // The curve starts at the baseline on the left and ends near the floor on the right: each label
  // goes to the end the curve is far from.
  referenceLine(dl, f, kGaussianBaselineNll, theme::kBaseSpace, label, false);
  // Own points have no known density: their floor is an estimate (and may be unknown: NaN, no line).
  std::snprintf(label, sizeof label, snap.config.data.points ? "floor (estimate): entropy ≈ %.3f" : "floor: data entropy = %.3f",
                snap.floor);
  if (std::isfinite(snap.floor)) referenceLine(dl, f, snap.floor, kFloorLine, label, true);
  const std::vector<double> trainX = stepXs(s, snap.train.steps), testX = stepXs(s, snap.test.steps);
  drawPolyline(dl, f, trainX.data(), snap.train.values.data(), static_cast<int>(trainX.size()), kTrainCurve, 2.0f);
  drawPolyline(dl, f, testX.data(), snap.test.values.data(), static_cast<int>(testX.size()), kTestCurve, 2.0f);
  for (size_t i = 0; i < testX.size(); ++i)
    dl->AddCircleFilled(f.toPixels(testX[i], snap.test.values[i]), 2.5f, kTestCurve);
  // Rollbacks: a red tick at the bottom of the pane at each step where one happened.
  const float em = ImGui::GetFontSize();
  for (double step : snap.rollbackSteps) {
    const ImVec2 p = f.toPixels(stepX(s, step), f.yRange().min);
    dl->AddTriangleFilled(ImVec2(p.x, p.y - em * 0.7f), ImVec2(p.x - em * 0.35f, p.y), ImVec2(p.x + em * 0.35f, p.y),
                          kRollback);
  }
  dl->PopClipRect();

  // Legend above the pane, in one line or two when narrow.
  const float width = f.max().x - f.min().x;
  const char* title = "NLL (nats/point)";
  const float entries = em * 1.8f + ImGui::CalcTextSize("train   ").x + em * 1.8f + ImGui::CalcTextSize("test").x;
  const bool oneLine = ImGui::CalcTextSize(title).x + em + entries <= width;
  ImVec2 p(f.min().x, f.min().y - em * (oneLine ? 1.5f : 2.7f));
  legendMin = p;
  dl->AddText(p, theme::kText, title);
  if (oneLine) p.x += ImGui::CalcTextSize(title).x + em; else p.y += em * 1.2f;
  dl->AddLine(ImVec2(p.x, p.y + em * 0.6f), ImVec2(p.x + em * 1.5f, p.y + em * 0.6f), kTrainCurve, 2.0f);
  dl->AddText(ImVec2(p.x + em * 1.8f, p.y), kTrainCurve, "train");
  p.x += em * 1.8f + ImGui::CalcTextSize("train   ").x;
  dl->AddLine(ImVec2(p.x, p.y + em * 0.6f), ImVec2(p.x + em * 1.5f, p.y + em * 0.6f), kTestCurve, 2.0f);
  dl->AddText(ImVec2(p.x + em * 1.8f, p.y), kTestCurve, "test");
  legendMax = ImVec2(std::max(f.min().x + ImGui::CalcTextSize(title).x, p.x + em * 1.8f + ImGui::CalcTextSize("test").x),
                     p.y + em);

  // Hover readout: step, train and test NLL nearest the cursor.
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  if (f.contains(mouse) && ImGui::IsWindowHovered() && !snap.train.steps.empty()) {
    double x = 0, y = 0;
    f.toData(mouse, x, y);
    const double step = s.logX ? std::pow(10.0, x) : x;
    double trainAt = 0, testAt = 0;
    const double train = nearestValue(snap.train, step, trainAt), test = nearestValue(snap.test, step, testAt);
    const float px = f.toPixels(stepX(s, trainAt), 0).x;
    dl->AddLine(ImVec2(px, f.min().y), ImVec2(px, f.max().y), theme::kAxis);
    showTooltip("step %.0f\ntrain NLL %.4f\ntest NLL %.4f (at step %.0f)", trainAt, train, test, testAt);
  }
}

void drawBase(ImDrawList* dl, const TrainState& state, const PlotFrame& f) {
  const RunnerSnapshot& s = *state.snap;  // the background is drawn before the overlays
  drawDots(dl, f, s.basePoints.get(), IM_COL32(52, 120, 198, 110), 1.5f);
  // A stage of the layer-by-layer pull-back, or all the way to z.
  const int layers = s.layers;
  const bool stage = state.layerShown >= 0 && s.fields && int(s.fields->stages.size()) == layers + 1;
  if (stage) drawDots(dl, f, &s.fields->stages[size_t(state.layerShown)], IM_COL32(222, 112, 38, 150), 1.5f);
  else if (s.fields && s.fields->latent.ok()) drawDots(dl, f, &s.fields->latent.value, IM_COL32(222, 112, 38, 150), 1.5f);
  drawAxes(dl, f, AxisStyle{true, true, false, "z₁", nullptr});
  const float em = ImGui::GetFontSize();
  const ImVec2 at(f.min().x, f.min().y - em * 1.5f);
  const float right = f.max().x + em * 2.0f;
  dl->AddText(at, theme::kBaseSpace, "base z: N(0, I)");
  char pulled[64];
  // A continuous flow's stages are times along its ODE: k segments back from the data is t = 1 − k/K.
  if (s.family && s.family->kind == FamilyKind::Cnf && layers > 0)
    std::snprintf(pulled, sizeof pulled, "data carried back to t = %.2f", 1.0 - double(state.layerShown) / layers);
  else
    std::snprintf(pulled, sizeof pulled, "data after %d of %d layers of f⁻¹", stage ? state.layerShown : layers, layers);
  fittedText(dl, ImVec2(at.x + ImGui::CalcTextSize("base z: N(0, I)  ").x, at.y), right, theme::kDataSpace,
             {stage ? std::string(pulled) : std::string("f⁻¹(data)"), stage ? std::to_string(state.layerShown) + "/" +
             std::to_string(layers) : std::string("f⁻¹")});
}

}  // namespace

TrainLayout layoutTrain(const TrainState& s, ImVec2 o, ImVec2 size) {
  const float em = ImGui::GetFontSize();
  const float x0 = o.x + em * 3.6f, x1 = o.x + size.x - em * 1.0f;  // y tick labels left, margin right
  const float y0 = o.y + em * 2.9f, y1 = o.y + size.y - em * 3.0f;  // titles above, x labels below
  const float bar = em * 1.1f, barLabels = em * 3.4f, gap = em * 4.6f;
  const double maxStep = std::max(100.0, s.snap->train.steps.empty() ? 0.0 : s.snap->train.steps.back() * 1.05);
  const Range stepRange = s.logX ? Range{0.0, std::log10(maxStep)} : Range{0.0, maxStep};
  const Rect& r = s.rect;
  TrainLayout l{};
  const float w = x1 - x0, h = y1 - y0;
  // Wide: the density square takes the height; the curve and the base pane share the column right
  // of its colour bar. Narrow (the column would be under ~16 em): density and base side by side
  // over a full-width curve.
  const float wideSide = std::min(h, w * 0.52f);
  const bool wide = w - wideSide - bar - barLabels - gap >= em * 16.0f;
  float side, cx0, cy0, cx1, cy1, bx0, by0, bside;
  if (wide) {
    side = std::max(em * 6.0f, wideSide);
    cx0 = x0 + side + em * 0.8f + bar + barLabels + gap;
    cx1 = x1;
    cy0 = y0;
    cy1 = y0 + h * 0.45f;
    by0 = cy1 + em * 4.4f;
    bside = std::max(em * 4.0f, std::min(y1 - by0, cx1 - cx0));
    bx0 = cx0;
  } else {
    const float top = h * 0.56f;  // the two squares; the curve below
    side = std::max(em * 5.0f, std::min(top, (w - bar - barLabels - gap) * 0.5f));
    bside = side;
    bx0 = x0 + side + em * 0.8f + bar + barLabels + gap;
    by0 = y0;
    cx0 = x0;
    cx1 = x1;
    cy0 = y0 + side + em * 6.2f;
    cy1 = std::max(cy0 + em * 5.0f, y1);
  }
  l.density = PlotFrame(ImVec2(x0, y0), ImVec2(x0 + side, y0 + side), Range{r.xMin, r.xMax}, Range{r.yMin, r.yMax});
  l.colourBarMin = ImVec2(x0 + side + em * 0.8f, y0);
  l.colourBarMax = ImVec2(l.colourBarMin.x + bar, y0 + side);
  l.curve = PlotFrame(ImVec2(cx0, cy0), ImVec2(cx1, cy1), stepRange, nllRange(s));
  l.base = PlotFrame(ImVec2(bx0, by0), ImVec2(bx0 + bside, by0 + bside), Range{-4, 4}, Range{-4, 4});
  return l;
}

Range nllRange(const TrainState& s) {
  const RunnerSnapshot& snap = *s.snap;
  double lo = kGaussianBaselineNll, hi = kGaussianBaselineNll;
  if (snap.floor > 0.0) lo = std::min(lo, snap.floor);
  for (const auto* ys : {&snap.train.values, &snap.test.values})
    for (double y : *ys)
      if (std::isfinite(y)) lo = std::min(lo, y), hi = std::max(hi, y);
  hi = std::min(hi, kGaussianBaselineNll + 1.5);  // a spike early on must not squash the curve
  const double pad = 0.08 * (hi - lo) + 0.05;
  // Room above the baseline for its label.
  return Range{lo - pad, hi + pad + 0.12 * (hi - lo)};
}

TrainLayout drawTrainCanvas(AppState& state, TrainState& s, HeatmapRenderer& heatmap, ImVec2 origin, ImVec2 size) {
  const RunnerSnapshot& snap = *s.snap;
  TrainLayout l = layoutTrain(s, origin, size);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float em = ImGui::GetFontSize();
  const bool heat = snap.fields && snap.fields->density.ok() && s.drawHeatmap;
  if (!heat) dl->AddRectFilled(l.density.min(), l.density.max(), theme::kPanelBg);  // the heatmap covers it
  float low = 0, high = 1;
  densityScale(snap, low, high);
  if (heat) {
    const DensityGrid& g = snap.fields->density.value;
    const HeatmapStyle style{ColormapKind::Sequential, false, low, high};
    // New fields arrive a few times a second while training: upload only those.
    if (snap.fields != s.drawnFields) {
      s.drawnFields = snap.fields;
      ++s.heatmapKey;
    }
    unsigned tex = heatmap.cached(s.heatmapKey, style);
    if (!tex) {
      std::vector<float> logP(g.logProb.size());
      for (size_t i = 0; i < logP.size(); ++i) logP[i] = static_cast<float>(std::max(g.logProb(i), -1e30));
      tex = heatmap.render(logP.data(), g.grid.width, g.grid.height, style);
      heatmap.setKey(s.heatmapKey);
    }
    if (tex)
      dl->AddImage(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(tex)), l.density.min(), l.density.max(),
                   ImVec2(0, 1), ImVec2(1, 0));
    if (!heatmap.error().empty()) {
      state.error(heatmap.error());
      s.drawHeatmap = false;
    }
  }
  // Grid and patches between the fields and the points, in both panes at once (one shape each).
  dl->AddRectFilled(l.base.min(), l.base.max(), theme::kPanelBg);
  drawTrainOverlays(dl, s, l);
  const bool showData = s.scatter != TrainState::Scatter::Samples, showSamples = s.scatter != TrainState::Scatter::Data;
  if (showData) drawDots(dl, l.density, snap.dataPoints.get(), kDataDot, 1.2f);
  if (showSamples && snap.fields && snap.fields->samples.ok())
    drawDots(dl, l.density, &snap.fields->samples.value, kSampleDot, 1.2f);
  drawColourBar(dl, l.colourBarMin, l.colourBarMax, low, high);
  drawAxes(dl, l.density, AxisStyle{true, true, false, "x₁ (standardized)", nullptr});
  const std::string steps = std::to_string(snap.step);
  const int points = snap.dataPoints ? static_cast<int>(snap.dataPoints->rows()) : 0;
  // The title stays within the pane and its colour bar: a shorter form when narrow.
  l.titleMin = ImVec2(l.density.min().x, l.density.min().y - em * 1.5f);
  const float titleRight = fittedText(dl, l.titleMin, l.colourBarMax.x + em * 2.0f,
             theme::kDataSpace,
             {"model density p_X after " + steps + " steps, with " + std::to_string(points) +
                  (s.scatter == TrainState::Scatter::Data      ? " data points ("
                   : s.scatter == TrainState::Scatter::Samples ? " model samples ("
                                                               : " data points and samples (") +
                  s.settings.dataName() + ")",
              "p_X after " + steps + " steps, " + s.settings.dataName(), "p_X, step " + steps});
  l.titleMax = ImVec2(titleRight, l.titleMin.y + em);
  dl->AddText(ImVec2(l.density.min().x - em * 2.2f, l.density.min().y - em * 0.2f), theme::kText, "x₂");
  const std::string& why = snap.stopped == StopReason::Diverged ? snap.message : s.error;
  if (!why.empty()) {
    dl->AddRectFilled(l.density.min(), ImVec2(l.density.max().x, l.density.min().y + em * 5.0f), theme::kInvalidFill);
    dl->AddText(ImGui::GetFont(), em * 1.05f, ImVec2(l.density.min().x + em * 0.5f, l.density.min().y + em * 0.5f),
                theme::kInvalid, why.c_str(), nullptr, l.density.max().x - l.density.min().x - em);
  }
  drawCurve(dl, s, l.curve, l.legendMin, l.legendMax);
  drawBase(dl, s, l.base);
  // Drawing replaces the hover probe on the density pane.
  if (handleDrawStrokes(s, l.density) || s.draw.active) {
    s.hover.reset();
    s.hoverPane = TrainState::HoverPane::None;
  } else {
    updateTrainHover(s, l);
    drawTrainHover(dl, s, l);
  }
  drawDrawing(dl, s, l.density);
  return l;
}

}  // namespace flowlab::app
