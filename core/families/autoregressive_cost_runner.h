// Runs an AutoregressiveCostRun (autoregressive_cost.h) on its own thread so a UI keeps drawing:
// start() begins a measurement (stopping any running one), cancel() stops it at the next unit
// boundary (a few training steps or one timed chunk: well under a second), snapshot() copies the
// progress and the finished dimensions from any thread. onProgress(last) is called from the worker
// after each unit (last = false) and once when it stops (last = true), to wake a sleeping UI
// loop: a UI may skip routine wakes but not the last one. It must not call back in.
#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/families/autoregressive_cost.h"

namespace flowlab {

struct AutoregressiveCostSnapshot {
  enum class State { Idle, Running, Finished, Cancelled };
  State state = State::Idle;
  long long generation = 0;  // counts start() calls
  double progress = 0.0;
  std::string phase;
  AutoregressiveCostConfig config;
  std::vector<DimensionCost> results;  // finished dimensions so far
};

const char* costStateName(AutoregressiveCostSnapshot::State s);  // "idle", "running", "finished", "cancelled"

class AutoregressiveCostRunner {
 public:
  explicit AutoregressiveCostRunner(std::function<void(bool last)> onProgress = {});
  ~AutoregressiveCostRunner();  // cancels and joins
  AutoregressiveCostRunner(const AutoregressiveCostRunner&) = delete;
  AutoregressiveCostRunner& operator=(const AutoregressiveCostRunner&) = delete;

  // config must validate (validateAutoregressiveCostConfig).
  void start(const AutoregressiveCostConfig& config);
  void cancel();  // returns at once; the snapshot says "cancelled" once the worker has stopped
  void wait();    // joins the worker (tests)
  AutoregressiveCostSnapshot snapshot() const;

 private:
  void work(AutoregressiveCostRun run);
  void publish(const AutoregressiveCostRun& run, AutoregressiveCostSnapshot::State state);

  std::function<void(bool)> onProgress_;
  std::thread worker_;
  std::atomic<bool> cancel_{false};
  mutable std::mutex mutex_;
  AutoregressiveCostSnapshot snap_;
};

}  // namespace flowlab
