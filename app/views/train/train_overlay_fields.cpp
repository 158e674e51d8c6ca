#include "app/views/train/train_overlay_fields.h"

#include <algorithm>
#include <chrono>
#include <cmath>


namespace flowlab::app {
namespace {

// As in the 2D lab: 13 lines per axis, 12 × 12 patches at 45% of their cell; 40 vertices a line
// (the 2D lab's 64 cost the general Flow path most of the refresh, for no visible difference).
constexpr int kGridLines = 13, kGridVertices = 40, kPatchesPerAxis = 12;
constexpr double kPatchSide = 0.45;

std::shared_ptr<const OverlayFields> compute(const OverlayFieldWorker::Job& job) {
  const auto t0 = std::chrono::steady_clock::now();
  auto f = std::make_shared<OverlayFields>();
  f->generation = job.generation;
  f->step = job.step;
  const Expected<Flow> flow = runFlow(job.run, job.fastParams, job.familyParams);
  f->baseGrid = warpGridLines(Flow(2), kOverlayZRect, kGridLines, 2);
  if (!flow.ok()) {
    f->grid.status = f->patches.status = flow.status;
    return f;
  }
  f->grid = warpGridLines(flow.value, kOverlayZRect, kGridLines, kGridVertices);
  f->patches = jacobianPatches(flow.value, kOverlayZRect, kPatchesPerAxis, kPatchesPerAxis, kPatchSide);
  if (f->patches.ok() && f->patches.value.logAbsDet.size() > 0) {
    const double m = f->patches.value.logAbsDet.cwiseAbs().maxCoeff();
    f->patchRange = std::isfinite(m) ? std::clamp(std::ceil(m), 1.0, 8.0) : 8.0;
  }
  f->computeMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  return f;
}

}  // namespace

OverlayFieldWorker::OverlayFieldWorker(std::function<void()> onDone) : onDone_(std::move(onDone)) {
  thread_ = std::thread([this] { loop(); });
}

OverlayFieldWorker::~OverlayFieldWorker() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    quit_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void OverlayFieldWorker::request(std::uint64_t generation, long long step, const RunConfig& run,
                                 const std::vector<float>& fastParams, const std::vector<double>& familyParams) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (generation == askedGeneration_ && step == askedStep_) return;
    askedGeneration_ = generation;
    askedStep_ = step;
    job_ = Job{generation, step, run, fastParams, familyParams};
    hasJob_ = true;
  }
  wake_.notify_all();
}

std::shared_ptr<const OverlayFields> OverlayFieldWorker::latest() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return latest_;
}

bool OverlayFieldWorker::waitDone(double timeoutSeconds) {
  std::unique_lock<std::mutex> lock(mutex_);
  return done_.wait_for(lock, std::chrono::duration<double>(timeoutSeconds), [&] { return !hasJob_ && !busy_; });
}

void OverlayFieldWorker::loop() {
  for (;;) {
    Job job;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [&] { return quit_ || hasJob_; });
      if (quit_) return;
      job = std::move(job_);
      hasJob_ = false;
      busy_ = true;
    }
    auto result = compute(job);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      latest_ = std::move(result);
      busy_ = false;
    }
    done_.notify_all();
    if (onDone_) onDone_();
  }
}

}  // namespace flowlab::app
