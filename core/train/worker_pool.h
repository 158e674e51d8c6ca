// A fixed set of worker threads running one job index each per call: run(f) calls f(k) for
// k = 0..size()-1, k = 0 on the calling thread, and returns when all are done. No work stealing,
// so which thread does what (and hence every floating-point sum) is the same on every run.
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace flowlab {

class WorkerPool {
 public:
  explicit WorkerPool(int threads);  // threads >= 1; threads - 1 are spawned
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  int size() const { return int(workers_.size()) + 1; }
  void run(const std::function<void(int)>& job);

 private:
  void loop(int index);

  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  const std::function<void(int)>* job_ = nullptr;
  long long generation_ = 0;
  int pending_ = 0;
  bool stop_ = false;
};

}  // namespace flowlab
