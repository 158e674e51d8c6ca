// For a selected coupling layer: which coordinate is kept and which transformed, the conditioner's
// s and t over the kept coordinate, and the layer's 2×2 Jacobian at the cursor.
#include <cmath>

#include <imgui.h>

#include "app/plot/plot_frame.h"
#include "app/ui/theme.h"
#include "app/views/lab2d/lab2d_view.h"
#include "core/bijectors/coupling_layer.h"

namespace flowlab::app {
namespace {

void plotFunction(const char* title, const Vector& a, const Vector& v, ImU32 colour, float width) {
  const float em = ImGui::GetFontSize();
  const ImVec2 size(width, em * 4.5f);
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::Dummy(size);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  double lo = v.minCoeff(), hi = v.maxCoeff();
  if (!(hi - lo > 1e-6)) lo -= 1.0, hi += 1.0;
  const PlotFrame f(ImVec2(p0.x, p0.y + em * 1.1f), ImVec2(p0.x + size.x, p0.y + size.y), Range{a(0), a(a.size() - 1)},
                    Range{lo, hi});
  dl->AddRectFilled(f.min(), f.max(), IM_COL32(245, 245, 242, 255));
  if (lo < 0 && hi > 0) dl->AddLine(f.toPixels(a(0), 0), f.toPixels(a(a.size() - 1), 0), IM_COL32(0, 0, 0, 60));
  drawPolyline(dl, f, a.data(), v.data(), static_cast<int>(a.size()), colour, 2.0f);
  char label[64];
  std::snprintf(label, sizeof label, "%s  [%.2f, %.2f]", title, v.minCoeff(), v.maxCoeff());
  dl->AddText(p0, ImGui::GetColorU32(ImGuiCol_Text), label);
}

}  // namespace

void drawCouplingPanel(const Lab2DState& s) {
  const int i = s.editor.selected;
  if (i < 0 || i >= s.scene.flow.layerCount()) return;
  const auto* coupling = dynamic_cast<const CouplingLayer*>(&s.scene.flow.layer(i));
  if (!coupling || s.scene.flow.dim() != 2 || coupling->kept().size() != 1) return;
  const int kept = coupling->kept()[0], changed = 1 - kept;
  ImGui::Separator();
  ImGui::TextDisabled("Coupling layer %d explained", i + 1);
  ImGui::TextWrapped("keeps x%s = z%s and transforms x%s = z%s·exp(s(z%s)) + t(z%s)", kept ? "₂" : "₁", kept ? "₂" : "₁",
                     changed ? "₂" : "₁", changed ? "₂" : "₁", kept ? "₂" : "₁", kept ? "₂" : "₁");
  const Status valid = coupling->conditioner().validate();
  if (!valid.ok()) {
    ImGui::TextColored(theme::kErrorText, "%s", valid.message().c_str());
    return;
  }
  const int n = 121;
  Batch a(n, 1);
  for (int j = 0; j < n; ++j) a(j, 0) = -3.0 + 6.0 * j / (n - 1);
  Batch logScale, shift;
  coupling->conditioner().compute(a, logScale, shift);
  const Vector av = a.col(0);
  const float width = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
  plotFunction("s (log-scale)", av, logScale.col(0), theme::kInvalid, width);
  ImGui::SameLine();
  plotFunction("t (shift)", av, shift.col(0), theme::kBaseSpace, width);
  // The Jacobian at the cursor: triangular, with exp(s) on the diagonal.
  const LayerTerm* term = nullptr;
  if (s.hover)
    for (const auto& t : s.hover->terms)
      if (t.layer == i) term = &t;
  if (term) {
    const Matrix& J = term->jacobian;
    ImGui::Text("∂(output)/∂(input) of this layer at the cursor:");
    ImGui::Text("  [ %7.3f  %7.3f ]", J(0, 0), J(0, 1));
    ImGui::Text("  [ %7.3f  %7.3f ]", J(1, 0), J(1, 1));
    ImGui::TextDisabled("triangular: the kept row is (1, 0) or (0, 1);");
    ImGui::TextDisabled("log|det| = s = %.4f (the diagonal's log)", term->logAbsDet);
  } else {
    ImGui::TextDisabled("Hover a pane to see this layer's 2×2 Jacobian.");
  }
}

}  // namespace flowlab::app
