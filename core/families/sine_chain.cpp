#include "core/families/sine_chain.h"

#include <cmath>
#include <numbers>

namespace flowlab {

Batch SineChain::sample(int n, Rng& rng) const {
  Batch x(n, dim);
  for (int i = 0; i < n; ++i) {
    x(i, 0) = rng.normal();
    for (int v = 1; v < dim; ++v) x(i, v) = amplitude * std::sin(frequency * x(i, v - 1)) + noise * rng.normal();
  }
  return x;
}

Vector SineChain::logProb(const Batch& x) const {
  const double halfLog2Pi = 0.5 * std::log(2.0 * std::numbers::pi);
  Vector out(x.rows());
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    double lp = -halfLog2Pi - 0.5 * x(i, 0) * x(i, 0);
    for (int v = 1; v < dim; ++v) {
      const double r = (x(i, v) - amplitude * std::sin(frequency * x(i, v - 1))) / noise;
      lp += -halfLog2Pi - std::log(noise) - 0.5 * r * r;
    }
    out(i) = lp;
  }
  return out;
}

double SineChain::entropy() const {
  const double h1 = 0.5 * std::log(2.0 * std::numbers::pi * std::numbers::e);
  return h1 + double(dim - 1) * (h1 + std::log(noise));
}

}  // namespace flowlab
