#include "app/platform/gif_recorder.h"

#include <algorithm>
#include <cmath>

#include "app/platform/numbered_file.h"
#include "core/io/atomic_write.h"

namespace flowlab::app {

GifRecorder::GifRecorder(std::function<void()> onDone) : onDone_(std::move(onDone)), worker_([this] { run(); }) {}

GifRecorder::~GifRecorder() {
  stop();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  worker_.join();
}

void GifRecorder::start(int width, int height, int fps, std::string path, std::string folder) {
  stop();
  std::lock_guard<std::mutex> lock(mutex_);
  Job begin;
  begin.kind = Job::Begin;
  begin.width = width, begin.height = height;
  begin.delay = std::max(2, (100 + fps / 2) / std::max(1, fps));  // centiseconds; viewers clamp below 2
  begin.path = std::move(path), begin.folder = std::move(folder);
  jobs_.push_back(std::move(begin));
  width_ = width, height_ = height, accepted_ = 0, dropped_ = 0;
  recording_ = true;
  ++pendingFiles_;
  wake_.notify_one();
}

bool GifRecorder::recording() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return recording_;
}

bool GifRecorder::push(FramePixels frame, bool wait, double seconds) {
  std::unique_lock<std::mutex> lock(mutex_);
  if (!recording_ || accepted_ >= kMaxFrames) return false;
  if (wait) {
    room_.wait(lock, [this] { return int(jobs_.size()) < kMaxQueued; });
  } else if (int(jobs_.size()) >= kMaxQueued) {
    ++dropped_;
    return false;
  }
  Job job;
  job.frame = std::move(frame);
  job.seconds = seconds;
  jobs_.push_back(std::move(job));
  ++accepted_;
  wake_.notify_one();
  return true;
}

void GifRecorder::stop() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!recording_) return;
  recording_ = false;
  Job finish;
  finish.kind = Job::Finish;
  jobs_.push_back(std::move(finish));
  wake_.notify_one();
}

std::vector<SaveResult> GifRecorder::takeResults() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<SaveResult> out;
  out.swap(results_);
  return out;
}

bool GifRecorder::busy() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return recording_ || pendingFiles_ > 0;
}

int GifRecorder::framesQueued() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return accepted_;
}

int GifRecorder::framesDropped() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return dropped_;
}

int GifRecorder::width() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return width_;
}

int GifRecorder::height() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return height_;
}

void GifRecorder::run() {
  // The recording being encoded (worker-only state).
  std::unique_ptr<GifEncoder> encoder;
  std::string path, folder, error;  // error: the recording's first failure
  // A frame's delay is known only when the next one arrives: it waits here until then.
  Job held;
  bool holding = false;
  const auto encodeHeld = [&](int delay) {
    if (holding && encoder && error.empty()) error = encoder->add(held.frame, delay);
    holding = false;
  };
  for (;;) {
    Job job;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;  // stopping, and every job is done
      job = std::move(jobs_.front());
      jobs_.pop_front();
      room_.notify_all();
    }
    if (job.kind == Job::Begin) {
      encoder = std::make_unique<GifEncoder>(job.width, job.height, job.delay);
      path = std::move(job.path), folder = std::move(job.folder), error.clear();
      continue;
    }
    if (job.kind == Job::Frame) {
      if (holding) encodeHeld(std::max(2, int(std::lround((job.seconds - held.seconds) * 100.0))));
      held = std::move(job), holding = true;
      continue;
    }
    encodeHeld(0);  // the last frame shows for the nominal delay
    SaveResult r;
    if (encoder && error.empty()) error = encoder->finish();
    if (!encoder) {
      r.error = "no recording to finish";
    } else if (!error.empty()) {
      r.error = error;
    } else if (path.empty()) {
      const NumberedWrite w = writeNumberedFile(folder, "flowlab", ".gif", encoder->bytes());
      r.path = w.path, r.error = w.error;
    } else if (Status s = writeFileAtomically(path, std::string(encoder->bytes().begin(), encoder->bytes().end()));
               s.ok()) {
      r.path = path;
    } else {
      r.error = s.message();
    }
    encoder.reset();
    {
      std::lock_guard<std::mutex> lock(mutex_);
      results_.push_back(std::move(r));
      --pendingFiles_;
    }
    if (onDone_) onDone_();
  }
}

}  // namespace flowlab::app
