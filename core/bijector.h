// The one bijector contract.
//
// Direction convention (FlowLab-wide): FORWARD is generative, base to data, x = f(z).
// INVERSE is data to base, z = f^-1(x). Batches are N by D, one row per point (core/types.h).
#pragma once

#include <algorithm>
#include <cmath>
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

  // D by D Jacobian dx/dz of forward at one point z (length D), for the Jacobian views.
  // Default: central differences (f(z + h e_j) - f(z - h e_j)) / 2h with h = 1e-6·max(1, |z_j|),
  // about 1e-9 accurate for smooth maps; bijectors with a closed form override it.
  virtual Matrix jacobianAt(const Vector& z) const {
    const int d = dim();
    Batch points(2 * d, d);
    for (int j = 0; j < d; ++j) {
      const double h = 1e-6 * std::max(1.0, std::abs(z(j)));
      points.row(2 * j) = z.transpose();
      points.row(2 * j + 1) = z.transpose();
      points(2 * j, j) += h;
      points(2 * j + 1, j) -= h;
    }
    const Batch x = forward(points).value;
    Matrix jacobian(d, d);
    for (int j = 0; j < d; ++j)
      jacobian.col(j) = (x.row(2 * j) - x.row(2 * j + 1)).transpose() / (points(2 * j, j) - points(2 * j + 1, j));
    return jacobian;
  }
};

using BijectorPtr = std::unique_ptr<Bijector>;

}  // namespace flowlab
