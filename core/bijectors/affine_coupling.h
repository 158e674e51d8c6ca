// RealNVP affine coupling layer (Dinh et al. 2017, eq. 7-8).
#pragma once

#include <utility>

#include "core/bijectors/coupling_layer.h"

namespace flowlab {

// AffineCoupling: x_kept = z_kept, x_rest = z_rest ⊙ exp(s(z_kept)) + t(z_kept),
// log|det J| = Σ s (eq. 6). Inverse: z_rest = (x_rest - t(x_kept)) ⊙ exp(-s(x_kept)).
// (s, t) come from the conditioner; any bound on s is the conditioner's job.
class AffineCoupling : public CouplingLayer {
 public:
  AffineCoupling(int dim, std::vector<int> kept, std::unique_ptr<Conditioner> conditioner)
      : CouplingLayer(dim, std::move(kept), std::move(conditioner), "affine_coupling") {}

  Transformed forward(const Batch& z) const override;  // z: N by dim
  Transformed inverse(const Batch& x) const override;  // x: N by dim
  std::string type() const override { return "affine_coupling"; }
  std::string name() const override { return "affine coupling  x_b = z_b·exp(s(z_a)) + t(z_a)"; }
  std::unique_ptr<Bijector> clone() const override { return std::make_unique<AffineCoupling>(*this); }

 protected:
  Vector restSlope(const Vector& logScale) const override { return logScale.array().exp().matrix(); }
};

}  // namespace flowlab
