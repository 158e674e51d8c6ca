// Shared part of the coupling layers (NICE, RealNVP): the kept/rest split and the conditioner.
#pragma once

#include <memory>
#include <vector>

#include "core/bijector.h"
#include "core/bijectors/conditioner.h"

namespace flowlab {

// CouplingLayer: x_kept = z_kept, x_rest = τ(z_rest; c(z_kept)) with τ elementwise and invertible,
// so J is block triangular with an identity kept block (Dinh et al. 2014, 2017).
// Subclasses choose τ. Extension points, deliberately left unimplemented:
//  - d-dim spline coupling (Durkan et al. 2019): τ = rqForward/rqInverse of rational_quadratic.h
//    on per-point knots; its conditioner would output (3K + 1) numbers per rest coordinate
//    (widths, heights, interior derivatives), which needs a knot-producing Conditioner method.
//  - MAF / IAF (Papamakarios 2017, Kingma 2016): not a subclass, since each x_i depends on z_<i (or
//    x_<i); an AutoregressiveLayer with a masked (MADE) conditioner and the same τ would sit beside
//    this class, with a d-step sequential inverse.
class CouplingLayer : public Bijector {
 public:
  // kept: distinct coordinates in [0, dim) that pass through unchanged (not empty, not all).
  // Throws std::invalid_argument on a bad split, a null conditioner or conditioner dims other than
  // (kept.size() -> dim - kept.size()).
  CouplingLayer(int dim, std::vector<int> kept, std::unique_ptr<Conditioner> conditioner, const char* who);
  CouplingLayer(const CouplingLayer& other);
  CouplingLayer& operator=(const CouplingLayer&) = delete;

  int dim() const override { return dim_; }
  Status validate() const override;                           // the conditioner's, with context
  std::vector<Parameter> parameters() const override;         // the conditioner's
  void setParameter(int index, double value) override;        // forwarded to the conditioner
  // Kept rows exactly e_i, rest-rest block the exact diagonal τ', rest-kept block by central
  // differences through the conditioner (h = 1e-6·max(1, |z_j|)).
  Matrix jacobianAt(const Vector& z) const override;

  const std::vector<int>& kept() const { return kept_; }
  const std::vector<int>& rest() const { return rest_; }
  const Conditioner& conditioner() const { return *conditioner_; }

 protected:
  // Columns `indices` of a batch, in order: N by indices.size().
  static Batch gather(const Batch& batch, const std::vector<int>& indices);
  // logScale and shift (N by rest) of the conditioner at the kept columns of a batch.
  void condition(const Batch& batch, Batch& logScale, Batch& shift) const;
  // dτ/dz_rest at one point (length rest), given the conditioner's log-scale there.
  virtual Vector restSlope(const Vector& logScale) const = 0;

 private:
  int dim_;
  std::vector<int> kept_, rest_;
  std::unique_ptr<Conditioner> conditioner_;
};

}  // namespace flowlab
