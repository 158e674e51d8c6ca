#include "core/families/autoregressive_cost_runner.h"

namespace flowlab {

const char* costStateName(AutoregressiveCostSnapshot::State s) {
  switch (s) {
    case AutoregressiveCostSnapshot::State::Running: return "running";
    case AutoregressiveCostSnapshot::State::Finished: return "finished";
    case AutoregressiveCostSnapshot::State::Cancelled: return "cancelled";
    default: return "idle";
  }
}

AutoregressiveCostRunner::AutoregressiveCostRunner(std::function<void(bool)> onProgress)
    : onProgress_(std::move(onProgress)) {}

AutoregressiveCostRunner::~AutoregressiveCostRunner() {
  cancel();
  wait();
}

void AutoregressiveCostRunner::start(const AutoregressiveCostConfig& config) {
  cancel();
  wait();
  cancel_.store(false);
  AutoregressiveCostRun run(config);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    snap_.state = AutoregressiveCostSnapshot::State::Running;
    ++snap_.generation;
    snap_.progress = 0.0;
    snap_.phase = run.phase();
    snap_.config = config;
    snap_.results.clear();
  }
  worker_ = std::thread([this, r = std::move(run)]() mutable { work(std::move(r)); });
}

void AutoregressiveCostRunner::cancel() { cancel_.store(true); }

void AutoregressiveCostRunner::wait() {
  if (worker_.joinable()) worker_.join();
}

AutoregressiveCostSnapshot AutoregressiveCostRunner::snapshot() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return snap_;
}

void AutoregressiveCostRunner::publish(const AutoregressiveCostRun& run, AutoregressiveCostSnapshot::State state) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    snap_.state = state;
    snap_.progress = run.progress();
    snap_.phase = run.phase();
    if (snap_.results.size() != run.results().size()) snap_.results = run.results();
  }
  if (onProgress_) onProgress_(state != AutoregressiveCostSnapshot::State::Running);
}

void AutoregressiveCostRunner::work(AutoregressiveCostRun run) {
  using State = AutoregressiveCostSnapshot::State;
  while (!cancel_.load() && run.advance()) publish(run, State::Running);
  publish(run, run.done() ? State::Finished : State::Cancelled);
}

}  // namespace flowlab
