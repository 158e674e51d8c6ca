// The learned map's geometry for the Training view's grid and patch overlays, computed by core
// (core/eval/grid_warp.h, jacobian_patches.h) on a thread of its own from the parameters of the
// training thread's latest fields, so neither the UI nor the training thread waits for it.
// The UI asks once a frame (cheap when nothing changed) and draws whatever finished last.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "core/eval/grid_warp.h"
#include "core/eval/jacobian_patches.h"
#include "core/train/run_engine.h"

namespace flowlab::app {

struct OverlayFields {
  std::uint64_t generation = 0;  // of the run (RunnerSnapshot::generation)
  long long step = -1;           // parameters after this many steps
  Expected<GridWarp> baseGrid;   // the z-grid itself (straight lines in the base pane)
  Expected<GridWarp> grid;       // its image x = f(z) in the data pane
  Expected<JacobianPatches> patches;
  double patchRange = 1.0;       // largest |log det J| the colours span (at least 1, at most 8)
  double computeMs = 0.0;        // the worker's time for these (trace: overlay_ms)
};

// The z-square the grid and the patches cover (the base pane shows ±4).
inline constexpr Rect kOverlayZRect{-3.0, 3.0, -3.0, 3.0};

class OverlayFieldWorker {
 public:
  explicit OverlayFieldWorker(std::function<void()> onDone = {});
  ~OverlayFieldWorker();
  OverlayFieldWorker(const OverlayFieldWorker&) = delete;
  OverlayFieldWorker& operator=(const OverlayFieldWorker&) = delete;

  // The overlays for these parameters; ignored when the latest request had the same generation
  // and step. A newer request replaces one not yet started.
  void request(std::uint64_t generation, long long step, const RunConfig& run, const std::vector<float>& fastParams,
               const std::vector<double>& familyParams);
  std::shared_ptr<const OverlayFields> latest() const;
  // Blocks until the last request is done (tests and scripts only); false on timeout.
  bool waitDone(double timeoutSeconds);

 private:
  void loop();

 public:
  struct Job {
    std::uint64_t generation = 0;
    long long step = -1;
    RunConfig run;
    std::vector<float> fastParams;
    std::vector<double> familyParams;
  };

 private:
  std::function<void()> onDone_;
  mutable std::mutex mutex_;
  std::condition_variable wake_, done_;
  bool quit_ = false, hasJob_ = false, busy_ = false;
  Job job_;
  std::uint64_t askedGeneration_ = 0;
  long long askedStep_ = -2;
  std::shared_ptr<const OverlayFields> latest_;
  std::thread thread_;
};

}  // namespace flowlab::app
