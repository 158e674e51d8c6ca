// Glow's invertible linear map in LU form (Kingma & Dhariwal 2018, §3.2), the 1×1 convolution of
// a D-channel image with one pixel:  W = P L U  with P a fixed permutation, L unit lower
// triangular, U upper triangular with diagonal exp(log s). Applied in the density direction,
// z = W x  with  log|det dz/dx| = Σ log s  (O(D), no determinant); forward x = W⁻¹ z by two
// triangular solves. Parameters: L's strict lower part (row by row), U's strict upper part (row by
// row), log s (D). Init: L = 0, U = 0, log s = 0, so W = P.
#pragma once

#include <memory>

#include <vector>

#include "core/families/trainable_layer.h"

namespace flowlab {

class TrainableLuLinear : public TrainableLayer {
 public:
  // perm: (P v)_i = v_{perm[i]}; empty: the identity.
  explicit TrainableLuLinear(int dim, std::vector<int> perm = {});
  TrainableLayerPtr clone() const override { return std::make_unique<TrainableLuLinear>(*this); }
  std::string type() const override { return "lu_linear"; }
  int dim() const override { return dim_; }
  int paramCount() const override { return dim_ * (dim_ - 1) + dim_; }
  void init(double* params, Rng& rng) const override;
  Transformed forward(const double* params, const Batch& z) override;
  Transformed inverse(const double* params, const Batch& x) override;
  void backward(const double* params, const Batch& gZ, const Vector& gLogDet, double* grad, Batch& gX) override;

  Matrix weight(const double* params) const;  // W = P L U

 private:
  void factors(const double* params, Matrix& l, Matrix& u) const;
  Matrix permutation() const;

  int dim_;
  std::vector<int> perm_;
  Batch x_;
};

}  // namespace flowlab
