#include "app/ui/stack_editor.h"

#include <imgui.h>

#include "app/ui/keys.h"
#include "app/ui/theme.h"
#include "app/ui/shortcuts.h"
#include "app/ui/tooltip.h"
#include "core/library/layer_library.h"

namespace flowlab::app {
namespace {

// The formula of a layer type, from the engine's library.
std::string formulaOf(const std::string& type, int dim) {
  for (const auto& k : layerKinds(dim))
    if (k.type == type) return k.formula;
  return {};
}

bool drawParameters(Flow& flow, int index, StackEditorState& ui) {
  bool changed = false;
  Bijector& layer = flow.layer(index);
  const auto params = layer.parameters();
  if (params.empty()) ImGui::TextDisabled("learned weights (no hand-set parameters)");
  for (int p = 0; p < static_cast<int>(params.size()); ++p) {
    const Parameter& param = params[p];
    double v = param.value;
    ImGui::PushID(p);
    ImGui::SetNextItemWidth(-ImGui::GetFontSize() * 4.0f);
    const bool edited = ImGui::SliderScalar(param.name.c_str(), ImGuiDataType_Double, &v, &param.softMin,
                                            &param.softMax, "%.4g");
    if (ImGui::IsItemActivated()) ui.history.record(flow);  // the undo point is the value before the drag
    if (ImGui::IsItemHovered())
      showTooltip("%s\nDrag, or Ctrl+click to type any value (even outside %.3g .. %.3g)",
                        param.help.empty() ? param.name.c_str() : param.help.c_str(), param.softMin,
                        param.softMax);
    if (edited && v != param.value) {
      layer.setParameter(p, v);
      changed = true;
    }
    ImGui::PopID();
  }
  return changed;
}

void showProblem(const Status& problem) {
  ImGui::PushStyleColor(ImGuiCol_Text, theme::kErrorText);
  ImGui::TextWrapped("%s", problem.message().c_str());
  ImGui::PopStyleColor();
}

}  // namespace

bool drawStackEditor(Flow& flow, StackEditorState& ui) {
  bool changed = false;
  const float em = ImGui::GetFontSize();
  int removeAt = -1, duplicateAt = -1, moveFrom = -1, moveTo = -1;
  for (int i = 0; i < flow.layerCount(); ++i) {
    ImGui::PushID(i);
    bool enabled = flow.isEnabled(i);
    if (ImGui::Checkbox("##on", &enabled)) {
      ui.history.record(flow);
      flow.setEnabled(i, enabled);
      changed = true;
    }
    if (ImGui::IsItemHovered()) showTooltip("Enable or disable this layer");
    ImGui::SameLine();
    const Status valid = flow.layer(i).validate();
    const std::string title = std::to_string(i + 1) + ". " + flow.layer(i).type();
    if (!valid.ok()) ImGui::PushStyleColor(ImGuiCol_Text, theme::kErrorText);
    const bool open = ImGui::TreeNodeEx("##layer", ui.selected == i ? ImGuiTreeNodeFlags_DefaultOpen : 0, "%s",
                                        title.c_str());
    if (!valid.ok()) ImGui::PopStyleColor();
    if (ImGui::IsItemToggledOpen()) ui.selected = open ? i : -1;
    if (ImGui::IsItemHovered()) showTooltip("%s", formulaOf(flow.layer(i).type(), flow.dim()).c_str());
    // Row actions, right-aligned: up, down, duplicate, remove.
    ImGui::SameLine(ImGui::GetContentRegionMax().x - em * 6.4f);
    if (ImGui::ArrowButton("##up", ImGuiDir_Up) && i > 0) moveFrom = i, moveTo = i - 1;
    if (ImGui::IsItemHovered()) showTooltip("Move towards the base (acts earlier)");
    ImGui::SameLine();
    if (ImGui::ArrowButton("##down", ImGuiDir_Down) && i + 1 < flow.layerCount()) moveFrom = i, moveTo = i + 1;
    if (ImGui::IsItemHovered()) showTooltip("Move towards the data (acts later)");
    ImGui::SameLine();
    if (ImGui::SmallButton("+")) duplicateAt = i;
    if (ImGui::IsItemHovered()) showTooltip("Duplicate this layer");
    ImGui::SameLine();
    if (ImGui::SmallButton("x")) removeAt = i;
    if (ImGui::IsItemHovered()) showTooltip("Remove this layer (Ctrl+Z brings it back)");
    if (open) {
      ImGui::TextDisabled("%s", formulaOf(flow.layer(i).type(), flow.dim()).c_str());
      changed |= drawParameters(flow, i, ui);
      if (!valid.ok()) showProblem(valid);
      ImGui::TreePop();
    } else if (!valid.ok()) {
      showProblem(valid);
    }
    ImGui::PopID();
  }
  if (moveFrom >= 0) {
    ui.history.record(flow);
    flow.move(moveFrom, moveTo);
    if (ui.selected == moveFrom) ui.selected = moveTo;
    changed = true;
  }
  if (duplicateAt >= 0) {
    ui.history.record(flow);
    flow.insert(duplicateAt + 1, flow.layer(duplicateAt).clone(), flow.isEnabled(duplicateAt));
    ui.selected = duplicateAt + 1;
    changed = true;
  }
  if (removeAt >= 0) {
    ui.history.record(flow);
    flow.remove(removeAt);
    ui.selected = -1;
    changed = true;
  }
  if (flow.layerCount() == 0) ImGui::TextDisabled("No layers: the flow is the identity, p_X = p_Z.");

  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##add", "Add layer...")) {
    for (const auto& kind : layerKinds(flow.dim())) {
      if (ImGui::Selectable(kind.type.c_str())) {
        if (BijectorPtr b = makeDefaultLayer(kind.type, flow.dim())) {
          ui.history.record(flow);
          flow.append(std::move(b));
          ui.selected = flow.layerCount() - 1;
          changed = true;
        }
      }
      if (ImGui::IsItemHovered()) showTooltip("%s\n%s", kind.formula.c_str(), kind.help.c_str());
    }
    ImGui::EndCombo();
  }
  return changed;
}

bool handleUndoShortcuts(Flow& flow, StackEditorState& ui) {
  if (shortcutPressed(Action::Undo)) return ui.history.undo(flow);
  if (shortcutPressed(Action::Redo) || shortcutPressed(Action::RedoShift)) return ui.history.redo(flow);
  return false;
}

}  // namespace flowlab::app
