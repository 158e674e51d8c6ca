// The base distribution of every flow: the standard normal N(0, I_D) in D = 1 or 2 dimensions.
#pragma once

#include <cstdint>

#include "core/random.h"
#include "core/types.h"

namespace flowlab {

class StandardNormal {
 public:
  // dim >= 1; throws std::invalid_argument otherwise (a programmer error).
  explicit StandardNormal(int dim);

  int dim() const { return dim_; }
  // log N(z; 0, I) = -|z|²/2 - (D/2)·log(2π), per row. z: N by D -> N.
  Vector logProb(const Batch& z) const;
  // N by D independent standard normals, drawn row by row from rng.
  Batch sample(int n, Rng& rng) const { return rng.normalBatch(n, dim_); }

 private:
  int dim_;
};

// Standard normal CDF Φ(t) and its inverse Φ⁻¹(p) for p in (0, 1) (Acklam's rational
// approximation refined by one Halley step: relative error < 1e-15).
double normalCdf(double t);
double normalQuantile(double p);

}  // namespace flowlab
