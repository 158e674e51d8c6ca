// What the Training view shows: the settings the sidebar edits, the trainer they built, the NLL
// history, and the fields computed from the trainer's snapshot (density on a grid, data pushed to
// the base space). Stepping and recomputing happen once per frame, after the UI pass
// (advanceTraining); panels only set the request fields.
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "core/eval/density_grid.h"
#include "core/train/trainer.h"

namespace flowlab::app {

struct AppState;

// log(2πe): the NLL of N(0, I) on 2D data of unit variance, i.e. of the untrained (identity) flow
// on standardized data. A constant, not a computation, so the app does no math.
inline constexpr double kGaussianBaselineNll = 2.8378770664093453;

// What the sidebar edits; defaults are `flowlab train`'s (app/cli/train_command.cpp).
struct TrainSettings {
  std::string dataset = "moons";
  double noise = -1.0;  // < 0: the dataset's default
  int layers = 6;
  int hidden = 64;
  int batch = 256;
  double learningRate = TrainerConfig{}.learningRate;
  std::uint64_t seed = 0;
};

// The config `flowlab train` would build from these settings, or the reason it cannot.
Expected<TrainerConfig> trainerConfigFrom(const TrainSettings& s);

struct TrainFields {
  Expected<DensityGrid> density;   // p_X over `rect` (standardized coordinates)
  Expected<Transformed> latent;    // the scatter's data points pushed through f⁻¹
  long long step = -1;             // the trainer step they show
  int resolution = 0;              // cells per axis
  double computeMs = 0.0;
};

struct TrainState {
  TrainSettings settings;
  std::unique_ptr<Trainer> trainer;

  // Transport.
  bool running = false;
  bool slowMotion = false;       // about 10 steps per second, the density redrawn after each
  double budgetMs = 8.0;         // training time per frame while running
  double slowAccumulator = 0.0;  // seconds since the last slow-motion step

  // Requests set by the panels, carried out after the UI pass.
  int pendingSteps = 0;          // Step +1 / +10 / +100
  bool resetRequested = false;   // |<: fresh parameters, step 0
  bool rebuildRequested = false; // settings changed: new trainer
  bool lrChanged = false;        // learning rate changed: keep training with the new peak
  bool saveRequested = false;
  bool openIn2DRequested = false;
  std::string savePath;

  // History for the curve (x: step). Decimated to at most kMaxHistory points.
  static constexpr size_t kMaxHistory = 4000;
  std::vector<double> trainSteps, trainNll;
  std::vector<double> testSteps, testNll;
  double lastTestNll = std::numeric_limits<double>::quiet_NaN();
  long long lastTestStep = -1;

  // Rates and health.
  double stepsPerSecond = 0.0;
  double rateClock = 0.0;        // seconds accumulated in the rate window
  long long rateSteps = 0;       // steps in the rate window
  int rollbacks = 0;             // non-finite steps rolled back since the last reset
  std::string diverged;          // non-empty when training cannot continue (last good model kept)

  // Fields and their cadence.
  Batch dataPoints;              // N by 2 standardized samples of the dataset (the scatter)
  Batch basePoints;              // N by 2 samples of N(0, I) (the base-space picture)
  Rect rect{-3.0, 3.0, -3.0, 3.0};
  TrainFields fields;
  double sinceField = 1e9;       // seconds since the fields were computed
  double sinceTest = 1e9;        // seconds since the test NLL was computed
  bool drawHeatmap = true;       // false on a context without GL (tests)
  std::string error;             // settings that do not validate
};

// Builds the trainer from `settings` (and the scatter samples); on invalid settings keeps the old
// trainer and sets `error`.
void rebuildTrainer(TrainState& s);
// One frame's work after the UI pass: applies requests, steps within the time budget, refreshes
// the test NLL and the fields at their cadence. `dt` is the frame's duration in seconds.
void advanceTraining(AppState& app, TrainState& s, double dt);
// Recomputes the density and latent fields from the trainer's snapshot at `resolution` cells.
void computeTrainFields(TrainState& s, int resolution);

}  // namespace flowlab::app
