#include "app/views/welcome_view.h"

#include <imgui.h>

#include "app/ui/app_state.h"
#include "app/plot/plot_frame.h"
#include "app/ui/theme.h"
#include "core/bijectors/rational_quadratic_spline_1d.h"

namespace flowlab::app {

void WelcomeView::sidebar(AppState& state) {
  ImGui::TextWrapped("Start here");
  ImGui::Spacing();
  for (const auto& v : state.views) {
    if (v->id() == id()) continue;
    if (ImGui::Button(v->title().c_str(), ImVec2(-1, 0))) state.activate(v->id());
  }
  ImGui::Spacing();
  if (ImGui::Button("Open scene...", ImVec2(-1, 0))) state.showOpenScene = true;
  ImGui::Spacing();
  ImGui::Separator();
  ImGui::TextDisabled("Conventions");
  ImGui::TextWrapped("Forward is generative: x = f(z).");
  ImGui::TextWrapped("Blue is base space z, orange is data space x.");
}

void WelcomeView::canvas(AppState& state, ImVec2 origin, ImVec2 size) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float em = ImGui::GetFontSize();
  const ImVec2 centre(origin.x + size.x * 0.5f, origin.y + size.y * 0.42f);
  // p_Z (blue) and its image under a bimodal spline (orange), computed by the engine once.
  if (!pictureReady_) {
    Flow warp(1);
    warp.append(std::make_unique<RationalQuadraticSpline1D>(std::vector<double>{-3, -1, 0, 1, 3},
                                                            std::vector<double>{-4, -2.5, 0, 2.5, 4},
                                                            std::vector<double>{1, 0.5, 4, 0.5, 1}));
    baseDensity_ = density1D(Flow(1), -5.0, 5.0, 300);
    dataDensity_ = density1D(warp, -5.0, 5.0, 300);
    pictureReady_ = true;
  }
  const float w = size.x * 0.5f, h = size.y * 0.25f;
  const PlotFrame frame(ImVec2(centre.x - w * 0.5f, centre.y - h * 0.5f), ImVec2(centre.x + w * 0.5f, centre.y + h * 0.5f),
                        Range{-5, 5}, Range{0, 0.45});
  for (const auto* d : {&baseDensity_, &dataDensity_})
    if (d->ok())
      drawPolyline(dl, frame, d->value.x.data(), d->value.density.data(), static_cast<int>(d->value.x.size()),
                   d == &baseDensity_ ? theme::kBaseSpace : theme::kDataSpace, 2.5f);
  const char* title = "FlowLab";
  ImGui::SetWindowFontScale(2.0f);
  const ImVec2 ts = ImGui::CalcTextSize(title);
  ImGui::SetCursorScreenPos(ImVec2(centre.x - ts.x * 0.5f, origin.y + size.y * 0.08f));
  ImGui::TextColored(ImVec4(0.12f, 0.12f, 0.15f, 1), "%s", title);
  ImGui::SetWindowFontScale(1.0f);
  const char* lines[] = {
      "Normalizing flows, seen working.",
      "Pick a lab in the sidebar (or Ctrl+1..4), or open a scene with Ctrl+O.",
  };
  float y = centre.y + h * 0.75f;
  for (const char* line : lines) {
    const ImVec2 ls = ImGui::CalcTextSize(line);
    dl->AddText(ImVec2(centre.x - ls.x * 0.5f, y), theme::kText, line);
    y += em * 1.6f;
  }
}

}  // namespace flowlab::app
