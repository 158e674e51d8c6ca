// Scalar affine map x = a·z + b (Rezende & Mohamed 2015 use it as the simplest flow).
#pragma once

#include "core/bijectors/bijector_1d.h"

namespace flowlab {

// Affine1D: x = a z + b, log|f'| = log|a|. Invalid when a = 0 ("singular: a = 0").
class Affine1D : public Bijector1D {
 public:
  Affine1D(double a = 1.0, double b = 0.0) : a_(a), b_(b) {}

  double forwardScalar(double z, double& logAbsDet) const override;
  double inverseScalar(double x, double& logAbsDet) const override;
  double derivativeScalar(double) const override { return a_; }

  std::string type() const override { return "affine"; }
  std::string name() const override { return "affine  x = a·z + b"; }
  Status validate() const override;
  std::vector<Parameter> parameters() const override;
  void setParameter(int index, double value) override;
  std::unique_ptr<Bijector> clone() const override { return std::make_unique<Affine1D>(*this); }

 private:
  double a_, b_;
};

}  // namespace flowlab
