// NICE additive coupling layer (Dinh et al. 2014, eq. 6): volume preserving.
#pragma once

#include <utility>

#include "core/bijectors/coupling_layer.h"

namespace flowlab {

// AdditiveCoupling: x_kept = z_kept, x_rest = z_rest + t(z_kept); log|det J| = 0.
// Only the conditioner's shift is used; its log-scale output is ignored (so a
// ParametricConditioner's s0, s1 have no effect here).
class AdditiveCoupling : public CouplingLayer {
 public:
  AdditiveCoupling(int dim, std::vector<int> kept, std::unique_ptr<Conditioner> conditioner)
      : CouplingLayer(dim, std::move(kept), std::move(conditioner), "additive_coupling") {}

  Transformed forward(const Batch& z) const override;  // z: N by dim
  Transformed inverse(const Batch& x) const override;  // x: N by dim
  std::string type() const override { return "additive_coupling"; }
  std::string name() const override { return "additive coupling  x_b = z_b + t(z_a)"; }
  std::unique_ptr<Bijector> clone() const override { return std::make_unique<AdditiveCoupling>(*this); }

 protected:
  Vector restSlope(const Vector& logScale) const override { return Vector::Ones(logScale.size()); }

 private:
  Transformed shifted(const Batch& in, double sign) const;  // in + sign·t on the rest columns
};

}  // namespace flowlab
