// Radial flow (Rezende & Mohamed 2015, eq. 14): contracts or expands around a centre z0.
#pragma once

#include "core/bijector.h"
#include "core/bijectors/inverse_solver.h"

namespace flowlab {

// Radial: x = z + β h(r) (z - z0), h = 1/(α + r), r = |z - z0|.
// log|det J| = (d-1) log(1 + β h) + log(1 + β h + β h' r), h' = -1/(α + r)²   (eq. 14).
// Valid iff α > 0 and β >= -α. Inverse: the radius ρ = |x - z0| = r (α + β + r)/(α + r) gives the
// quadratic r² + (α + β - ρ) r - α ρ = 0, whose nonnegative root is taken in cancellation-free form
// (exact to rounding, well inside 1e-12); then z = z0 + (x - z0) (α + r)/(α + β + r).
// Parameters: "z0_0".."z0_{d-1}", "alpha", "beta".
class Radial : public Bijector {
 public:
  // Throws std::invalid_argument for an empty centre.
  Radial(Vector z0, double alpha, double beta);

  Transformed forward(const Batch& z) const override;  // z: N by d
  Transformed inverse(const Batch& x) const override;  // x: N by d, in array form over all points
  // InverseSolver::Lanes is inverse(); the others the earlier row-by-row loop (for benches and tests).
  Transformed inverseWith(const Batch& x, InverseSolver solver) const;
  int dim() const override { return static_cast<int>(z0_.size()); }
  std::string type() const override { return "radial"; }
  std::string name() const override { return "radial  x = z + β(z - z0)/(α + r)"; }
  Status validate() const override;
  std::vector<Parameter> parameters() const override;
  void setParameter(int index, double value) override;
  std::unique_ptr<Bijector> clone() const override { return std::make_unique<Radial>(*this); }
  Matrix jacobianAt(const Vector& z) const override;  // (1 + βh) I + β h' (z - z0)(z - z0)ᵀ / r

 private:
  double logAbsDetAtRadius(double r) const;
  Transformed inverseRowByRow(const Batch& x) const;

  Vector z0_;
  double alpha_, beta_;
};

}  // namespace flowlab
