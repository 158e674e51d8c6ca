#include "app/plot/plot_frame.h"

#include <algorithm>

#include "app/ui/theme.h"

#include <cmath>
#include <cstdio>

namespace flowlab::app {

PlotFrame::PlotFrame(ImVec2 pixelMin, ImVec2 pixelMax, Range xRange, Range yRange)
    : min_(pixelMin), max_(pixelMax), x_(xRange), y_(yRange) {}

ImVec2 PlotFrame::toPixels(double x, double y) const {
  const double u = (x - x_.min) / x_.span();
  const double v = (y - y_.min) / y_.span();
  return ImVec2(static_cast<float>(min_.x + u * (max_.x - min_.x)), static_cast<float>(max_.y - v * (max_.y - min_.y)));
}

void PlotFrame::toData(ImVec2 pixel, double& x, double& y) const {
  x = x_.min + (pixel.x - min_.x) / double(max_.x - min_.x) * x_.span();
  y = y_.min + (max_.y - pixel.y) / double(max_.y - min_.y) * y_.span();
}

bool PlotFrame::contains(ImVec2 p) const { return p.x >= min_.x && p.x <= max_.x && p.y >= min_.y && p.y <= max_.y; }

std::vector<double> niceTicks(double min, double max, int target) {
  std::vector<double> ticks;
  if (!(max > min) || !std::isfinite(min) || !std::isfinite(max) || target < 1) return ticks;
  const double raw = (max - min) / target;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  const double r = raw / magnitude;
  const double step = (r < 1.5 ? 1.0 : r < 3.5 ? 2.0 : r < 7.5 ? 5.0 : 10.0) * magnitude;
  for (double t = std::ceil(min / step) * step; t <= max + step * 1e-9; t += step)
    ticks.push_back(std::abs(t) < step * 1e-9 ? 0.0 : t);
  return ticks;
}

std::string formatValue(double v) {
  char buf[32];
  if (!std::isfinite(v)) return std::isnan(v) ? "NaN" : (v > 0 ? "+inf" : "−inf");
  // A true minus sign (U+2212), as in print: an ASCII hyphen after a tick mark reads as "--2".
  if (v < 0) return "−" + formatValue(-v);
  if (v != 0.0 && (std::abs(v) < 1e-3 || std::abs(v) >= 1e6))
    std::snprintf(buf, sizeof buf, "%.2e", v);
  else if (std::abs(v) >= 1000.0)
    std::snprintf(buf, sizeof buf, "%.0f", v);  // step counts: "1200", not "1.2e+03"
  else
    std::snprintf(buf, sizeof buf, "%.3g", v);
  return buf;
}

void drawAxes(ImDrawList* dl, const PlotFrame& f, const AxisStyle& s) {
  const ImU32 frameColour = IM_COL32(120, 120, 130, 255);
  const ImU32 gridColour = IM_COL32(0, 0, 0, 22);
  const float em = ImGui::GetFontSize();
  if (s.xTicks) {
    // Fewer ticks on a frame too narrow for six labels side by side ("1000" is wider than "2").
    std::vector<double> ticks = niceTicks(f.xRange().min, f.xRange().max, 6);
    for (int target = 5; target >= 2; --target) {
      float widest = 0;
      for (double t : ticks) widest = std::max(widest, ImGui::CalcTextSize(formatValue(t).c_str()).x);
      if (float(ticks.size()) * (widest + em * 0.8f) <= f.max().x - f.min().x) break;
      ticks = niceTicks(f.xRange().min, f.xRange().max, target);
    }
    for (double t : ticks) {
      const ImVec2 p = f.toPixels(t, f.yRange().min);
      if (s.grid) dl->AddLine(ImVec2(p.x, f.min().y), ImVec2(p.x, f.max().y), gridColour);
      dl->AddLine(p, ImVec2(p.x, p.y + em * 0.3f), frameColour);
      const std::string label = formatValue(t);
      const ImVec2 ts = ImGui::CalcTextSize(label.c_str());
      dl->AddText(ImVec2(p.x - ts.x * 0.5f, p.y + em * 0.35f), s.labelColour, label.c_str());
    }
  }
  if (s.yTicks) {
    for (double t : niceTicks(f.yRange().min, f.yRange().max, 5)) {
      const ImVec2 p = f.toPixels(f.xRange().min, t);
      if (s.grid) dl->AddLine(ImVec2(f.min().x, p.y), ImVec2(f.max().x, p.y), gridColour);
      dl->AddLine(ImVec2(p.x - em * 0.3f, p.y), p, frameColour);
      const std::string label = formatValue(t);
      const ImVec2 ts = ImGui::CalcTextSize(label.c_str());
      dl->AddText(ImVec2(p.x - em * 0.4f - ts.x, p.y - ts.y * 0.5f), s.labelColour, label.c_str());
    }
  }
  dl->AddRect(f.min(), f.max(), frameColour);
  if (s.xLabel) {
    const ImVec2 ts = ImGui::CalcTextSize(s.xLabel);
    dl->AddText(ImVec2(f.max().x - ts.x, f.max().y + em * 1.4f), s.labelColour, s.xLabel);
  }
  if (s.yLabel) dl->AddText(ImVec2(f.min().x + em * 0.3f, f.min().y + em * 0.2f), s.labelColour, s.yLabel);
}

void drawPolyline(ImDrawList* dl, const PlotFrame& frame, const double* xs, const double* ys, int count,
                  ImU32 colour, float thickness, int stride) {
  std::vector<ImVec2> run;
  run.reserve(count);
  auto flush = [&] {
    if (run.size() >= 2)
      dl->AddPolyline(run.data(), static_cast<int>(run.size()), colour, 0, thickness * theme::strokeScale);
    run.clear();
  };
  for (int i = 0; i < count; ++i) {
    const double x = xs[i * stride], y = ys[i * stride];
    if (!std::isfinite(x) || !std::isfinite(y)) {
      flush();
      continue;
    }
    run.push_back(frame.toPixels(x, y));
  }
  flush();
}

}  // namespace flowlab::app
