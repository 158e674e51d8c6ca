// Wakes the sleeping UI loop for the training thread's snapshots. A stop or an applied command
// wakes it at once; routine progress at most every interval(), chosen from the UI's measured
// frame cost so drawing takes about a third of one core while training: each wake costs the loop
// about four frames (the frame it wakes for and the frames it settles over), and training and
// drawing share the same cores, so a UI that redraws continuously halves the training speed on a
// machine with software GL.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>

namespace flowlab::app {

class WakePacer {
 public:
  explicit WakePacer(std::function<void()> wake) : wake_(std::move(wake)) {}

  // UI thread, once a frame: the smoothed cost of a frame's work.
  void setFrameMs(double frameMs) {
    const double ms = std::clamp(kFramesPerWake * frameMs / kUiShare, kMinIntervalMs, kMaxIntervalMs);
    intervalUs_.store(static_cast<long long>(ms * 1000.0), std::memory_order_relaxed);
  }
  double intervalMs() const { return intervalUs_.load(std::memory_order_relaxed) / 1000.0; }

  // Training thread, after each publish.
  void onPublish(bool urgent) {
    const long long now = nowUs();
    if (!urgent && now - lastUs_.load(std::memory_order_relaxed) < intervalUs_.load(std::memory_order_relaxed)) return;
    lastUs_.store(now, std::memory_order_relaxed);
    if (wake_) wake_();
  }

 private:
  static constexpr double kFramesPerWake = 4.0, kUiShare = 0.35, kMinIntervalMs = 1000.0 / 30.0,
                          kMaxIntervalMs = 1000.0;
  static long long nowUs() {
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
  }
  std::function<void()> wake_;
  std::atomic<long long> intervalUs_{static_cast<long long>(kMinIntervalMs * 1000.0)};
  std::atomic<long long> lastUs_{0};
};

}  // namespace flowlab::app
