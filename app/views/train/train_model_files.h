// File > Save model... and Open model... of the Training view: path dialogs and the open itself;
// and opening a training scene (File > Open scene, --scene, the scene list), with or without weights.
// A save is the runner's (core/train/checkpoint.h writes atomically: temporary file, flush,
// rename). An open reads and checks the checkpoint on the UI thread (parsing only: no trainer is
// built here) and hands it to the training thread through its command queue, which replaces the
// run between two steps; a file that does not read or check leaves the current model as it was.
#pragma once

#include <memory>
#include <string>

namespace flowlab {
struct Checkpoint;
}

namespace flowlab::app {

struct AppState;
struct TrainState;

// The two modal path dialogs; draw once a frame (outside the sidebar, so Ctrl+B hides nothing).
void drawModelFileDialogs(AppState& app, TrainState& s);
// The open asked for by the dialog (s.openRequested), after the UI pass. Posts the outcome.
void openModel(AppState& app, TrainState& s);
// Opens a training scene (core/train/training_scene.h): its settings become the run's (a new run
// after the UI pass) and its weights, if any, are loaded. False with the reason posted (with the
// file's line and column) when it does not read; the current run stays then.
bool openTrainingScene(AppState& app, TrainState& s, const std::string& path);
// Hands a checked checkpoint to the training thread (s.runner must exist); `from` names it in messages.
void postModelLoad(TrainState& s, std::shared_ptr<const Checkpoint> checkpoint, const std::string& from);

}  // namespace flowlab::app
