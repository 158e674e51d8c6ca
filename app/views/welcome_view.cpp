#include "app/views/welcome_view.h"

#include <cmath>

#include <imgui.h>

#include "app/ui/app_state.h"
#include "app/ui/theme.h"

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
  // A standard normal (blue) and its image under a warp (orange), as a picture of the idea.
  const int n = 200;
  const float w = size.x * 0.5f, h = size.y * 0.25f;
  auto gauss = [](float t) { return std::exp(-0.5f * t * t); };
  for (int k = 0; k < 2; ++k) {
    ImVec2 prev{};
    for (int i = 0; i <= n; ++i) {
      const float t = -4.0f + 8.0f * float(i) / n;
      const float y = k == 0 ? gauss(t) : 0.6f * gauss((t - 1.2f) / 0.6f) + 0.5f * gauss((t + 1.4f) / 0.8f);
      const ImVec2 p(centre.x + t / 4.0f * w * 0.5f, centre.y + h * 0.5f - y * h);
      if (i > 0) dl->AddLine(prev, p, k == 0 ? theme::kBaseSpace : theme::kDataSpace, 2.5f);
      prev = p;
    }
  }
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
