// Scalar sine warp x = z + a·sin(ω z + φ): a periodic wiggle, invertible iff |a·ω| < 1.
#pragma once

#include <optional>

#include "core/bijectors/bijector_1d.h"
#include "core/bijectors/inverse_solver.h"

namespace flowlab {

// Sine1D: f(z) = z + a sin(ω z + φ), f'(z) = 1 + a ω cos(ω z + φ) >= 1 - |a ω| > 0 when valid.
// The inverse has no closed form: safeguarded Newton on f(z) = x, bracketed by z ∈ [x - |a|, x + |a|]
// (|a sin| <= |a|), to 1e-12.
class Sine1D : public Bijector1D {
 public:
  Sine1D(double a = 0.5, double omega = 1.0, double phi = 0.0) : a_(a), omega_(omega), phi_(phi) {}

  double forwardScalar(double z, double& logAbsDet) const override;
  double inverseScalar(double x, double& logAbsDet) const override;
  double derivativeScalar(double z) const override;
  // A register of points' Newton iterations at a time in SIMD lanes, sin and cos there too (the same
  // decisions as inverseScalar, so the same results to rounding).
  Transformed inverse(const Batch& x) const override;
  // The inverse with a chosen solver: the earlier ones stay callable for benches and tests
  // (PointByPoint is inverseScalar on every point).
  Transformed inverseWith(const Batch& x, InverseSolver solver) const;

  // Smallest z >= 0 with f'(z) <= 0, or none when |a ω| < 1 (what validate() reports).
  std::optional<double> firstNonIncreasingPoint() const;

  std::string type() const override { return "sine"; }
  std::string name() const override { return "sine  x = z + a·sin(ωz + φ)"; }
  Status validate() const override;
  std::vector<Parameter> parameters() const override;
  void setParameter(int index, double value) override;
  std::unique_ptr<Bijector> clone() const override { return std::make_unique<Sine1D>(*this); }

 private:
  double a_, omega_, phi_;
};

}  // namespace flowlab
