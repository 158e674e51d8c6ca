#include "app/platform/background_saver.h"

#include "app/platform/numbered_file.h"

namespace flowlab::app {

BackgroundSaver::BackgroundSaver(std::function<void()> onDone)
    : onDone_(std::move(onDone)), worker_([this] { run(); }) {}

BackgroundSaver::~BackgroundSaver() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  worker_.join();
}

void BackgroundSaver::savePng(FramePixels pixels, std::string folder, std::string stem) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    jobs_.push_back(Job{std::move(pixels), std::move(folder), std::move(stem)});
    ++inFlight_;
  }
  wake_.notify_one();
}

std::vector<SaveResult> BackgroundSaver::takeResults() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<SaveResult> out;
  out.swap(results_);
  return out;
}

bool BackgroundSaver::busy() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return inFlight_ > 0;
}

void BackgroundSaver::run() {
  for (;;) {
    Job job;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;  // stopping, and every job is done
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    SaveResult r;
    const std::vector<unsigned char> png = encodePng(job.pixels);
    if (png.empty()) {
      r.error = "cannot encode the screenshot as PNG";
    } else {
      const NumberedWrite w = writeNumberedFile(job.folder, job.stem, ".png", png);
      r.path = w.path;
      r.error = w.error;
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      results_.push_back(std::move(r));
      --inFlight_;
    }
    if (onDone_) onDone_();
  }
}

}  // namespace flowlab::app
