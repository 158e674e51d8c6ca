#include "app/ui/pytorch_export_menu.h"

#include <cstdlib>
#include <filesystem>

#include <imgui.h>

#include "app/ui/app_state.h"
#include "app/ui/dialogs.h"
#include "app/views/energy/energy_view.h"
#include "app/views/lab1d/lab1d_view.h"
#include "app/views/lab2d/lab2d_view.h"
#include "app/views/train/train_view.h"
#include "core/export/pytorch_export.h"
#include "core/io/atomic_write.h"
#include "core/scene/family_layers.h"
#include "core/train/flow_export.h"

namespace flowlab::app {
namespace {

bool showDialog = false;
std::string exportPath;

std::string defaultExportPath() {
  std::filesystem::path dir = std::filesystem::current_path();
  if (const char* home = std::getenv("HOME"); home && *home) dir = home;
  return (dir / "flowlab_flow.py").string();
}

}  // namespace

Expected<SceneFile> exportableScene(View& view) {
  if (auto* l = dynamic_cast<Lab1DView*>(&view)) return {Status::okStatus(), l->currentScene()};
  if (auto* l = dynamic_cast<Lab2DView*>(&view)) return {Status::okStatus(), l->currentScene()};
  if (auto* e = dynamic_cast<EnergyView*>(&view)) return e->fittedScene();
  if (auto* t = dynamic_cast<TrainView*>(&view)) {
    const auto& snap = t->trainState().snap;
    if (!snap || !snap->hasModel()) return {Status::error("the Training view has no model yet"), SceneFile{}};
    if (snap->family) {
      const Vector p = Eigen::Map<const Vector>(snap->familyParams.data(), Eigen::Index(snap->familyParams.size()));
      return {Status::okStatus(), familyScene(*snap->family, p)};
    }
    SceneFile scene;
    scene.dim = 2;
    scene.flow = exportRealNvp(snap->config.model, snap->params);
    return {Status::okStatus(), std::move(scene)};
  }
  return {Status::error("the " + view.title() + " view has no flow to export"), SceneFile{}};
}

void pytorchExportMenuItem(AppState& state) {
  if (ImGui::MenuItem("Export as PyTorch script...", nullptr, false, state.activeView != nullptr)) {
    if (exportPath.empty()) exportPath = defaultExportPath();
    showDialog = true;
  }
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("A standalone Python file (PyTorch only) that rebuilds this flow with its weights: flow.log_prob(x), flow.sample(n)");
}

void drawPytorchExportDialog(AppState& state) {
  if (!pathDialog("Export as PyTorch script", showDialog, exportPath,
                  "Python file (defines `flow`, a torch.nn.Module with log_prob and sample):", "Export") ||
      !state.activeView)
    return;
  const Expected<SceneFile> scene = exportableScene(*state.activeView);
  if (!scene.ok()) {
    state.error("Export: " + scene.status.message());
    return;
  }
  const Expected<std::string> script = exportPytorchScript(scene.value);
  if (!script.ok()) {
    state.error("Export: " + script.status.message() + " (nothing was written)");
    return;
  }
  if (Status s = writeFileAtomically(exportPath, script.value); !s.ok()) {
    state.error("Export: " + s.message() + " (nothing was written)");
    return;
  }
  state.info("Exported the flow to " + exportPath + " (python3 " + exportPath + " prints log p of a few points)");
}

}  // namespace flowlab::app
