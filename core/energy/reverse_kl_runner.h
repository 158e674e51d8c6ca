// Runs a reverse-KL fit (reverse_kl.h) on its own thread for the Energy view: start() begins a fit
// (stopping any running one), pause()/resume() hold and continue it, snapshot() copies the progress
// from any thread. Besides the trainer's numbers the worker computes what the view draws, so the
// UI does no math: the target's normalized density on the view's grid (once per fit), the flow's
// log q on the same grid and a cloud of its samples (about 4 times a second), and the
// importance-sampling estimate of log Z with its standard error and ESS (every `estimateEvery`
// steps, the history kept for the plot). onProgress(last) wakes a sleeping UI loop after each
// publish (last = true when the worker stops); it must not call back in.
#pragma once

#include <atomic>
#include <cmath>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/energy/forward_kl.h"
#include "core/energy/reverse_kl.h"
#include "core/eval/grid.h"

namespace flowlab {

struct EnergyFields {
  GridSpec grid;
  Vector flowLogDensity;  // log q at the cell centres (core/eval/grid.h layout)
  double maxDensity = 0;  // the largest q on the grid (for a shared colour scale)
  Batch samples;          // x = g(z) for fixed z, so the cloud moves smoothly as q changes
  long long step = 0;     // the trainer's step they were computed at
};

struct EnergyTargetField {
  GridSpec grid;
  Vector logDensity;  // u − log Σ exp(u)·cell area: the target normalized over the grid
  double gridLogZ = 0.0;  // log of that sum: log Z over the rectangle (midpoint rule)
  double maxDensity = 0;  // the largest normalized density on the grid
  int nonFinite = 0;      // cells where u is NaN or +inf (drawn as blank)
};

struct LogZPoint {
  long long step = 0;
  double logZ = 0, logZStderr = 0, ess = 0, elbo = 0;
};

struct ReverseKlRunSnapshot {
  enum class State { Idle, Running, Paused, Finished, Failed };
  State state = State::Idle;
  long long generation = 0;  // counts start() calls
  long long step = 0;
  int totalSteps = 0;
  double loss = 0.0, learningRate = 0.0, beta = 1.0, stepsPerSec = 0.0;
  int nonFiniteEvents = 0;
  std::vector<float> curve;            // batch loss of accepted steps
  std::vector<float> elbo;             // −loss smoothed over about 50 steps (the curve the view draws)
  std::vector<LogZPoint> logZHistory;  // one per estimate
  ReverseKlEstimate estimate;          // the latest (valid once logZHistory is non-empty)
  std::optional<double> trueLogZ;
  std::shared_ptr<const EnergyTargetField> target;
  std::shared_ptr<const EnergyFields> fields;
  std::string error;  // why the fit failed
  std::vector<double> params;  // the current parameters (always finite)
  // Forward KL beside it (forward_kl.h), for targets that can be sampled: the same flow kind fitted
  // by maximum likelihood on the target's samples, step for step.
  bool forward = false;
  double forwardLoss = 0.0;               // smoothed E_p[−log q]
  double forwardKl = std::nan("");        // KL(p ‖ q) at the last estimate (known log Z)
  std::shared_ptr<const EnergyFields> forwardFields;
};

const char* reverseKlStateName(ReverseKlRunSnapshot::State s);  // "idle", "running", "paused", "finished", "failed"

struct ReverseKlRunSettings {
  ReverseKlConfig config;
  int steps = 3000;
  GridSpec grid{Rect{-4, 4, -4, 4}, 160, 160};
  int samples = 1500;
  int estimateEvery = 100;
  int estimateSamples = 4000;
  bool forwardKl = true;  // also fit by forward KL when the target can be sampled
};

// The target's field on a grid (for the view, and reused by the runner).
EnergyTargetField targetField(const Target& target, const GridSpec& grid);

class ReverseKlRunner {
 public:
  explicit ReverseKlRunner(std::function<void(bool last)> onProgress = {});
  ~ReverseKlRunner();  // stops and joins
  ReverseKlRunner(const ReverseKlRunner&) = delete;
  ReverseKlRunner& operator=(const ReverseKlRunner&) = delete;

  // settings.config must validate; target non-null.
  void start(const ReverseKlRunSettings& settings, TargetPtr target);
  void pause();
  void resume();
  void stop();  // returns once the worker has stopped; the snapshot keeps the last state
  void wait();  // joins a worker that runs to its end (tests)
  ReverseKlRunSnapshot snapshot() const;

 private:
  void work(ReverseKlRunSettings settings, std::unique_ptr<ReverseKlTrainer> trainer,
            std::unique_ptr<ForwardKlTrainer> forward);

  std::function<void(bool)> onProgress_;
  std::thread worker_;
  std::atomic<bool> stop_{false};
  bool paused_ = false;
  std::condition_variable resumed_;
  mutable std::mutex mutex_;
  ReverseKlRunSnapshot snap_;
};

}  // namespace flowlab
