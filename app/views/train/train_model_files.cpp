#include "app/views/train/train_model_files.h"

#include <memory>
#include <utility>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "app/ui/app_state.h"
#include "app/ui/dialogs.h"
#include "app/ui/theme.h"
#include "app/views/train/train_state.h"
#include "core/io/read_file.h"
#include "core/train/checkpoint.h"
#include "core/train/training_scene.h"

namespace flowlab::app {

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
  // A training scene without weights is settings, not a model: open it as a scene.
  if (const Expected<std::string> text = readTextFile(path); text.ok()) {
    const Json j = Json::parse(text.value, nullptr, false);
    if (!j.is_discarded() && isTrainingScene(j) && !j.contains("layers")) {
      openTrainingScene(app, s, path);
      return;
    }
  }
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
  postModelLoad(s, std::make_shared<const Checkpoint>(std::move(cp.value)), path);
}

void postModelLoad(TrainState& s, std::shared_ptr<const Checkpoint> checkpoint, const std::string& from) {
  const std::uint64_t seq = s.runner->load(std::move(checkpoint));
  s.lastCommand = seq;
  s.loadCommand = seq;
  s.wantRunning = false;
  s.loadedFrom = from;
}

bool openTrainingScene(AppState& app, TrainState& s, const std::string& path) {
  Expected<TrainingScene> scene = loadTrainingScene(path);
  if (!scene.ok()) {
    app.error(scene.status.message() + " (the current run stays)");
    return false;
  }
  TrainingScene& t = scene.value;
  s.baseConfig = t.config;
  s.settings = settingsFrom(t.config, t.family);
  s.error.clear();
  s.scenePath = path;
  s.sceneTitle = t.title;
  s.sceneDescription = t.description;
  s.sceneChapter = t.chapter;
  s.wantRunning = false;
  s.layerPlay = false;
  if (t.weights) {
    // Built from the same settings first (if there is no runner yet), then replaced by the weights.
    s.pendingLoad = std::make_shared<const Checkpoint>(std::move(*t.weights));
  } else {
    s.pendingLoad.reset();
    s.rebuildRequested = true;
  }
  app.info("opened training scene " + path + (t.title.empty() ? "" : " (" + t.title + ")"));
  return true;
}

}  // namespace flowlab::app
