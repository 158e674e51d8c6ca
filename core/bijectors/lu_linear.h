// LU-parametrised linear map (Kingma & Dhariwal 2018, Glow §3.2: the invertible 1x1 convolution).
#pragma once

#include <vector>

#include "core/bijector.h"

namespace flowlab {

// LuLinear: x = W z + b with W = P L U: P a fixed permutation, L unit lower triangular,
// U upper triangular. log|det J| = Σ_i log|U_ii| in O(d) (Glow, eq. 10).
// As a Glow 1x1 convolution over an h by w image, each pixel is one row of the batch, so the
// layer's total log-det is the sum over rows (h·w·Σ log|U_ii|).
// (P v)_i = v_{permutation[i]}. Parameters: "L10", "L20", "L21", ... (strictly lower, row by row),
// then "U00", "U01", ... (upper incl. diagonal, row by row), then "b0", ...; P is not editable.
class LuLinear : public Bijector {
 public:
  // Throws std::invalid_argument unless permutation is a permutation of 0..d-1, lower is d by d unit
  // lower triangular, upper is d by d upper triangular and b has length d.
  LuLinear(std::vector<int> permutation, Matrix lower, Matrix upper, Vector b);
  static LuLinear identity(int dim);

  Transformed forward(const Batch& z) const override;  // z: N by d
  Transformed inverse(const Batch& x) const override;  // x: N by d, by two triangular solves
  int dim() const override { return static_cast<int>(permutation_.size()); }
  std::string type() const override { return "lu_linear"; }
  std::string name() const override { return "LU linear  x = P·L·U·z + b"; }
  Status validate() const override;
  std::vector<Parameter> parameters() const override;
  void setParameter(int index, double value) override;
  std::unique_ptr<Bijector> clone() const override { return std::make_unique<LuLinear>(*this); }
  Matrix jacobianAt(const Vector& z) const override { return weight(); }

  Matrix weight() const;  // W = P L U, d by d

 private:
  std::vector<int> permutation_;
  Matrix lower_, upper_;
  Vector b_;
};

}  // namespace flowlab
