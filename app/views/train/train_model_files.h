// File > Save model... and Open model... of the Training view: path dialogs and the open itself.
// A save is the runner's (core/train/checkpoint.h writes atomically: temporary file, flush,
// rename). An open reads and checks the checkpoint on the UI thread (parsing only: no trainer is
// built here) and hands it to the training thread through its command queue, which replaces the
// run between two steps; a file that does not read or check leaves the current model as it was.
#pragma once

#include <string>

namespace flowlab::app {

struct AppState;
struct TrainState;

// The two modal path dialogs; draw once a frame (outside the sidebar, so Ctrl+B hides nothing).
void drawModelFileDialogs(AppState& app, TrainState& s);
// The open asked for by the dialog (s.openRequested), after the UI pass. Posts the outcome.
void openModel(AppState& app, TrainState& s);
// Whether this build's training thread can take a loaded model (TrainingRunner::load).
bool canOpenModels();

}  // namespace flowlab::app
