// ActNorm (Kingma & Dhariwal 2018, §3.1): a per-coordinate affine map x = z·exp(log σ) + μ, i.e.
// z = (x - μ)·exp(-log σ) in the density direction; log|det dz/dx| = -Σ log σ.
// Data-dependent initialisation: μ and σ are the mean and (population) standard deviation of the
// first batch reaching the layer, so that batch leaves it with mean 0 and std 1 per coordinate.
// Parameters: μ (D), then log σ (D).
#pragma once

#include <memory>

#include "core/families/trainable_layer.h"

namespace flowlab {

class TrainableActNorm : public TrainableLayer {
 public:
  explicit TrainableActNorm(int dim) : dim_(dim) {}
  TrainableLayerPtr clone() const override { return std::make_unique<TrainableActNorm>(*this); }
  std::string type() const override { return "actnorm"; }
  int dim() const override { return dim_; }
  int paramCount() const override { return 2 * dim_; }
  void init(double* params, Rng& rng) const override;  // μ = 0, log σ = 0 until the data arrive
  void initFromData(double* params, const Batch& x) const override;
  Transformed forward(const double* params, const Batch& z) override;
  Transformed inverse(const double* params, const Batch& x) override;
  void backward(const double* params, const Batch& gZ, const Vector& gLogDet, double* grad, Batch& gX) override;

 private:
  int dim_;
  Batch z_;
};

}  // namespace flowlab
