// The "MAF vs IAF" panel (issue 13 item 5): a window that trains a MAF and an IAF of the same
// size for each dimension D and shows what core measured (core/families/autoregressive_cost.h):
// the time to evaluate the density of 10,000 points and to draw 10,000 samples, the sequential
// conditioner passes counted, the test NLL, a table per D and a log-log plot of time against D.
// The measurement runs on core's worker thread; the window draws its snapshots, shows progress,
// cancels and runs again. Opened from View > MAF vs IAF, the Training view's button, or a scene
// with a "maf_vs_iaf" field (docs/scene-format.md).
#pragma once

#include <memory>
#include <string>

#include "app/views/train/wake_pacer.h"
#include "core/families/autoregressive_cost_runner.h"
#include "core/families/autoregressive_cost_scene.h"

namespace flowlab::app {

struct AppState;

struct MafVsIafPanel {
  MafVsIafPanel();
  AutoregressiveCostConfig config;  // the next run's settings (the window's knobs)
  std::shared_ptr<WakePacer> pacer;  // wakes the sleeping UI loop for the worker's progress
  AutoregressiveCostRunner runner;   // after pacer: stopped before it goes
  AutoregressiveCostSnapshot snap;   // this frame's copy of the runner's state
  float runPx[2] = {0, 0}, cancelPx[2] = {0, 0}, buttonPx[2] = {0, 0};  // button centres, for journeys
};

// Shows the window (creating the panel on first use); with a scene's block, takes its settings
// and starts measuring when it says autostart.
void openMafVsIafPanel(AppState& state, const MafVsIafScene* scene = nullptr);
// Reads the scene file's "maf_vs_iaf" field, if any, and opens the panel with it; a bad block
// posts its "path: /maf_vs_iaf/...: reason" error and opens nothing. Returns false on an error.
bool openMafVsIafFromScene(AppState& state, const std::string& path);
// The small button the Training view shows next to its flow picker.
void mafVsIafButton(AppState& state);
// The window itself (once a frame, from the shell).
void drawMafVsIafWindow(AppState& state);
// Appends " mafiaf_open=... mafiaf_state=... mafiaf_progress=... mafiaf_d<D>=..." for --trace-state.
void traceMafVsIaf(const AppState& state, std::string& line);
// Stops the worker (before the window and its wake-up go away).
void closeMafVsIafPanel(AppState& state);

// The window's parts (maf_vs_iaf_draw.cpp): the table per D and the time-against-D plot.
void drawMafVsIafTable(const AutoregressiveCostSnapshot& snap);
void drawMafVsIafPlot(const AutoregressiveCostSnapshot& snap, float width, float height);
std::string withThousands(long long n);  // 10000 -> "10,000"

}  // namespace flowlab::app
