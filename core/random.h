// Seeded, platform-independent random numbers (std::normal_distribution differs between
// standard libraries, so FlowLab draws normals itself to keep seeds reproducible everywhere).
#pragma once

#include <cstdint>
#include <random>

#include "core/types.h"

namespace flowlab {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}
  // Uniform on [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  // Standard normal by the polar Box-Muller method; caches the second value.
  double normal();
  // n by d matrix of independent standard normals, filled row by row.
  Batch normalBatch(int n, int d);
  std::uint64_t nextU64() { return engine_(); }

 private:
  std::mt19937_64 engine_;
  bool hasSpare_ = false;
  double spare_ = 0.0;
};

}  // namespace flowlab
