// The one bijector contract.
//
// Direction convention (FlowLab-wide): FORWARD is generative, base to data, x = f(z).
// INVERSE is data to base, z = f^-1(x). Batches are N by D, one row per point (core/types.h).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/parameter.h"
#include "core/status.h"
#include "core/types.h"

namespace flowlab {

class Bijector {
 public:
  virtual ~Bijector() = default;

  // z -> x = f(z), with log|det dx/dz| per row.
  virtual Transformed forward(const Batch& z) const = 0;
  // x -> z = f^-1(x), with log|det dz/dx| per row (= -forward(z).logAbsDet at z = f^-1(x)).
  virtual Transformed inverse(const Batch& x) const = 0;

  virtual int dim() const = 0;
  // Scene-file type name, e.g. "affine", "planar", "affine_coupling".
  virtual std::string type() const = 0;
  // Human-readable name for labels, e.g. "sine  x = z + a·sin(ωz + φ)".
  virtual std::string name() const { return type(); }

  // ok() when the parameters define a bijection; otherwise why and where, e.g.
  // "not invertible: f'(z) <= 0 near z = 1.57", "singular: det A = 0". NaN/inf parameters are invalid.
  // forward/inverse may be called only on valid bijectors (results are unspecified otherwise).
  virtual Status validate() const = 0;

  // Editable scalar parameters, in a fixed order; setParameter(i, v) changes the i-th.
  // Bijectors whose parameters are learned weights (MLP conditioners) may expose none.
  virtual std::vector<Parameter> parameters() const = 0;
  virtual void setParameter(int index, double value) = 0;

  virtual std::unique_ptr<Bijector> clone() const = 0;
};

using BijectorPtr = std::unique_ptr<Bijector>;

}  // namespace flowlab
