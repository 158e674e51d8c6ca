// The Energy view's canvas: the target's density and the flow's density with its samples, side by
// side on one colour scale and the same axes, over the curve of the ELBO rising toward log Z with
// the importance-sampling estimates (± one standard error) and the true log Z where it is known.
// Numbers come from the worker's snapshot; this file only maps them to pixels.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <imgui.h>

#include "app/ui/app_state.h"
#include "app/ui/theme.h"
#include "app/views/energy/energy_view.h"

namespace flowlab::app {
namespace {

constexpr ImU32 kSampleDot = IM_COL32(255, 255, 255, 170);
constexpr ImU32 kElbo = theme::kCurve;
constexpr ImU32 kEstimate = IM_COL32(40, 110, 200, 255);
constexpr ImU32 kTruth = IM_COL32(20, 150, 90, 255);

// Above the pane, clipped to its width plus the gap's half (titles never run into the next pane).
void paneTitle(ImDrawList* dl, const PlotFrame& f, const char* text) {
  const float em = ImGui::GetFontSize();
  dl->PushClipRect(ImVec2(f.min().x - em, f.min().y - em * 1.6f), ImVec2(f.max().x + em, f.min().y), true);
  dl->AddText(ImVec2(f.min().x, f.min().y - em * 1.35f), theme::kText, text);
  dl->PopClipRect();
}

// A heatmap of log-densities, or a blank pane while there is none.
void drawField(AppState& state, ImDrawList* dl, const PlotFrame& f, HeatmapRenderer& heat, const Vector* logDensity,
               const GridSpec& grid, std::uint64_t key, float high) {
  dl->AddRectFilled(f.min(), f.max(), theme::kPanelBg);
  if (!logDensity || logDensity->size() != grid.size()) return;
  const HeatmapStyle style{ColormapKind::Sequential, false, 0.0f, high};
  unsigned tex = heat.cached(key, style);
  if (!tex) {
    std::vector<float> logP(logDensity->size());
    for (Eigen::Index i = 0; i < logDensity->size(); ++i) logP[i] = float(std::max((*logDensity)(i), -1e30));
    tex = heat.render(logP.data(), grid.width, grid.height, style);
    heat.setKey(key);
  }
  if (tex) dl->AddImage(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(tex)), f.min(), f.max(), ImVec2(0, 1), ImVec2(1, 0));
  if (!heat.error().empty()) state.error(heat.error());
}

Range elboRange(const ReverseKlRunSnapshot& s) {
  double hi = -1e300, lo = 1e300;
  for (float v : s.elbo) hi = std::max(hi, double(v)), lo = std::min(lo, double(v));
  for (const LogZPoint& p : s.logZHistory)
    if (std::isfinite(p.logZ)) hi = std::max(hi, p.logZ + std::min(p.logZStderr, 1.0));
  if (s.trueLogZ) hi = std::max(hi, *s.trueLogZ), lo = std::min(lo, *s.trueLogZ);
  if (hi < lo) return Range{-3, 1};
  lo = std::max(lo, hi - 5.0);  // the first steps' ELBO can be tens of nats down: keep the fit visible
  const double pad = 0.08 * (hi - lo) + 0.05;
  return Range{lo - pad, hi + pad};
}

}  // namespace

EnergyLayout layoutEnergy(ImVec2 origin, ImVec2 size, bool withForward) {
  const float em = ImGui::GetFontSize();
  // Room left of each pane for its y tick labels ("−4"), above it for its title, below for x ticks.
  const float labels = em * 2.6f, margin = em * 0.8f, top = em * 2.0f, gap = em * 1.5f + labels;
  const Range axis{-4, 4};
  EnergyLayout l;
  l.hasForward = withForward;
  auto frame = [&](float x, float y, float side) { return PlotFrame(ImVec2(x, y), ImVec2(x + side, y + side), axis, axis); };
  // Three panes in a row get too narrow for their ticks and titles on a small canvas: there they
  // go two by two, the curve in the fourth cell.
  if (withForward && size.x < em * 62.0f) {
    const float side = std::max(em * 4.0f, std::min((size.x - labels - gap - 2 * margin) / 2.0f,
                                                    (size.y - 2 * top - em * 5.0f) / 2.0f));
    const float left = origin.x + labels + (size.x - labels - (2 * side + gap)) / 2.0f;
    const float row2 = origin.y + top + side + em * 1.8f + top;
    l.target = frame(left, origin.y + top, side);
    l.flow = frame(left + side + gap, origin.y + top, side);
    l.forward = frame(left, row2, side);
    l.curve = PlotFrame(ImVec2(left + side + gap, row2), ImVec2(left + 2 * side + gap, row2 + side), Range{0, 1}, Range{0, 1});
    return l;
  }
  const int panes = withForward ? 3 : 2;
  const float curveH = std::max(em * 8.0f, size.y * (withForward ? 0.24f : 0.30f));
  const float side = std::max(em * 4.0f, std::min((size.x - 2 * margin - labels - (panes - 1) * gap) / panes,
                                                  size.y - top - curveH - em * 5.0f));
  const float left = origin.x + labels + (size.x - labels - (panes * side + (panes - 1) * gap)) / 2.0f;
  l.target = frame(left, origin.y + top, side);
  l.flow = frame(left + side + gap, origin.y + top, side);
  l.forward = withForward ? frame(left + 2 * (side + gap), origin.y + top, side) : l.flow;
  const float cy = origin.y + top + side + em * 3.4f;
  l.curve = PlotFrame(ImVec2(origin.x + margin + labels + em * 1.2f, cy),
                      ImVec2(origin.x + size.x - margin - em, origin.y + size.y - em * 3.0f), Range{0, 1}, Range{0, 1});
  return l;
}

void EnergyView::canvas(AppState& state, ImVec2 origin, ImVec2 size) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float em = ImGui::GetFontSize();
  const ReverseKlRunSnapshot& s = snap_;
  EnergyLayout l = layoutEnergy(origin, size, s.forward);
  const GridSpec grid = s.target ? s.target->grid : running_.grid;
  const Range gx{grid.rect.xMin, grid.rect.xMax}, gy{grid.rect.yMin, grid.rect.yMax};
  l.target = PlotFrame(l.target.min(), l.target.max(), gx, gy);
  l.flow = PlotFrame(l.flow.min(), l.flow.max(), gx, gy);
  l.forward = PlotFrame(l.forward.min(), l.forward.max(), gx, gy);
  // One colour scale for both panes, so equal colours mean equal densities.
  float high = float(1.0 / (2.0 * M_PI));
  if (s.target) high = std::max(high, float(s.target->maxDensity));
  if (s.fields) high = std::max(high, float(s.fields->maxDensity));
  if (s.forward && s.forwardFields) high = std::max(high, float(s.forwardFields->maxDensity));
  if (s.target != drawnTarget_) drawnTarget_ = s.target, ++targetKey_;
  if (s.fields != drawnFields_) drawnFields_ = s.fields, ++flowKey_;
  if (s.forwardFields != drawnForward_) drawnForward_ = s.forwardFields, ++forwardKey_;
  drawField(state, dl, l.target, targetHeat_, s.target ? &s.target->logDensity : nullptr, grid, targetKey_, high);
  drawField(state, dl, l.flow, flowHeat_, s.fields ? &s.fields->flowLogDensity : nullptr, grid, flowKey_, high);
  if (l.hasForward)
    drawField(state, dl, l.forward, forwardHeat_, s.forwardFields ? &s.forwardFields->flowLogDensity : nullptr, grid,
              forwardKey_, high);
  auto dots = [&](const PlotFrame& f, const EnergyFields* fields) {
    if (!fields) return;
    const float r = 1.3f * theme::strokeScale;
    for (Eigen::Index i = 0; i < fields->samples.rows(); ++i) {
      const ImVec2 p = f.toPixels(fields->samples(i, 0), fields->samples(i, 1));
      if (f.contains(p)) dl->AddRectFilled(ImVec2(p.x - r, p.y - r), ImVec2(p.x + r, p.y + r), kSampleDot);
    }
  };
  dots(l.flow, s.fields.get());
  if (l.hasForward) dots(l.forward, s.forwardFields.get());
  const std::string targetName = runningTarget_.size() > 40 ? runningTarget_.substr(0, 37) + "..." : runningTarget_;
  paneTitle(dl, l.target, ("target  p ∝ exp(u):  " + targetName).c_str());
  paneTitle(dl, l.flow, l.hasForward ? ("reverse KL: q (" + running_.config.flow + ")").c_str()
                                     : ("flow q (" + running_.config.flow + ") and its samples").c_str());
  if (l.hasForward) paneTitle(dl, l.forward, "forward KL: on p's samples");
  AxisStyle axes;
  axes.grid = false;
  drawAxes(dl, l.target, axes);
  drawAxes(dl, l.flow, axes);
  if (l.hasForward) drawAxes(dl, l.forward, axes);
  if (s.target && s.target->nonFinite > 0) {
    const std::string note = std::to_string(s.target->nonFinite) + " cells where u is undefined (blank)";
    dl->AddText(ImVec2(l.target.min().x, l.target.max().y + em * 1.6f), theme::kInvalid, note.c_str());
  }

  // The curve: ELBO = E[u − log q] rises toward log Z; the gap is the reverse KL.
  const Range yr = elboRange(s);
  const double steps = std::max(1, s.totalSteps);
  const PlotFrame c(l.curve.min(), l.curve.max(), Range{0, steps}, yr);
  dl->AddRectFilled(c.min(), c.max(), theme::kPanelBg);
  AxisStyle curveAxes;
  curveAxes.xLabel = "step";
  curveAxes.yLabel = "nats";
  drawAxes(dl, c, curveAxes);
  dl->PushClipRect(c.min(), c.max(), true);
  if (s.trueLogZ) {
    const ImVec2 a = c.toPixels(0, *s.trueLogZ), b = c.toPixels(steps, *s.trueLogZ);
    for (float x = a.x; x < b.x; x += 10.0f) dl->AddLine(ImVec2(x, a.y), ImVec2(std::min(x + 6.0f, b.x), a.y), kTruth, 1.5f * theme::strokeScale);
  }
  if (!s.elbo.empty()) {
    std::vector<double> xs(s.elbo.size()), ys(s.elbo.size());
    for (size_t i = 0; i < xs.size(); ++i) xs[i] = double(i + 1), ys[i] = s.elbo[i];
    drawPolyline(dl, c, xs.data(), ys.data(), int(xs.size()), kElbo, 1.6f * theme::strokeScale);
  }
  for (const LogZPoint& p : s.logZHistory) {
    if (!std::isfinite(p.logZ)) continue;
    const double e = std::isfinite(p.logZStderr) ? p.logZStderr : 0.0;
    const ImVec2 m = c.toPixels(double(p.step), p.logZ);
    const ImVec2 lo = c.toPixels(double(p.step), p.logZ - e), hi = c.toPixels(double(p.step), p.logZ + e);
    dl->AddLine(lo, hi, kEstimate, 1.2f * theme::strokeScale);
    dl->AddCircleFilled(m, 2.5f * theme::strokeScale, kEstimate);
  }
  dl->PopClipRect();
  // Legend, above the plot's top edge.
  float x = c.min().x;
  const float y = c.min().y - em * 1.35f;
  auto legend = [&](ImU32 colour, const char* text) {
    dl->AddRectFilled(ImVec2(x, y + em * 0.35f), ImVec2(x + em * 0.9f, y + em * 0.65f), colour);
    dl->AddText(ImVec2(x + em * 1.2f, y), theme::kText, text);
    x += em * 1.2f + ImGui::CalcTextSize(text).x + em;
  };
  const bool narrow = c.max().x - c.min().x < em * 40.0f;  // the two-by-two layout's fourth cell
  legend(kElbo, narrow ? "ELBO" : "ELBO E[u − log q]");
  legend(kEstimate, narrow ? "log Z (IS)" : "log Z by importance sampling (± 1 s.e.)");
  if (s.trueLogZ) legend(kTruth, "true log Z");
  layout_ = l;
}

}  // namespace flowlab::app
