// Leaky ReLU as a bijection: identity for z >= 0, slope α below zero.
#pragma once

#include "core/bijectors/bijector_1d.h"

namespace flowlab {

// LeakyRelu1D: x = z (z >= 0), α z (z < 0); log f' = 0 or log α. Invalid unless α > 0.
// f is not differentiable at 0; the right derivative (1) is reported there.
class LeakyRelu1D : public Bijector1D {
 public:
  explicit LeakyRelu1D(double alpha = 0.5) : alpha_(alpha) {}

  double forwardScalar(double z, double& logAbsDet) const override;
  double inverseScalar(double x, double& logAbsDet) const override;
  double derivativeScalar(double z) const override { return z >= 0.0 ? 1.0 : alpha_; }

  std::string type() const override { return "leaky_relu"; }
  std::string name() const override { return "leaky ReLU  x = z (z ≥ 0), αz (z < 0)"; }
  Status validate() const override;
  std::vector<Parameter> parameters() const override;
  void setParameter(int index, double value) override;
  std::unique_ptr<Bijector> clone() const override { return std::make_unique<LeakyRelu1D>(*this); }

 private:
  double alpha_;
};

}  // namespace flowlab
