#include "app/views/lab1d/lab1d_view.h"

#include <imgui.h>

#include "app/ui/app_state.h"
#include "app/ui/dialogs.h"
#include "app/ui/preset_catalog.h"
#include "app/ui/preset_header.h"
#include "app/ui/theme.h"
#include "app/ui/tooltip.h"

namespace flowlab::app {

Lab1DView::Lab1DView() {
  // Until a preset or scene is opened: the sine warp z + 0.9·sin z, whose derivative never drops below 0.1.
  s_.scene.dim = 1;
  s_.scene.flow = Flow(1);
  s_.scene.name = "Sine warp";
  s_.scene.view.xMin = -6;
  s_.scene.view.xMax = 6;
  for (const auto& p : presets(1))
    if (p.path.find("sine_1d") != std::string::npos) {
      auto scene = loadSceneFile(p.path);
      if (scene.ok()) adopt(std::move(scene.value), p.path);
    }
}

void Lab1DView::adopt(SceneFile scene, const std::string& path) {
  // A new scene starts a new history: undoing into another scene's flow would mix the two.
  s_.editor.history.clear();
  s_.editor.selected = 0;
  s_.scene = std::move(scene);
  s_.scenePath = path;
  s_.presetPath = path;
  s_.visibleLayers = s_.scene.view.visibleLayers;
  s_.samples = std::clamp(s_.scene.view.samples, 100, 100000);
  s_.dirty = true;
  s_.refitDensity = true;  // a new scene gets its own density scale; edits keep it
}

bool Lab1DView::openScene(AppState& state, const std::string& path) {
  return adoptChecked(state, loadSceneFile(path), path, path);
}

bool Lab1DView::openSceneText(AppState& state, const std::string& text, const std::string& source) {
  return adoptChecked(state, parseScene(text, source), source, "");
}

bool Lab1DView::adoptChecked(AppState& state, Expected<SceneFile> scene, const std::string& source,
                             const std::string& path) {
  if (!scene.ok()) {
    state.error(scene.status.message());
    return false;
  }
  if (scene.value.dim != 1) {
    state.error(source + ": the 1D lab shows 1D scenes (this one has dim = " + std::to_string(scene.value.dim) + ")");
    return false;
  }
  adopt(std::move(scene.value), path);
  loadLab1DSteps(state, s_, source);
  state.info("opened " + source);
  for (const auto& problem : s_.scene.flow.problems()) state.warn(problem);
  return true;
}

SceneFile Lab1DView::currentScene() const {
  SceneFile out = s_.scene;
  out.view.visibleLayers = s_.visibleLayers;
  out.view.samples = s_.samples;
  return out;
}

void Lab1DView::setOverlays(const std::vector<std::string>& names, bool exclusive, std::vector<std::string>& unknown) {
  if (exclusive) s_.showHistogram = s_.showBands = false;
  for (const auto& n : names) {
    if (n == "histogram" || n == "samples") s_.showHistogram = true;
    else if (n == "bands") s_.showBands = true;
    else if (n != "density") unknown.push_back(n);  // the 1D density is always drawn
  }
  s_.dirty = true;
}

void Lab1DView::sidebar(AppState& state) {
  const float em = ImGui::GetFontSize();
  s_.dirty |= drawPresetHeader(1, s_.scene, s_.presetPath, s_.editor,
                               [&](const std::string& path) { openSceneFile(state, path); });

  ImGui::Separator();
  ImGui::TextDisabled("Layers (base z first, data x last)");
  s_.dirty |= drawStackEditor(s_.scene.flow, s_.editor);
  drawGuidedStepControls(s_.steps);

  ImGui::Separator();
  const int enabled = s_.scene.flow.enabledCount();
  int k = s_.visibleLayers < 0 ? enabled : std::min(s_.visibleLayers, enabled);
  ImGui::SetNextItemWidth(-em * 6);
  if (ImGui::SliderInt("layers shown", &k, 0, enabled)) {
    s_.visibleLayers = k == enabled ? -1 : k;
    s_.dirty = true;
  }
  if (ImGui::IsItemHovered()) showTooltip("Show the density after the first k layers (0: the base)");
  ImGui::SetNextItemWidth(-em * 6);
  if (ImGui::SliderInt("samples", &s_.samples, 100, 100000, "%d", ImGuiSliderFlags_Logarithmic)) s_.dirty = true;
  if (ImGui::IsItemHovered()) showTooltip("Base samples pushed through f, shown as a histogram");
  s_.dirty |= ImGui::Checkbox("histogram", &s_.showHistogram);
  ImGui::SameLine();
  ImGui::Checkbox("decile bands", &s_.showBands);
  double range[2] = {s_.scene.view.xMin, s_.scene.view.xMax};
  ImGui::SetNextItemWidth(-em * 6);
  if (ImGui::DragScalarN("x range", ImGuiDataType_Double, range, 2, 0.05f, nullptr, nullptr, "%.2f") &&
      range[0] < range[1]) {
    s_.scene.view.xMin = range[0];
    s_.scene.view.xMax = range[1];
    s_.dirty = true;
  }
  if (ImGui::Button("Fit density scale")) s_.refitDensity = true;
  if (ImGui::IsItemHovered())
    showTooltip("Both density panels share one scale, kept while you edit the map so that p_Z\n"
                "stays put. This fits it again to p_Z and the current p_X.");
  ImGui::Separator();
  ImGui::TextDisabled("engine update: %.2f ms", s_.fields.computeMs);
}

bool Lab1DView::goToStep(int k) {
  if (s_.steps.steps.empty()) return false;
  goToLab1DStep(s_, k, false);
  return true;
}

void Lab1DView::update(AppState& state, double dt) {
  updateLab1DSteps(s_, dt);
  s_.dirty |= handleUndoShortcuts(s_.scene.flow, s_.editor);
  recompute(s_);
}

void Lab1DView::canvas(AppState& state, ImVec2 origin, ImVec2 size) {
  const float band = drawGuidedStepCaption(ImGui::GetWindowDrawList(), s_.steps, origin, size);
  drawLab1DCanvas(s_, ImVec2(origin.x, origin.y + band), ImVec2(size.x, size.y - band));  // drags, recompute, draw
}

}  // namespace flowlab::app
