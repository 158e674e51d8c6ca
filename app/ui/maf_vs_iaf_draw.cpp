// The MAF vs IAF panel's table and plot: numbers as core measured them (autoregressive_cost.h),
// mapped to text and pixels. The plot's axes are logarithmic: x is log2 D, y is log10 of the time.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include <imgui.h>

#include "app/plot/plot_frame.h"
#include "app/ui/maf_vs_iaf_panel.h"
#include "app/ui/theme.h"
#include "app/ui/tooltip.h"

namespace flowlab::app {

namespace {

constexpr ImU32 kMafColour = theme::kBaseSpace;  // blue
constexpr ImU32 kIafColour = theme::kDataSpace;  // orange
const ImVec4 kSlowText{0.95f, 0.55f, 0.30f, 1.0f};

void passesCell(long long perCall, long long counted, int calls, int layers, bool slow) {
  if (slow) ImGui::TextColored(kSlowText, "%lld", perCall);
  else ImGui::Text("%lld", perCall);
  if (ImGui::IsItemHovered())
    showTooltip("Counted: %lld conditioner passes over %d batch calls, %lld per call (%lld per layer, %d layers)",
                counted, calls, perCall, layers > 0 ? perCall / layers : 0, layers);
}

void timeCell(double seconds, bool slow) {
  if (slow) ImGui::TextColored(kSlowText, "%.1f ms", seconds * 1e3);
  else ImGui::Text("%.1f ms", seconds * 1e3);
}

struct Series {
  const char* label;
  ImU32 colour;
  bool density;  // density (filled circles, thick) or sampling (hollow squares, thin)
  bool maf;
};

double seriesSeconds(const DimensionCost& r, const Series& s) {
  const FlowCost& f = s.maf ? r.maf : r.iaf;
  return s.density ? f.densitySeconds : f.samplingSeconds;
}

}  // namespace

std::string withThousands(long long n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return (n < 0 ? "-" : "") + out;
}

void drawMafVsIafTable(const AutoregressiveCostSnapshot& snap) {
  const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("##mafiaf_table", 8, flags)) return;
  char head[64];
  ImGui::TableSetupColumn("D", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 1.4f);
  ImGui::TableSetupColumn("flow");
  std::snprintf(head, sizeof head, "density of %s", withThousands(snap.config.points).c_str());
  ImGui::TableSetupColumn(head);
  ImGui::TableSetupColumn("passes##d");
  std::snprintf(head, sizeof head, "%s samples", withThousands(snap.config.points).c_str());
  ImGui::TableSetupColumn(head);
  ImGui::TableSetupColumn("passes##s");
  ImGui::TableSetupColumn("test NLL");
  ImGui::TableSetupColumn("entropy");
  ImGui::TableHeadersRow();
  const int layers = snap.config.layers;
  for (const DimensionCost& r : snap.results) {
    for (int which = 0; which < 2; ++which) {
      const bool maf = which == 0;
      const FlowCost& f = maf ? r.maf : r.iaf;
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      if (maf) ImGui::Text("%d", r.dim);
      ImGui::TableNextColumn();
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(maf ? kMafColour : kIafColour), maf ? "MAF" : "IAF");
      if (ImGui::IsItemHovered())
        showTooltip("%d parameters, trained %d steps in %.1f s", f.paramCount, snap.config.trainSteps, f.trainSeconds);
      ImGui::TableNextColumn();
      timeCell(f.densitySeconds, !maf);
      ImGui::TableNextColumn();
      passesCell(f.densityPassesPerCall(), f.densityPasses, f.calls, layers, !maf);
      ImGui::TableNextColumn();
      timeCell(f.samplingSeconds, maf);
      ImGui::TableNextColumn();
      passesCell(f.samplingPassesPerCall(), f.samplingPasses, f.calls, layers, maf);
      ImGui::TableNextColumn();
      ImGui::Text("%.3f", f.testNll);
      if (ImGui::IsItemHovered())
        showTooltip("Mean −log p on %d held-out sine-chain points after %d training steps", snap.config.testSize,
                    snap.config.trainSteps);
      ImGui::TableNextColumn();
      if (maf) ImGui::Text("%.3f", r.entropy);
      if (maf && ImGui::IsItemHovered()) showTooltip("The sine chain's entropy: the lowest test NLL any model can reach");
    }
  }
  ImGui::EndTable();
  if (snap.results.empty()) ImGui::TextDisabled("(the rows appear as each dimension finishes)");
  else ImGui::TextDisabled("passes: sequential conditioner passes per batch call of %s points, counted; slow direction in orange",
                           withThousands(snap.config.chunk).c_str());
}

void drawMafVsIafPlot(const AutoregressiveCostSnapshot& snap, float width, float height) {
  const float em = ImGui::GetFontSize();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(width, height));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height), theme::kPanelBg);
  const ImVec2 pmin(origin.x + em * 5.0f, origin.y + em * 1.6f), pmax(origin.x + width - em * 1.0f, origin.y + height - em * 2.8f);
  if (pmax.x - pmin.x < em * 4 || pmax.y - pmin.y < em * 3) return;
  const std::vector<int>& dims = snap.config.dims;
  const int dLo = dims.empty() ? 2 : *std::min_element(dims.begin(), dims.end());
  const int dHi = dims.empty() ? 16 : *std::max_element(dims.begin(), dims.end());
  const Series series[] = {{"MAF density", kMafColour, true, true}, {"IAF density", kIafColour, true, false},
                           {"MAF sampling", kMafColour, false, true}, {"IAF sampling", kIafColour, false, false}};
  double tLo = 1e300, tHi = 0.0;
  for (const DimensionCost& r : snap.results)
    for (const Series& s : series) {
      const double ms = seriesSeconds(r, s) * 1e3;
      if (ms > 0.0) tLo = std::min(tLo, ms), tHi = std::max(tHi, ms);
    }
  if (!(tHi > 0.0)) tLo = 10.0, tHi = 1000.0;
  // A little room above and below the extreme points, and at least one decade.
  double yLo = std::log10(tLo) - 0.12, yHi = std::log10(tHi) + 0.12;
  if (yHi - yLo < 1.0) {
    const double mid = 0.5 * (yLo + yHi);
    yLo = mid - 0.5, yHi = mid + 0.5;
  }
  const double xPad = 0.25;
  const PlotFrame frame(pmin, pmax, Range{std::log2(double(dLo)) - xPad, std::log2(double(std::max(dHi, dLo + 1))) + xPad},
                        Range{yLo, yHi});
  AxisStyle axes;
  axes.xTicks = axes.yTicks = false;
  axes.xLabel = "dimension D (log scale)";
  drawAxes(dl, frame, axes);
  dl->AddText(ImVec2(origin.x + em * 0.4f, origin.y + em * 0.2f), theme::kText,
              "time for the whole batch (ms, log scale)");
  const ImU32 grid = theme::kGridLine;
  for (int d : dims) {
    const ImVec2 p = frame.toPixels(std::log2(double(d)), yLo);
    dl->AddLine(ImVec2(p.x, pmin.y), ImVec2(p.x, pmax.y), grid);
    const std::string label = std::to_string(d);
    const ImVec2 ts = ImGui::CalcTextSize(label.c_str());
    dl->AddText(ImVec2(p.x - ts.x * 0.5f, p.y + em * 0.35f), theme::kText, label.c_str());
  }
  // Ticks at 1, 2 and 5 times the powers of ten inside the range.
  for (double k = std::floor(yLo); k <= std::ceil(yHi); k += 1.0)
    for (double m : {1.0, 2.0, 5.0}) {
      const double v = k + std::log10(m);
      if (v < yLo || v > yHi) continue;
      const ImVec2 p = frame.toPixels(frame.xRange().min, v);
      dl->AddLine(ImVec2(pmin.x, p.y), ImVec2(pmax.x, p.y), m == 1.0 ? grid : IM_COL32(0, 0, 0, 12));
      const std::string label = formatValue(m * std::pow(10.0, k));
      const ImVec2 ts = ImGui::CalcTextSize(label.c_str());
      dl->AddText(ImVec2(pmin.x - em * 0.4f - ts.x, p.y - ts.y * 0.5f), theme::kText, label.c_str());
    }
  const float r = em * 0.28f;
  for (const Series& s : series) {
    std::vector<double> xs, ys;
    for (const DimensionCost& res : snap.results) {
      const double ms = seriesSeconds(res, s) * 1e3;
      xs.push_back(std::log2(double(res.dim)));
      ys.push_back(ms > 0.0 ? std::log10(ms) : NAN);
    }
    drawPolyline(dl, frame, xs.data(), ys.data(), int(xs.size()), s.colour, s.density ? 2.5f : 1.5f);
    for (std::size_t i = 0; i < xs.size(); ++i) {
      if (!std::isfinite(ys[i])) continue;
      const ImVec2 c = frame.toPixels(xs[i], ys[i]);
      if (s.density) dl->AddCircleFilled(c, r, s.colour);
      else dl->AddRect(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r), s.colour, 0.0f, 0, 1.5f);
    }
  }
  // Legend, top left inside the frame (the small times of low D sit at the bottom left).
  ImVec2 at(pmin.x + em * 0.6f, pmin.y + em * 0.4f);
  for (const Series& s : series) {
    const ImVec2 c(at.x + em * 0.5f, at.y + em * 0.5f);
    dl->AddLine(ImVec2(at.x, c.y), ImVec2(at.x + em * 1.2f, c.y), s.colour, s.density ? 2.5f : 1.5f);
    if (s.density) dl->AddCircleFilled(ImVec2(at.x + em * 0.6f, c.y), r, s.colour);
    else dl->AddRect(ImVec2(at.x + em * 0.6f - r, c.y - r), ImVec2(at.x + em * 0.6f + r, c.y + r), s.colour, 0.0f, 0, 1.5f);
    dl->AddText(ImVec2(at.x + em * 1.6f, at.y), theme::kText, s.label);
    at.y += em * 1.15f;
  }
  if (snap.results.empty()) {
    const char* msg = "The curves appear as each dimension finishes";
    const ImVec2 ts = ImGui::CalcTextSize(msg);
    dl->AddText(ImVec2((pmin.x + pmax.x - ts.x) * 0.5f, (pmin.y + pmax.y - ts.y) * 0.5f), theme::kTextMuted, msg);
  }
}

}  // namespace flowlab::app
