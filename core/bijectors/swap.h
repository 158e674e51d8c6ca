// Coordinate reversal x_j = z_{d-1-j}: alternates which half a coupling layer keeps.
#pragma once

#include "core/bijector.h"

namespace flowlab {

// Swap: x = P z with P the reversal permutation; |det P| = 1 so log|det J| = 0. No parameters.
class Swap : public Bijector {
 public:
  // Throws std::invalid_argument for dim < 1.
  explicit Swap(int dim = 2);

  Transformed forward(const Batch& z) const override;  // z: N by d
  Transformed inverse(const Batch& x) const override;  // reversal is its own inverse
  int dim() const override { return dim_; }
  std::string type() const override { return "swap"; }
  std::string name() const override { return "swap  x_j = z_(d-1-j)"; }
  Status validate() const override { return Status::okStatus(); }
  std::vector<Parameter> parameters() const override { return {}; }
  void setParameter(int index, double value) override;
  std::unique_ptr<Bijector> clone() const override { return std::make_unique<Swap>(*this); }
  Matrix jacobianAt(const Vector& z) const override;

 private:
  int dim_;
};

}  // namespace flowlab
