#include "core/data/entropy_floor.h"

#include <cmath>
#include <map>
#include <mutex>
#include <utility>

namespace flowlab {

namespace {

double computeFloor(DatasetKind kind, double noise) {
  // The pinwheel's density needs a root search per point; its -log p also varies less.
  const int n = kind == DatasetKind::Pinwheel ? 40000 : 200000;
  Rng rng(0x5eed0f100fULL);
  const Batch x = sampleRaw(kind, noise, n, rng);
  const double meanNegLogP = -logProbRaw(kind, noise, x).mean();
  const Moments m = rawMoments(kind, noise);
  return meanNegLogP - std::log(m.stddev(0)) - std::log(m.stddev(1));
}

}  // namespace

double entropyFloor(DatasetKind kind, double noise) {
  static std::mutex mutex;
  static std::map<std::pair<int, double>, double> cache;
  const std::pair<int, double> key(int(kind), noise);
  {
    std::lock_guard<std::mutex> lock(mutex);
    if (auto it = cache.find(key); it != cache.end()) return it->second;
  }
  const double h = computeFloor(kind, noise);  // outside the lock: other datasets need not wait
  std::lock_guard<std::mutex> lock(mutex);
  if (cache.size() >= 64) cache.erase(cache.begin());  // bounded: a slider may pass many σ
  cache.emplace(key, h);
  return h;
}

}  // namespace flowlab
