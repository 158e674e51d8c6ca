// The widgets of app/ui/scene_files.h: the File menu's scene items, the Save As dialog, the
// unsaved-changes question and the keys.
#include <filesystem>
#include <string>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "app/ui/app_state.h"
#include "app/ui/dialogs.h"
#include "app/ui/keys.h"
#include "app/ui/scene_files.h"
#include "app/ui/shortcuts.h"
#include "app/ui/theme.h"
#include "app/ui/tooltip.h"
#include "app/ui/view.h"

namespace flowlab::app {
namespace {
namespace fs = std::filesystem;

bool hasScene(const AppState& state) { return state.activeView && state.activeView->id() != "welcome"; }

void remember(float (&at)[2]) {
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  at[0] = (a.x + b.x) * 0.5f;
  at[1] = (a.y + b.y) * 0.5f;
}

void drawSaveAs(AppState& state) {
  SceneFiles& f = state.files;
  f.saveAsShown = false;
  if (f.showSaveAs) {
    ImGui::OpenPopup("Save scene as");
    f.showSaveAs = false;
  }
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 34, 0), ImGuiCond_Appearing);
  if (!ImGui::BeginPopupModal("Save scene as", nullptr, ImGuiWindowFlags_NoSavedSettings)) return;
  f.saveAsShown = true;
  ImGui::Text("Scene file (JSON) for \"%s\":", sceneName(state).c_str());
  ImGui::SetNextItemWidth(-1);
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  const bool enter = ImGui::InputText("##saveaspath", &f.saveAsPath, ImGuiInputTextFlags_EnterReturnsTrue);
  if (ImGui::IsItemEdited()) f.saveAsReplace = false;
  if (ImGui::IsItemHovered())
    showTooltip("A path, absolute or relative to the folder FlowLab was started in.\n"
                "The file is written whole or not at all: a failed save leaves the old one as it was.");
  std::error_code ec;
  if (f.saveAsReplace) ImGui::TextColored(theme::kWarningText, "This file exists: Save again to replace it.");
  const bool pressed = ImGui::Button(f.saveAsReplace ? "Replace" : "Save");
  if (ImGui::IsItemHovered()) showTooltip("Write the scene to this file (Enter)");
  if (pressed || enter) {
    if (f.saveAsPath.empty()) {
      f.saveAsError = "Type a file name first.";
    } else if (fs::exists(f.saveAsPath, ec) && !f.saveAsReplace && !isSceneFile(state, f.saveAsPath)) {
      f.saveAsReplace = true;
    } else if (saveSceneAs(state, f.saveAsPath)) {
      f.saveAsError.clear();
      ImGui::CloseCurrentPopup();
    } else if (const Message* m = state.messages.latest()) {
      f.saveAsError = m->text;  // nothing written; the dialog stays for another path
    }
  }
  ImGui::SameLine();
  const bool cancel = ImGui::Button("Cancel");
  if (ImGui::IsItemHovered()) showTooltip("Close without saving (Esc)");
  if (cancel || ImGui::IsKeyPressed(keys::Escape, false)) {
    f.afterSave = PendingAction{};  // a quit or open waiting for this save does not happen either
    f.saveAsError.clear();
    ImGui::CloseCurrentPopup();
  }
  if (!f.saveAsError.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(theme::kErrorText, "%s", f.saveAsError.c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::EndPopup();
}

void drawUnsavedQuestion(AppState& state) {
  SceneFiles& f = state.files;
  f.confirmShown = false;
  if (f.showConfirm) {
    ImGui::OpenPopup("Unsaved changes");
    f.showConfirm = false;
  }
  if (!ImGui::BeginPopupModal("Unsaved changes", nullptr,
                              ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings))
    return;
  f.confirmShown = true;
  ImGui::Text("\"%s\" has changes that are not saved.", sceneName(state).c_str());
  ImGui::TextUnformatted(f.pending.kind == PendingKind::Quit ? "Save them before quitting?"
                                                             : "Save them before opening another scene?");
  ImGui::Spacing();
  UnsavedAnswer answer = UnsavedAnswer::Cancel;
  bool answered = false;
  if (ImGui::Button("Save")) answered = true, answer = UnsavedAnswer::Save;
  remember(f.saveAt);
  if (ImGui::IsItemHovered()) showTooltip("Save the scene (asking where if it has no file yet), then carry on");
  ImGui::SameLine();
  if (ImGui::Button("Discard")) answered = true, answer = UnsavedAnswer::Discard;
  remember(f.discardAt);
  if (ImGui::IsItemHovered()) showTooltip("Lose the changes and carry on");
  ImGui::SameLine();
  if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(keys::Escape, false)) answered = true, answer = UnsavedAnswer::Cancel;
  remember(f.cancelAt);
  if (ImGui::IsItemHovered()) showTooltip("Back to the scene; nothing happens (Esc)");
  if (answered) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
  // After EndPopup: the answer may open the Save As dialog, a popup of its own.
  if (answered) answerUnsavedChanges(state, answer);
}

}  // namespace

void drawSceneFileDialogs(AppState& state) {
  drawUnsavedQuestion(state);
  drawSaveAs(state);
}

void drawSceneFileMenu(AppState& state) {
  const bool scene = hasScene(state);
  if (ImGui::MenuItem("Save scene", shortcutKeys(Action::SaveScene), false, scene)) saveScene(state);
  if (ImGui::IsItemHovered())
    showTooltip("Save the scene to its file (the first time, and for a bundled lesson, it asks where)");
  if (ImGui::MenuItem("Save scene as...", shortcutKeys(Action::SaveSceneAs), false, scene)) askSaveAs(state);
  if (ImGui::IsItemHovered()) showTooltip("Save the scene to a file you name");
  if (ImGui::BeginMenu("Open recent", !state.settings.recentFiles.empty())) {
    std::string chosen;
    for (const std::string& path : state.settings.recentFiles) {
      if (ImGui::MenuItem(fs::path(path).filename().string().c_str())) chosen = path;
      if (ImGui::IsItemHovered()) showTooltip("%s", path.c_str());
    }
    ImGui::Separator();
    if (ImGui::MenuItem("Clear recent files")) state.settings.recentFiles.clear();
    if (ImGui::IsItemHovered()) showTooltip("Forget this list (the files stay)");
    ImGui::EndMenu();
    if (!chosen.empty()) openSceneFile(state, chosen);
  }
  if (ImGui::IsItemHovered() && state.settings.recentFiles.empty()) showTooltip("Scenes you open or save are listed here");
  ImGui::Separator();
  if (ImGui::MenuItem("Copy scene", shortcutKeys(Action::CopyScene), false, scene)) copyScene(state);
  if (ImGui::IsItemHovered())
    showTooltip("Put the whole scene on the clipboard as text: paste it into a chat message,\n"
                "and whoever pastes it into FlowLab (Ctrl+Shift+V) sees exactly this");
  if (ImGui::MenuItem("Paste scene", shortcutKeys(Action::PasteScene))) pasteScene(state);
  if (ImGui::IsItemHovered()) showTooltip("Open the scene text on the clipboard (malformed text changes nothing)");
}

void handleSceneFileShortcuts(AppState& state) {
  const bool scene = hasScene(state);
  if (shortcutPressed(Action::SaveScene) && scene) saveScene(state);
  if (shortcutPressed(Action::SaveSceneAs) && scene) askSaveAs(state);
  if (shortcutPressed(Action::CopyScene) && scene) copyScene(state);
  if (shortcutPressed(Action::PasteScene)) pasteScene(state);
}

}  // namespace flowlab::app
