// Records an animated GIF while the app runs: frames are queued by the UI thread and quantized and
// compressed on a worker (giflib's median cut takes tens of milliseconds a frame), so recording
// never stalls the window; the file is written atomically when the recording stops.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "app/platform/background_saver.h"
#include "app/platform/gif_writer.h"

namespace flowlab::app {

class GifRecorder {
 public:
  static constexpr int kMaxQueued = 8;     // frames waiting for the encoder before new ones drop
  static constexpr int kMaxFrames = 1200;  // 80 s at 15 frames a second: a slide, not a film

  // `onDone` runs on the worker after a file is written (wakes the UI loop).
  explicit GifRecorder(std::function<void()> onDone);
  ~GifRecorder();  // a recording in progress is finished and written
  GifRecorder(const GifRecorder&) = delete;
  GifRecorder& operator=(const GifRecorder&) = delete;

  // Starts a recording of width x height frames at `fps`; written to `path`, or when it is empty
  // to a new numbered flowlab-NNNN.gif in `folder`. A recording in progress is stopped first.
  void start(int width, int height, int fps, std::string path, std::string folder);
  bool recording() const;
  // Queues a frame captured at `seconds` (any clock): each frame shows until the next one's time,
  // so the GIF plays in real time even when frames were dropped. Without `wait`, a frame arriving
  // while the encoder is kMaxQueued frames behind is dropped (and counted); with it, the call
  // waits. False when not recording or full.
  bool push(FramePixels frame, bool wait, double seconds);
  // Ends the recording; the file is written on the worker and reported by takeResults().
  void stop();
  std::vector<SaveResult> takeResults();
  bool busy() const;  // recording, or frames or a file still being written
  int framesQueued() const;   // accepted in this recording so far
  int framesDropped() const;  // dropped in this recording so far
  int width() const;
  int height() const;

 private:
  void run();
  // Jobs run in order, so a recording's Finish is handled before the next one's Begin.
  struct Job {
    enum Kind { Begin, Frame, Finish } kind = Frame;
    FramePixels frame;
    double seconds = 0.0;                  // Frame: when it was captured
    int width = 0, height = 0, delay = 0;  // Begin
    std::string path, folder;              // Begin
  };
  mutable std::mutex mutex_;
  std::condition_variable wake_, room_;
  std::deque<Job> jobs_;
  std::vector<SaveResult> results_;
  bool recording_ = false, stopping_ = false;
  int width_ = 0, height_ = 0, accepted_ = 0, dropped_ = 0, pendingFiles_ = 0;
  std::function<void()> onDone_;
  std::thread worker_;
};

}  // namespace flowlab::app
