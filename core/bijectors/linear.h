// Affine map of R^d: x = A z + b.
#pragma once

#include <Eigen/LU>

#include "core/bijector.h"

namespace flowlab {

// Linear: x = A z + b with A (d by d) and b (d); log|det J| = log|det A| at every point.
// Invalid when A is singular or nearly so: |det A| <= 1e-12·max|A_ij|^d ("singular: det A = 0").
// Parameters, row-major: "A00", "A01", ..., "b0", "b1", ...
class Linear : public Bijector {
 public:
  // Throws std::invalid_argument unless A is square, non-empty and b has A's size.
  Linear(Matrix A, Vector b);
  static Linear rotation(double theta);          // 2D, counter-clockwise by theta radians; det 1
  static Linear shear(double k);                 // 2D, x0 = z0 + k z1
  static Linear scale(double sx, double sy);     // 2D, diag(sx, sy)

  Transformed forward(const Batch& z) const override;  // z: N by d
  Transformed inverse(const Batch& x) const override;  // x: N by d
  int dim() const override { return static_cast<int>(A_.rows()); }
  std::string type() const override { return "linear"; }
  std::string name() const override { return "linear  x = A·z + b"; }
  Status validate() const override;
  std::vector<Parameter> parameters() const override;
  void setParameter(int index, double value) override;
  std::unique_ptr<Bijector> clone() const override { return std::make_unique<Linear>(*this); }
  Matrix jacobianAt(const Vector&) const override { return A_; }

  const Matrix& A() const { return A_; }
  const Vector& b() const { return b_; }

 private:
  void refactor();  // recompute the LU factors after A changes

  Matrix A_;
  Vector b_;
  Eigen::PartialPivLU<Matrix> lu_;
  double logAbsDet_ = 0.0;
};

}  // namespace flowlab
