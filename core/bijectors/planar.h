// Planar flow (Rezende & Mohamed 2015, eq. 10-12): a single-neuron residual map.
#pragma once

#include "core/bijector.h"
#include "core/bijectors/inverse_solver.h"

namespace flowlab {

// Planar: x = z + u tanh(wᵀz + b), with u, w in R^d.
// log|det J| = log|1 + tanh'(wᵀz + b) wᵀu| (matrix determinant lemma, eq. 12).
// Invertible iff wᵀu >= -1 (Rezende & Mohamed, appendix A). Rather than their û reparametrisation,
// validate() reports the violation so the editor can show it ("planar: w·u = -1.3 < -1").
// Inverse: with a = wᵀz + b, the point solves the scalar monotone equation
//   a + (wᵀu) tanh(a) = wᵀx + b  on  a ∈ [wᵀx + b - |wᵀu|, wᵀx + b + |wᵀu|],
// solved to 1e-12 by the safeguarded Newton of root_finding.h, one register of points at a time in SIMD lanes
// (batch_root_finding.h); then z = x - u tanh(a).
// Parameters: "u0".."u{d-1}", "w0".."w{d-1}", "b".
class Planar : public Bijector {
 public:
  // Throws std::invalid_argument unless u and w have the same length >= 1.
  Planar(Vector u, Vector w, double b);

  Transformed forward(const Batch& z) const override;  // z: N by d
  Transformed inverse(const Batch& x) const override;  // x: N by d; the lane solver
  // The inverse with a chosen solver: the earlier ones stay callable for benches and tests.
  Transformed inverseWith(const Batch& x, InverseSolver solver) const;
  int dim() const override { return static_cast<int>(u_.size()); }
  std::string type() const override { return "planar"; }
  std::string name() const override { return "planar  x = z + u·tanh(wᵀz + b)"; }
  Status validate() const override;
  std::vector<Parameter> parameters() const override;
  void setParameter(int index, double value) override;
  std::unique_ptr<Bijector> clone() const override { return std::make_unique<Planar>(*this); }
  Matrix jacobianAt(const Vector& z) const override;  // I + tanh'(wᵀz + b) u wᵀ

 private:
  Vector u_, w_;
  double b_;
};

}  // namespace flowlab
