// Stream b of seed a: the splitmix64 finalizer over a·φ + b that core/train/trainer.cpp mixes its
// batch, test and init streams with, shared by the energy trainers.
#pragma once

#include <cstdint>

namespace flowlab {

inline std::uint64_t mixSeeds(std::uint64_t a, std::uint64_t b) {
  std::uint64_t z = a * 0x9E3779B97F4A7C15ULL + b + 0x632BE59BD9B4E019ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

}  // namespace flowlab
