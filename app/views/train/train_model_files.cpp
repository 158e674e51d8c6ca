#include "app/views/train/train_model_files.h"

#include <memory>
#include <utility>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "app/ui/app_state.h"
#include "app/ui/theme.h"
#include "app/views/train/train_state.h"
#include "core/train/checkpoint.h"

namespace flowlab::app {
namespace {

// The runner's load command, where core has it (TrainingRunner::load(Checkpoint)); 0 otherwise.
template <class Runner>
constexpr bool kRunnerLoads = requires(Runner& r, Checkpoint c) { r.load(std::move(c)); };

template <class Runner>
std::uint64_t postLoad(Runner& runner, Checkpoint checkpoint) {
  if constexpr (kRunnerLoads<Runner>) return runner.load(std::move(checkpoint));
  else return 0;
}

// One path dialog; returns true when confirmed with a path.
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

}  // namespace

bool canOpenModels() {
  return kRunnerLoads<TrainingRunner>;
}

void drawModelFileDialogs(AppState& /*app*/, TrainState& s) {
  if (pathDialog("Save model", s.showSaveDialog, s.savePath,
                 "Checkpoint file (a scene with the optimizer state; flowlab train --resume continues from it):",
                 "Save"))
    s.saveRequested = true;
  if (pathDialog("Open model", s.showOpenDialog, s.openPath,
                 "Checkpoint file saved by Save model or by flowlab train --out:", "Open"))
    s.openRequested = true;
}

void openModel(AppState& app, TrainState& s) {
  s.openRequested = false;
  if (!s.runner) return;
  const std::string path = s.openPath;
  const Expected<SceneFile> scene = loadSceneFile(path);
  if (!scene.ok()) {
    app.error("Open model: " + scene.status.message() + " (the current model stays)");
    return;
  }
  Expected<Checkpoint> cp = readCheckpoint(scene.value);
  if (!cp.ok()) {
    app.error("Open model: " + path + ": " + cp.status.message() + " (the current model stays)");
    return;
  }
  const std::uint64_t seq = postLoad(*s.runner, std::move(cp.value));
  if (seq == 0) {
    app.error("Open model: this build cannot continue a saved model in the Training view yet (the current "
              "model stays); flowlab train --resume " + path + " continues it on the command line");
    return;
  }
  s.lastCommand = seq;
  s.loadCommand = seq;
  s.wantRunning = false;
  s.loadedFrom = path;
}

}  // namespace flowlab::app
