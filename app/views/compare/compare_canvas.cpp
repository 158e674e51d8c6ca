// The Compare view's canvas: A's and B's densities on the same axes and one colour scale, the
// log-density difference A − B on a diverging scale, and both NLL curves overlaid over the floor.
// Numbers come from the two runners' snapshots; this file only maps them to pixels.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <imgui.h>

#include "app/ui/app_state.h"
#include "app/ui/theme.h"
#include "app/views/compare/compare_view.h"
#include "app/views/train/train_state.h"

namespace flowlab::app {
namespace {

constexpr ImU32 kColourA = IM_COL32(40, 110, 200, 255);
constexpr ImU32 kColourB = IM_COL32(225, 115, 30, 255);
constexpr ImU32 kFloor = IM_COL32(20, 150, 90, 255);

void paneTitle(ImDrawList* dl, const PlotFrame& f, const std::string& text, ImU32 colour = theme::kText) {
  dl->AddText(ImVec2(f.min().x, f.min().y - ImGui::GetFontSize() * 1.35f), colour, text.c_str());
}

void image(ImDrawList* dl, const PlotFrame& f, unsigned tex) {
  if (tex) dl->AddImage(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(tex)), f.min(), f.max(), ImVec2(0, 1), ImVec2(1, 0));
}

unsigned field(HeatmapRenderer& heat, std::uint64_t key, const Vector& values, const GridSpec& g, const HeatmapStyle& style) {
  if (unsigned tex = heat.cached(key, style)) return tex;
  std::vector<float> v(values.size());
  for (Eigen::Index i = 0; i < values.size(); ++i) v[i] = float(std::clamp(values(i), -1e30, 1e30));
  const unsigned tex = heat.render(v.data(), g.width, g.height, style);
  heat.setKey(key);
  return tex;
}

void dashed(ImDrawList* dl, const PlotFrame& f, double y, ImU32 colour) {
  if (!std::isfinite(y) || y < f.yRange().min || y > f.yRange().max) return;
  const ImVec2 a = f.toPixels(f.xRange().min, y), b = f.toPixels(f.xRange().max, y);
  for (float x = a.x; x < b.x; x += 10.0f) dl->AddLine(ImVec2(x, a.y), ImVec2(std::min(x + 6.0f, b.x), a.y), colour, 1.5f);
}

}  // namespace

void CompareView::canvas(AppState& state, ImVec2 origin, ImVec2 size) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float em = ImGui::GetFontSize();
  const float labels = em * 2.6f, gap = em * 1.2f + labels, top = em * 2.0f;
  const float curveH = std::max(em * 8.0f, size.y * 0.32f);
  const float side = std::max(em * 4.0f, std::min((size.x - labels - 2 * gap - em) / 3.0f, size.y - top - curveH - em * 5.0f));
  const float left = origin.x + labels + (size.x - labels - (3 * side + 2 * gap)) / 2.0f;
  const RunnerSnapshot* a = sides_[0].snap.get();
  const RunnerSnapshot* b = sides_[1].snap.get();
  if (!a || !b) return;
  const Rect rect = RunnerOptions{}.rect;
  const Range rx{rect.xMin, rect.xMax}, ry{rect.yMin, rect.yMax};
  PlotFrame frames[3] = {
      PlotFrame(ImVec2(left, origin.y + top), ImVec2(left + side, origin.y + top + side), rx, ry),
      PlotFrame(ImVec2(left + side + gap, origin.y + top), ImVec2(left + 2 * side + gap, origin.y + top + side), rx, ry),
      PlotFrame(ImVec2(left + 2 * (side + gap), origin.y + top), ImVec2(left + 3 * side + 2 * gap, origin.y + top + side), rx, ry)};
  // One colour scale for both densities: equal colours, equal densities.
  float high = float(1.0 / (2.0 * M_PI));
  for (const RunnerSnapshot* s : {a, b})
    if (s->fields && s->fields->density.ok()) high = std::max(high, float(s->fields->density.value.maxDensity));
  const HeatmapStyle densityStyle{ColormapKind::Sequential, false, 0.0f, high};
  for (int i = 0; i < 2; ++i) {
    CompareSide& s = sides_[i];
    dl->AddRectFilled(frames[i].min(), frames[i].max(), theme::kPanelBg);
    const auto& f = s.snap->fields;
    if (f && f.get() != s.drawnFields.get()) s.drawnFields = f, ++s.key;
    if (f && f->density.ok())
      image(dl, frames[i], field(s.heat, s.key, f->density.value.logProb, f->density.value.grid, densityStyle));
    char text[160];
    std::snprintf(text, sizeof text, "run %s: %s, %d layers, seed %d", s.name, familyNames()[s.applied.family].c_str(),
                  s.applied.layers, s.applied.seed);
    paneTitle(dl, frames[i], text, i == 0 ? kColourA : kColourB);
  }
  dl->AddRectFilled(frames[2].min(), frames[2].max(), theme::kPanelBg);
  if (diff_) {
    const float m = float(std::clamp(diff_->maxAbs, 0.5, 6.0));
    image(dl, frames[2], field(diffHeat_, diffKey_, diff_->logRatio, diff_->grid, {ColormapKind::Diverging, true, -m, m}));
    char text[96];
    std::snprintf(text, sizeof text, "log p_A − log p_B  (±%.1f)", m);
    paneTitle(dl, frames[2], text);
  } else {
    paneTitle(dl, frames[2], "log p_A − log p_B (waiting for both grids)");
  }
  for (HeatmapRenderer* h : {&sides_[0].heat, &sides_[1].heat, &diffHeat_})
    if (!h->error().empty()) state.error(h->error());
  AxisStyle axes;
  axes.grid = false;
  for (const PlotFrame& f : frames) drawAxes(dl, f, axes);

  // NLL curves, overlaid.
  double lo = kGaussianBaselineNll, hi = kGaussianBaselineNll, last = 1;
  for (const RunnerSnapshot* s : {a, b}) {
    if (std::isfinite(s->floor)) lo = std::min(lo, s->floor);
    for (const NllSeries* series : {&s->train, &s->test}) {
      for (double v : series->values)
        if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
      if (!series->steps.empty()) last = std::max(last, series->steps.back());
    }
    last = std::max(last, double(s->scheduleEnd));
  }
  hi = std::min(hi, kGaussianBaselineNll + 1.5);
  const double pad = 0.08 * (hi - lo) + 0.05;
  const float cy = frames[0].max().y + em * 3.4f;
  const PlotFrame c(ImVec2(origin.x + labels + em * 1.2f, cy), ImVec2(origin.x + size.x - em * 1.5f, origin.y + size.y - em * 3.0f),
                    Range{0, last}, Range{lo - pad, hi + pad});
  dl->AddRectFilled(c.min(), c.max(), theme::kPanelBg);
  AxisStyle curveAxes;
  curveAxes.xLabel = "step";
  curveAxes.yLabel = "NLL (nats)";
  drawAxes(dl, c, curveAxes);
  dl->PushClipRect(c.min(), c.max(), true);
  dashed(dl, c, a->floor, kFloor);
  if (b->floor != a->floor) dashed(dl, c, b->floor, kFloor);
  dashed(dl, c, kGaussianBaselineNll, theme::kAxis);
  const float w = theme::strokeScale;
  for (int i = 0; i < 2; ++i) {
    const RunnerSnapshot* s = i == 0 ? a : b;
    const ImU32 colour = i == 0 ? kColourA : kColourB;
    drawPolyline(dl, c, s->train.steps.data(), s->train.values.data(), int(s->train.steps.size()), colour, 1.2f * w);
    for (size_t k = 0; k < s->test.steps.size(); ++k)
      dl->AddCircleFilled(c.toPixels(s->test.steps[k], s->test.values[k]), 2.6f * w, colour);
  }
  dl->PopClipRect();
  float x = c.min().x;
  const float y = c.min().y - em * 1.35f;
  auto legend = [&](ImU32 colour, const char* text) {
    dl->AddRectFilled(ImVec2(x, y + em * 0.35f), ImVec2(x + em * 0.9f, y + em * 0.65f), colour);
    dl->AddText(ImVec2(x + em * 1.2f, y), theme::kText, text);
    x += em * 1.2f + ImGui::CalcTextSize(text).x + em;
  };
  legend(kColourA, "A: train (line), test (dots)");
  legend(kColourB, "B");
  legend(kFloor, "entropy floor");
  legend(theme::kAxis, "N(0, I) baseline");
  layout_ = CompareLayout{frames[0], frames[1], frames[2], c};
}

}  // namespace flowlab::app
