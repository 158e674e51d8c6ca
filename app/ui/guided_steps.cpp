#include "app/ui/guided_steps.h"

#include <algorithm>
#include <cfloat>
#include <cstdio>

#include "app/ui/app_state.h"
#include "app/ui/shortcuts.h"
#include "app/ui/theme.h"
#include "app/ui/tooltip.h"
#include "core/io/read_file.h"
#include "core/scene/scene_file.h"

namespace flowlab::app {

void loadGuidedSteps(AppState& app, GuidedSteps& g, const SceneFile& scene, const std::string& path,
                     const std::string& sceneText, const std::vector<std::string>& known) {
  g = GuidedSteps{};
  g.start = scene.flow;
  Expected<std::vector<SceneStep>> steps = readSceneSteps(scene);
  if (!steps.ok()) {
    // The reader names a JSON pointer; the file's text turns it into line and column.
    const Expected<std::string> text = sceneText.empty() ? readTextFile(path) : Expected<std::string>{Status::okStatus(), sceneText};
    app.error(text.ok() ? locateSceneError(steps.status, text.value, path).message() : path + ": " + steps.status.message());
    return;
  }
  for (const SceneStep& step : steps.value)
    for (const auto& [name, on] : step.overlays)
      if (std::find(known.begin(), known.end(), name) == known.end())
        app.warn(path + ": step \"" + step.caption + "\": this lab has no overlay '" + name + "'");
  g.steps = std::move(steps.value);
}

void walkGuidedSteps(GuidedSteps& g, Flow& flow, int k, bool animate) {
  if (!g.start || g.steps.empty()) return;
  g.shown = std::clamp(k, 0, int(g.steps.size()));
  Flow target = flowAfterSteps(*g.start, g.steps, g.shown);
  if (animate) {
    g.from = flow;
    g.to = std::move(target);
    g.clock = 0.0;
  } else {
    g.from.reset(), g.to.reset();
    flow = std::move(target);
  }
}

std::optional<int> requestedGuidedStep(GuidedSteps& g) {
  if (!g.steps.empty() && !ImGui::GetIO().WantTextInput) {
    if (shortcutPressed(Action::NextStep)) g.nextRequested = true;
    if (shortcutPressed(Action::PreviousStep)) g.previousRequested = true;
  }
  std::optional<int> k;
  if (g.nextRequested) k = g.shown + 1;
  if (g.previousRequested) k = g.shown - 1;
  g.nextRequested = g.previousRequested = false;
  if (g.steps.empty()) return std::nullopt;
  return k;
}

bool animateGuidedSteps(GuidedSteps& g, Flow& flow, double dt) {
  if (!g.from || !g.to) return false;
  g.clock += dt;
  const double t = g.clock / GuidedSteps::kAnimationSeconds;
  flow = t >= 1.0 ? *g.to : blendFlows(*g.from, *g.to, t);
  if (t >= 1.0) g.from.reset(), g.to.reset();
  return true;
}

void drawGuidedStepControls(GuidedSteps& g) {
  if (g.steps.empty()) return;
  ImGui::Separator();
  ImGui::TextDisabled("Guided steps");
  ImGui::BeginDisabled(g.shown == 0);
  if (ImGui::Button("< Previous")) g.previousRequested = true;
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) showTooltip("The step before (PageUp)");
  ImGui::SameLine();
  ImGui::Text("%d of %d", g.shown, int(g.steps.size()));
  ImGui::SameLine();
  ImGui::BeginDisabled(g.shown >= int(g.steps.size()));
  if (ImGui::Button("Next >")) g.nextRequested = true;
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    showTooltip("%s (PageDown: what a presenter's clicker sends)",
                g.shown < int(g.steps.size()) ? g.steps[size_t(g.shown)].caption.c_str() : "the last step is shown");
}

float drawGuidedStepCaption(ImDrawList* dl, const GuidedSteps& g, ImVec2 origin, ImVec2 size) {
  if (g.steps.empty()) return 0.0f;
  const float em = ImGui::GetFontSize(), big = em * 1.5f;
  char counter[32];
  std::snprintf(counter, sizeof counter, "%d/%d", g.shown, int(g.steps.size()));
  const std::string text = g.shown == 0 ? std::string("PageDown: first step") : g.steps[size_t(g.shown - 1)].caption;
  const float wrap = size.x - em * 6.0f;
  const ImVec2 ts = ImGui::GetFont()->CalcTextSizeA(big, FLT_MAX, wrap, text.c_str());
  const ImVec2 mn(origin.x, origin.y), mx(origin.x + size.x, origin.y + ts.y + em * 0.6f);
  dl->AddRectFilled(mn, mx, IM_COL32(255, 255, 255, 225));
  dl->AddText(ImGui::GetFont(), big, ImVec2(mn.x + (size.x - ts.x) * 0.5f, mn.y + em * 0.3f), theme::kText, text.c_str(),
              nullptr, wrap);
  dl->AddText(ImVec2(mx.x - ImGui::CalcTextSize(counter).x - em * 0.6f, mn.y + em * 0.3f), theme::kTextMuted, counter);
  return mx.y - mn.y;
}

}  // namespace flowlab::app
