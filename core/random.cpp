#include "core/random.h"

#include <cmath>

namespace flowlab {

double Rng::normal() {
  if (hasSpare_) {
    hasSpare_ = false;
    return spare_;
  }
  double u, v, s;
  do {
    u = 2.0 * uniform() - 1.0;
    v = 2.0 * uniform() - 1.0;
    s = u * u + v * v;
  } while (s >= 1.0 || s == 0.0);
  const double m = std::sqrt(-2.0 * std::log(s) / s);
  spare_ = v * m;
  hasSpare_ = true;
  return u * m;
}

Batch Rng::normalBatch(int n, int d) {
  Batch out(n, d);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < d; ++j) out(i, j) = normal();
  return out;
}

}  // namespace flowlab
