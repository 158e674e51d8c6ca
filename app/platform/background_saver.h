// Encodes and writes screenshots on a worker thread, so F12 never blocks the UI or loses keys.
// Jobs run in order; results are collected by the UI thread each frame. The destructor finishes
// every queued job before returning, so quitting right after F12 still saves the picture.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "app/gl/screenshot.h"

namespace flowlab::app {

struct SaveResult {
  std::string path;   // written file (absolute), empty on failure
  std::string error;  // why it failed
};

class BackgroundSaver {
 public:
  // `onDone` runs on the worker after each job (wakes the UI loop).
  explicit BackgroundSaver(std::function<void()> onDone);
  ~BackgroundSaver();
  BackgroundSaver(const BackgroundSaver&) = delete;
  BackgroundSaver& operator=(const BackgroundSaver&) = delete;

  // A new numbered <stem>-NNNN.png in folder (never replacing a file).
  void savePng(FramePixels pixels, std::string folder, std::string stem = "flowlab");
  std::vector<SaveResult> takeResults();
  bool busy() const;

 private:
  void run();
  struct Job {
    FramePixels pixels;
    std::string folder;
    std::string stem;
  };
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Job> jobs_;
  std::vector<SaveResult> results_;
  int inFlight_ = 0;
  bool stopping_ = false;
  std::function<void()> onDone_;
  std::thread worker_;
};

}  // namespace flowlab::app
