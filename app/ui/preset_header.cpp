#include "app/ui/preset_header.h"

#include <imgui.h>

#include "app/ui/preset_catalog.h"
#include "app/ui/tooltip.h"

namespace flowlab::app {

bool drawPresetHeader(int dim, SceneFile& scene, const std::string& presetPath, StackEditorState& editor,
                      const std::function<void(const std::string&)>& open) {
  bool changed = false;
  ImGui::TextDisabled("Preset");
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##preset", scene.name.empty() ? "(custom)" : scene.name.c_str())) {
    for (const auto& p : presets(dim)) {
      if (ImGui::Selectable(p.name.c_str(), p.path == presetPath)) open(p.path);
      if (ImGui::IsItemHovered() && !p.description.empty()) showTooltip("%s", p.description.c_str());
    }
    ImGui::EndCombo();
  }
  if (!scene.description.empty()) textWrappedAtSpaces(scene.description);
  ImGui::BeginDisabled(presetPath.empty());
  if (ImGui::Button("Reset")) {
    FlowHistory kept = editor.history;
    kept.record(scene.flow);
    open(presetPath);
    editor.history = kept;
  }
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered()) showTooltip("Back to the preset's parameters (Ctrl+Z undoes)");
  ImGui::SameLine();
  ImGui::BeginDisabled(!editor.history.canUndo());
  if (ImGui::Button("Undo")) changed |= editor.history.undo(scene.flow);
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered()) showTooltip("Ctrl+Z");
  ImGui::SameLine();
  ImGui::BeginDisabled(!editor.history.canRedo());
  if (ImGui::Button("Redo")) changed |= editor.history.redo(scene.flow);
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered()) showTooltip("Ctrl+Y");
  return changed;
}

}  // namespace flowlab::app
