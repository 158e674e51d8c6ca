#include "app/views/train/train_own_points.h"

#include <filesystem>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "app/ui/app_state.h"
#include "app/views/train/train_state.h"
#include "core/train/training_points.h"

namespace flowlab::app {

bool setOwnPoints(AppState& app, TrainState& s, std::shared_ptr<const Batch> points, const std::string& what) {
  TrainSettings candidate = s.settings;
  candidate.ownPoints = std::move(points);
  candidate.ownName = what;
  const Expected<TrainerConfig> config = trainerConfigFrom(candidate);
  if (!config.ok()) {
    app.error("Own data: " + what + ": " + config.status.message() + " (the current data stays)");
    return false;
  }
  const int n = int(candidate.ownPoints->rows());
  s.settings = std::move(candidate);
  s.rebuildRequested = true;
  app.info("Training on " + std::to_string(n) + " " + what + " (80% train, 20% test; the floor is an estimate)");
  return true;
}

void drawImportPointsDialog(TrainState& s) {
  const char* title = "Import points";
  if (s.showImportDialog) {
    ImGui::OpenPopup(title);
    s.showImportDialog = false;
  }
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 34, 0), ImGuiCond_Appearing);
  if (!ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_NoSavedSettings)) return;
  ImGui::TextUnformatted("CSV file, one point per line (x,y); a header line and # comments are skipped:");
  ImGui::SetNextItemWidth(-1);
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  const bool enter = ImGui::InputText("##importpath", &s.importPath, ImGuiInputTextFlags_EnterReturnsTrue);
  if ((ImGui::Button("Import") || enter) && !s.importPath.empty()) {
    s.importRequested = true;
    ImGui::CloseCurrentPopup();
  }
  ImGui::SameLine();
  if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(256 /* Escape */, false)) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

void importPoints(AppState& app, TrainState& s) {
  s.importRequested = false;
  // Core's reader for training points: line-numbered errors, the size limit, the refusals.
  const Expected<Dataset> data = loadTrainingPointsCsv(s.importPath);
  if (!data.ok()) {
    app.error("Import points: " + data.status.message() + " (the current data stays)");
    return;
  }
  const std::string name = std::filesystem::path(s.importPath).filename().string();
  setOwnPoints(app, s, std::make_shared<const Batch>(data.value.spec().points->raw), name);
}

}  // namespace flowlab::app
