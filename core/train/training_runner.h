// A Trainer on its own thread, for the app: the training thread steps continuously while running
// and publishes immutable snapshots (step, NLLs, curves, parameters, fields) that any thread reads
// without waiting for a step. Commands (run, pause, step N, reset, rebuild, load, settings) are queued,
// applied in order at the next step boundary (within about 2 ms), and acknowledged in the
// snapshot by their sequence number.
//
// Between steps the training thread also evaluates the test NLL and the fields the view draws
// (density on a grid, data pushed to the base space) at a cadence that spends at most a few per
// cent of its time on them, so in-app training stays near headless `flowlab train` speed.
// Same seed and config: the same parameters after N steps as Trainer::step(N) (the extras only
// read the parameters).
#pragma once

#include <cmath>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/eval/density_grid.h"
#include "core/train/run_engine.h"
#include "core/train/trainer.h"

namespace flowlab {
struct Checkpoint;
}

namespace flowlab {

// What the runner computes for the picture, from one step's parameters.
struct RunnerFields {
  long long step = -1;
  int resolution = 0;                // cells per axis of `density`
  Expected<DensityGrid> density;     // p_X over the runner's rect (standardized coordinates)
  Expected<Batch> latent;            // the scatter's data points pushed through f⁻¹ (N by 2)
  Expected<Batch> samples;           // samples of the model: the base points pushed through f
  // The scatter's data pulled back layer by layer: stages[k] after k layers of f⁻¹ (stages[0] =
  // data, stages[K] = z). Computed only at the paused resolution (empty while running).
  std::vector<Batch> stages;
  // max |f⁻¹(f(z)) − z| over the scatter's base points: rounding for the exact families, the
  // ODE solver's error for cnf. NaN when it could not be measured (a non-finite pass).
  double roundTripError = std::nan("");
  double computeMs = 0.0;
};

// One series of the NLL plot: x = step. Decimated to at most kMaxPoints (every second point kept).
struct NllSeries {
  static constexpr size_t kMaxPoints = 4000;
  std::vector<double> steps, values;
  void push(double step, double value);  // drops points at or after `step` first (rollback, restore)
  void clear() { steps.clear(), values.clear(); }
};

enum class StopReason { None, ScheduleEnd, StepLimit, EarlyStop, Diverged };

struct RunnerSnapshot {
  std::uint64_t version = 0;     // +1 per publish
  std::uint64_t generation = 0;  // +1 per new run (rebuild, reset): derived UI state restarts
  std::uint64_t applied = 0;     // sequence number of the last command applied
  bool running = false;
  bool busy = false;             // running, stepping a Step request, or building a trainer
  long long step = 0;
  long long pendingSteps = 0;    // of Step requests still to run
  double trainNll = std::nan("");  // NaN before step 1
  double testNll = std::nan("");   // at testStep
  long long testStep = -1;
  double learningRate = 0.0;     // of the next step
  double peakLearningRate = 0.0;
  long long scheduleStart = 0, scheduleEnd = 0;
  int rollbacks = 0;             // non-finite steps rolled back since the run began
  double stepsPerSecond = 0.0;   // measured over the last half second of running
  double runSeconds = 0.0;       // wall time since the last Run (to its stop), extras included
  long long runSteps = 0;        // steps taken in that time
  StopReason stopped = StopReason::None;  // why running last ended by itself
  std::string message;           // for a stop or a failed command, shown to the user
  double floor = std::nan("");   // entropy floor of the dataset (NaN before the first trainer is built)
  TrainerConfig config;           // a family run: the shared settings (config.model unused)
  std::optional<FamilyConfig> family;  // empty: the fast RealNVP of config.model
  std::vector<float> params;     // RealNvp<float> layout, finite (empty for a family run)
  std::vector<double> familyParams;  // the family stack's parameters, finite (empty for RealNVP)
  int layers = 0;                // between data and base, as the layer views count them
  RunConfig run() const { return RunConfig{config, family}; }
  bool hasModel() const { return !params.empty() || !familyParams.empty(); }
  NllSeries train, test;         // train NLL (moving average) and test NLL curves
  std::vector<double> rollbackSteps;  // steps at which a non-finite step was rolled back
  double bestTestNll = 0.0;      // best test NLL so far (early stopping)
  long long bestStep = -1;       // -1: none yet
  std::shared_ptr<const Batch> dataPoints, basePoints;  // the scatter: data and N(0, I) samples
  std::shared_ptr<const RunnerFields> fields;           // null until first computed
  std::uint64_t saveSeq = 0;     // command whose save finished last
  std::string savePath, saveError;
};

struct RunnerOptions {
  Rect rect{-3.0, 3.0, -3.0, 3.0};
  int scatterPoints = 1000;
  int runningResolution = 128, pausedResolution = 256;
  double extrasShare = 0.05;     // about this share of running time on test NLL + fields,
  double minExtraInterval = 0.25;  // with refreshes at least this many seconds apart
  double maxExtraInterval = 1.5;   // and at most this many (a slow machine sees the model move)
  double settleSeconds = 0.3;    // paused this long: the full-resolution field
  double publishInterval = 1.0 / 60.0;
  int stepTestEvery = 100;       // during Step requests: test NLL every this many steps
  // Called on the training thread after each publish (to wake the UI). `urgent`: a command was
  // applied or training stopped since the last one; else routine progress, which a UI may pace.
  std::function<void(bool urgent)> onPublish;
};

class TrainingRunner {
 public:
  // Starts the thread and builds the first trainer there (config must validate).
  TrainingRunner(const TrainerConfig& config, RunnerOptions options = {});
  TrainingRunner(const RunConfig& run, RunnerOptions options = {});  // any family
  ~TrainingRunner();  // stops the thread (at the next step boundary)
  TrainingRunner(const TrainingRunner&) = delete;
  TrainingRunner& operator=(const TrainingRunner&) = delete;

  // Commands; each returns its sequence number (see RunnerSnapshot::applied).
  std::uint64_t run();           // at the end of the schedule: a new schedule from the current step
  std::uint64_t pause();
  std::uint64_t step(int n);     // pauses, then exactly n more steps
  std::uint64_t reset();         // fresh parameters from the seed, step 0, paused
  std::uint64_t rebuild(const TrainerConfig& config);  // a new run with these settings, paused
  std::uint64_t rebuild(const RunConfig& run);         // the same, for any family
  // A new run continuing a saved model (core/train/checkpoint.h): its settings, parameters, step and
  // optimizer state, paused, the curves restarting at its step. The trainer is built on the training
  // thread; a checkpoint it cannot build leaves the current run as it was and says
  // "Open model: <reason> (the current model stays)" in the snapshot's message.
  std::uint64_t load(std::shared_ptr<const Checkpoint> checkpoint);
  std::uint64_t setLearningRate(double peak);          // keeps training with the new peak
  std::uint64_t setSpeed(double stepsPerSecond);       // <= 0: unthrottled
  std::uint64_t setStopAt(long long step);             // <= 0: no step limit (the schedule end still stops)
  std::uint64_t setEarlyStopping(int patience);        // stop after this many test evaluations without
                                                       // improvement; 0: off
  std::uint64_t restoreBest();                         // the parameters of the best test NLL so far
  std::uint64_t save(const std::string& path);         // checkpoint scene file (result in the snapshot)
  std::uint64_t refreshFields();                       // recompute the fields now

  std::shared_ptr<const RunnerSnapshot> snapshot() const;  // never waits for a step
  // Blocks until every command so far is applied, nothing is running or pending, and the test NLL
  // and fields show the last step; false on timeout. For scripts and tests, not for the UI loop.
  // With fullResolution, also until the fields are at the paused (full) resolution.
  bool waitIdle(double timeoutSeconds = 60.0, bool fullResolution = false);

 private:
  struct Command;
  struct Impl;
  std::uint64_t post(Command c);
  void loop();
  std::unique_ptr<Impl> impl_;
};

std::string stopReasonText(StopReason reason);

}  // namespace flowlab
