// Sinh-arcsinh warp (Jones & Pewsey 2009): skews and changes the tail weight of a distribution.
#pragma once

#include "core/bijectors/bijector_1d.h"

namespace flowlab {

// SinhArcsinh1D, generative form of Jones & Pewsey 2009, eq. 2 (X = S^-1_{ε,δ}(Z)):
//   x = sinh((asinh(z) + ε) / δ),   z = sinh(δ asinh(x) - ε),
//   log f'(z) = log cosh(u) - log δ - ½ log(1 + z²),  u = (asinh(z) + ε) / δ.
// ε > 0 skews the base to the right; δ < 1 gives heavier tails than the base, δ > 1 lighter.
// δ = 1, ε = 0 is the identity. Invalid unless δ > 0.
class SinhArcsinh1D : public Bijector1D {
 public:
  SinhArcsinh1D(double epsilon = 0.0, double delta = 1.0) : epsilon_(epsilon), delta_(delta) {}

  double forwardScalar(double z, double& logAbsDet) const override;
  double inverseScalar(double x, double& logAbsDet) const override;
  double derivativeScalar(double z) const override;
  // inverseScalar's formulas over the whole batch, the transcendentals in SIMD lanes (the same
  // results to a few ulp); Bijector1D::inverse is the point-by-point path.
  Transformed inverse(const Batch& x) const override;

  std::string type() const override { return "sinh_arcsinh"; }
  std::string name() const override { return "sinh-arcsinh  x = sinh((asinh z + ε)/δ)"; }
  Status validate() const override;
  std::vector<Parameter> parameters() const override;
  void setParameter(int index, double value) override;
  std::unique_ptr<Bijector> clone() const override { return std::make_unique<SinhArcsinh1D>(*this); }

 private:
  double epsilon_, delta_;
};

}  // namespace flowlab
