#include "app/ui/dialogs.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <vector>

#include <imgui.h>
#include <imgui_stdlib.h>
#include <nlohmann/json.hpp>

#include "app/platform/config_paths.h"
#include "app/ui/app_state.h"
#include "app/ui/scene_files.h"
#include "app/ui/shortcuts.h"
#include "app/ui/theme.h"
#include "app/ui/view.h"

namespace flowlab::app {
namespace {

void drawAbout(AppState& state) {
  if (!state.showAbout) return;
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 30, 0), ImGuiCond_Appearing);
  if (ImGui::Begin("About FlowLab", &state.showAbout, ImGuiWindowFlags_NoCollapse)) {
    ImGui::Text("FlowLab %s", FLOWLAB_VERSION);
    ImGui::TextWrapped(
        "See normalizing flows work: drag a transform's parameters and watch the density warp, "
        "the grid bend and the Jacobian's volume patches grow and shrink.");
    ImGui::Separator();
    ImGui::TextWrapped("Forward is generative: x = f(z), from the base space z to the data space x.");
    ImGui::TextWrapped("You can't break it: invalid parameters are shown and explained, never drawn as NaN.");
    ImGui::TextDisabled("Renderer: %s", state.frame.glRenderer.c_str());
  }
  ImGui::End();
}

void drawShortcuts(AppState& state) {
  if (!state.showShortcuts) return;
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (ImGui::Begin("Keyboard shortcuts and gestures", &state.showShortcuts, ImGuiWindowFlags_AlwaysAutoResize)) {
    const char* group = "";
    bool open = false;
    for (const Shortcut& s : shortcutTable()) {
      if (std::string(s.group) != group) {
        if (open) ImGui::EndTable();
        group = s.group;
        ImGui::Spacing();
        ImGui::TextColored(theme::kInfoText, "%s", group);
        open = ImGui::BeginTable(group, 2, ImGuiTableFlags_RowBg);
      }
      if (!open) continue;
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(s.keys);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(s.description);
    }
    if (open) ImGui::EndTable();
    ImGui::Spacing();
    ImGui::TextDisabled("F1 or Esc closes this window");
    if (ImGui::IsWindowFocused() && ImGui::IsKeyPressed(256 /* Escape */, false)) state.showShortcuts = false;
  }
  ImGui::End();
}

void drawMessages(AppState& state) {
  if (!state.showMessages) return;
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 36, ImGui::GetFontSize() * 16), ImGuiCond_Appearing);
  if (ImGui::Begin("Messages", &state.showMessages)) {
    if (ImGui::Button("Clear")) state.messages.clear();
    ImGui::Separator();
    for (const auto& m : state.messages.all()) {
      const ImVec4 c = m.severity == Severity::Error     ? theme::kErrorText
                       : m.severity == Severity::Warning ? theme::kWarningText
                                                         : theme::kInfoText;
      ImGui::TextDisabled("%7.1fs", m.time);
      ImGui::SameLine();
      if (m.count > 1)
        ImGui::TextColored(c, "%s  (x%d)", m.text.c_str(), m.count);
      else
        ImGui::TextColored(c, "%s", m.text.c_str());
    }
  }
  ImGui::End();
}

std::vector<std::string> bundledScenes() {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dataDir() / "assets" / "scenes", ec))
    if (e.path().extension() == ".json") out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

void drawOpenScene(AppState& state) {
  if (state.showOpenScene) {
    ImGui::OpenPopup("Open scene");
    state.showOpenScene = false;
  }
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 34, 0), ImGuiCond_Appearing);
  if (!ImGui::BeginPopupModal("Open scene", nullptr, ImGuiWindowFlags_NoSavedSettings)) return;
  ImGui::TextUnformatted("Scene file (JSON):");
  ImGui::SetNextItemWidth(-1);
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  const bool enter = ImGui::InputText("##path", &state.openScenePath, ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::TextDisabled("Bundled scenes:");
  ImGui::BeginChild("##bundled", ImVec2(0, ImGui::GetFontSize() * 10), true);
  for (const auto& path : bundledScenes()) {
    const std::string name = std::filesystem::path(path).stem().string();
    if (ImGui::Selectable(name.c_str(), state.openScenePath == path, ImGuiSelectableFlags_AllowDoubleClick)) {
      state.openScenePath = path;
      if (ImGui::IsMouseDoubleClicked(0) && openSceneFile(state, path)) ImGui::CloseCurrentPopup();
    }
  }
  ImGui::EndChild();
  if ((ImGui::Button("Open") || enter) && openSceneFile(state, state.openScenePath)) ImGui::CloseCurrentPopup();
  ImGui::SameLine();
  if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(256 /* Escape */, false)) ImGui::CloseCurrentPopup();
  if (const Message* m = state.messages.latest(); m && m->severity == Severity::Error)
    ImGui::TextColored(theme::kErrorText, "%s", m->text.c_str());
  ImGui::EndPopup();
}

}  // namespace

bool openSceneFile(AppState& state, const std::string& path) {
  // Only the kind of scene is read here, to pick the view; the view's engine loader does the rest
  // and reports the position and reason of any error.
  std::ifstream in(path);
  if (!in) {
    state.error("cannot open scene " + path + ": file not found or unreadable");
    return false;
  }
  const nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  std::string why;
  View* target = viewForScene(state, j.is_discarded() ? nlohmann::json() : j, &why);
  if (!target) {
    state.error("cannot open scene " + path + ": " + why);
    return false;
  }
  // Unsaved changes in the view it replaces: ask first (the open happens after the answer).
  if (!confirmDiscard(state, target, PendingAction{PendingKind::OpenFile, path, ""})) return false;
  if (!target->openScene(state, path)) return false;
  state.activate(target->id());
  state.settings.lastScene = path;
  sceneOpened(state, *target, path);
  return true;
}

void drawDialogs(AppState& state) {
  drawAbout(state);
  drawShortcuts(state);
  drawMessages(state);
  drawOpenScene(state);
  drawSceneFileDialogs(state);
}

bool pathDialog(const char* title, bool& show, std::string& path, const char* what, const char* action) {
  if (show) {
    ImGui::OpenPopup(title);
    show = false;
  }
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 34, 0), ImGuiCond_Appearing);
  if (!ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_NoSavedSettings)) return false;
  ImGui::TextUnformatted(what);
  ImGui::SetNextItemWidth(-1);
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  const bool enter = ImGui::InputText("##path", &path, ImGuiInputTextFlags_EnterReturnsTrue);
  bool confirmed = false;
  if ((ImGui::Button(action) || enter) && !path.empty()) {
    confirmed = true;
    ImGui::CloseCurrentPopup();
  }
  ImGui::SameLine();
  if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(256 /* Escape */, false)) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
  return confirmed;
}

}  // namespace flowlab::app
