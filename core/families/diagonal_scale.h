// NICE's final diagonal scaling (Dinh et al. 2014, §3.3): x = z·exp(s), z = x·exp(-s) in the
// density direction, log|det dz/dx| = -Σ s. Without it an additive-coupling stack preserves
// volume and could not fit any density other than a rearranged N(0, I). Parameters: s (D), 0 at init.
#pragma once

#include <memory>

#include "core/families/trainable_layer.h"

namespace flowlab {

class TrainableDiagonalScale : public TrainableLayer {
 public:
  explicit TrainableDiagonalScale(int dim) : dim_(dim) {}
  TrainableLayerPtr clone() const override { return std::make_unique<TrainableDiagonalScale>(*this); }
  std::string type() const override { return "diagonal_scale"; }
  int dim() const override { return dim_; }
  int paramCount() const override { return dim_; }
  void init(double* params, Rng& rng) const override;
  Transformed forward(const double* params, const Batch& z) override;
  Transformed inverse(const double* params, const Batch& x) override;
  void backward(const double* params, const Batch& gZ, const Vector& gLogDet, double* grad, Batch& gX) override;

 private:
  int dim_;
  Batch z_;
};

}  // namespace flowlab
