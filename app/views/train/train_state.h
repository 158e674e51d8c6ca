// What the Training view shows: the settings and controls the sidebar edits, and the latest
// snapshot of the training thread (core/train/training_runner.h). Training, the test NLL and the
// fields are computed on that thread; the UI thread only sends commands (once per frame, after
// the UI pass, in advanceTraining) and draws the snapshot, so a frame never waits for a step.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include <optional>

#include "app/views/train/train_draw_tool.h"
#include "app/views/train/train_overlay_fields.h"
#include "core/inspect/point_probe.h"
#include "core/train/checkpoint.h"
#include "core/train/training_runner.h"

namespace flowlab::app {

struct AppState;

// log(2πe): the NLL of N(0, I) on 2D data of unit variance, i.e. of the untrained (identity) flow
// on standardized data. A constant, not a computation, so the app does no math.
inline constexpr double kGaussianBaselineNll = 2.8378770664093453;

// What the sidebar edits; defaults are `flowlab train`'s (app/cli/train_command.cpp).
struct TrainSettings {
  // The flow family (core/families/families.h): "realnvp" trains on the fast float32 path, the
  // others on the generic trainer; the knobs below are the family's (bins and bound: nsf only).
  std::string flow = "realnvp";
  int bins = FamilyConfig{}.bins;
  double bound = FamilyConfig{}.bound;
  int solverSteps = FamilyConfig{}.solverSteps;  // RK4 steps per time segment (cnf only)
  std::string dataset = "moons";
  double noise = -1.0;  // < 0: the dataset's default
  int layers = 6;
  int hidden = 64;
  int batch = 256;
  double learningRate = TrainerConfig{}.learningRate;
  std::uint64_t seed = 0;
  // Your own data (drawn or imported): when set, the run trains on these raw points instead of
  // `dataset`, and `ownName` names them ("drawn points", "moons.csv").
  std::shared_ptr<const Batch> ownPoints;
  std::string ownName;
  std::string dataName() const { return ownPoints ? ownName : dataset; }
};

// The config `flowlab train` would build from these settings (the same 2000-step schedule), or
// the reason it cannot. `base` supplies what the sidebar does not edit (schedule, depth, optimizer,
// test size...): a training scene's settings, or the CLI's defaults.
Expected<TrainerConfig> trainerConfigFrom(const TrainSettings& s, const TrainerConfig& base = TrainerConfig{});
// The same with the family: empty for realnvp (the fast path), else the family's knobs.
Expected<RunConfig> runConfigFrom(const TrainSettings& s, const TrainerConfig& base = TrainerConfig{});
// The sidebar's settings of a config (the inverse of runConfigFrom on the fields it edits).
TrainSettings settingsFrom(const TrainerConfig& c, const std::optional<FamilyConfig>& family = std::nullopt);

// Speeds of the speed control, in steps per second; 0 = as fast as the machine allows.
inline constexpr double kSpeeds[] = {1, 2, 5, 10, 20, 50, 100, 200, 500, 0};
inline constexpr int kSpeedCount = sizeof(kSpeeds) / sizeof(kSpeeds[0]);

struct TrainState {
  TrainSettings settings;
  std::unique_ptr<TrainingRunner> runner;
  std::shared_ptr<const RunnerSnapshot> snap = std::make_shared<RunnerSnapshot>();  // this frame's
  std::function<void(bool urgent)> wake;  // on the training thread after a publish (wakes the UI loop)

  // Requests set by the panels and keys, carried out after the UI pass.
  bool toggleRequested = false;  // Run/Pause (Space)
  int pendingSteps = 0;          // Step +1 / +10 / +100 (--train-steps before the first frame)
  bool resetRequested = false;   // R: fresh parameters, step 0
  bool rebuildRequested = false; // settings changed: new run
  bool lrChanged = false;        // learning rate changed: keep training with the new peak
  bool controlsChanged = false;  // speed, stop-at or early stopping changed
  bool restoreBestRequested = false;
  bool playRequested = false;    // Play/Stop of the layer slider
  bool saveRequested = false;
  bool openIn2DRequested = false;
  std::string savePath;
  // File > Save model... / Open model...: the path dialogs (train_model_files.cpp) and the open
  // they ask for (carried out after the UI pass, through the runner's command queue).
  bool showSaveDialog = false, showOpenDialog = false;
  bool openRequested = false;
  std::string openPath;
  std::uint64_t loadCommand = 0;  // sequence of the model load in flight (0: none)
  // The training scene opened last (core/train/training_scene.h): its config is the base of the
  // sidebar's settings; its weights, if any, wait here for the runner (posted after the UI pass).
  TrainerConfig baseConfig;
  std::shared_ptr<const Checkpoint> pendingLoad;
  std::string scenePath, sceneTitle, sceneDescription;
  int sceneChapter = 0;
  std::string loadedFrom;         // the file the current run came from ("" for a fresh one)
  // Your own data: the draw tool on the density pane and File > Import points... (Ctrl+I).
  DrawTool draw;
  bool showImportDialog = false, importRequested = false;
  std::string importPath;

  // Controls.
  int speedIndex = kSpeedCount - 1;  // unthrottled
  bool stopAtEnabled = false;
  int stopAt = 1000;
  bool earlyStopping = false;
  int patience = 10;             // test evaluations without improvement
  bool logX = false;             // NLL plot with a log step axis
  int layerShown = -1;           // base pane: the data after this many layers of f⁻¹ (-1: all, z)
  bool layerPlay = false;        // Play: step layerShown from 0 to K
  double layerClock = 0.0;       // seconds on the current layer while playing
  enum class Scatter { Data, Samples, Both };
  Scatter scatter = Scatter::Data;  // points on the density pane: the data, samples of the model, or both
  bool showGrid = false;     // the z-grid in the base pane and its image under f on p_X (as in the 2D lab)
  bool showPatches = false;  // Jacobian volume patches: z-squares and their images, coloured by log|det J|

  // Grid and patches, computed off the UI thread for the latest fields (train_overlay_fields.h).
  std::unique_ptr<OverlayFieldWorker> overlayWorker;
  std::shared_ptr<const OverlayFields> overlays;  // this frame's (null until first computed)
  int gridLinesDrawn = 0, patchesDrawn = 0;       // by the last canvas (trace)
  double overlayAskedAt = -1e9;                   // app time of the last overlay request

  // Hover readout of the density or base pane: the probe of the snapshot's model at the cursor.
  enum class HoverPane { None, Data, Base };
  HoverPane hoverPane = HoverPane::None;
  std::optional<PointProbe> hover;
  std::string hoverError;
  std::shared_ptr<const RunnerSnapshot> probedSnap;  // the snapshot whose model `probeFlow` is
  std::optional<Flow> probeFlow;

  // What the UI asked last; trusted over the snapshot until the runner has applied it.
  bool wantRunning = false;
  std::uint64_t lastCommand = 0;
  bool synced() const { return snap->applied >= lastCommand; }
  bool running() const { return synced() ? snap->running : wantRunning; }

  // Bookkeeping of snapshots already seen.
  std::uint64_t seenGeneration = 0;
  int seenRollbacks = 0;
  std::string seenMessage;
  std::uint64_t saveCommand = 0;  // sequence of the save in flight (0: none)
  bool openAfterSave = false;
  bool started = false;           // the first update ran

  // --train-for SECONDS: press Run, quit after SECONDS, print the training rate.
  double trainForSeconds = 0.0;

  std::shared_ptr<const RunnerFields> drawnFields;  // the fields the heatmap texture shows
  std::uint64_t heatmapKey = 0;                      // +1 per new fields (HeatmapRenderer::cached)
  Rect rect{-3.0, 3.0, -3.0, 3.0};  // of the density pane (standardized coordinates)
  bool drawHeatmap = true;          // false on a context without GL (tests)
  std::string error;                // settings that do not validate
};

// One frame's work after the UI pass: builds the runner on first use, sends the frame's requests
// as commands, takes the latest snapshot and reports what it says (stops, rollbacks, saves).
void advanceTraining(AppState& app, TrainState& s, double dt);
// Blocks until the runner is idle with fresh fields (scripts and tests only).
bool waitForTraining(TrainState& s, double timeoutSeconds = 600.0, bool fullResolution = false);

}  // namespace flowlab::app
