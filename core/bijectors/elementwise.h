// Independent 1D bijectors, one per coordinate: x_j = f_j(z_j).
#pragma once

#include <vector>

#include "core/bijector.h"

namespace flowlab {

// Elementwise: x_j = f_j(z_j), log|det J| = Σ_j log|f_j'(z_j)| (diagonal Jacobian).
// Parameters are the children's, in coordinate order, named "<j>.<name>" (e.g. "1.omega").
class Elementwise : public Bijector {
 public:
  // Throws std::invalid_argument if the list is empty, holds a null or a bijector with dim() != 1.
  explicit Elementwise(std::vector<BijectorPtr> perCoordinate);
  Elementwise(const Elementwise& other);
  Elementwise& operator=(const Elementwise& other);
  Elementwise(Elementwise&&) = default;
  Elementwise& operator=(Elementwise&&) = default;

  Transformed forward(const Batch& z) const override;  // z: N by d
  Transformed inverse(const Batch& x) const override;  // x: N by d
  int dim() const override { return static_cast<int>(perCoordinate_.size()); }
  std::string type() const override { return "elementwise"; }
  std::string name() const override { return "elementwise  x_j = f_j(z_j)"; }
  Status validate() const override;
  std::vector<Parameter> parameters() const override;
  void setParameter(int index, double value) override;
  std::unique_ptr<Bijector> clone() const override { return std::make_unique<Elementwise>(*this); }
  Matrix jacobianAt(const Vector& z) const override;

  const Bijector& coordinate(int j) const { return *perCoordinate_.at(j); }

 private:
  std::vector<BijectorPtr> perCoordinate_;
};

}  // namespace flowlab
