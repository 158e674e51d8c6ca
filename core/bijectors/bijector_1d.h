// Common base of the scalar bijectors (dim 1): batch loops, Jacobian and f' for the 1D lab.
#pragma once

#include "core/bijector.h"
#include "core/bijectors/checks.h"

namespace flowlab {

class Bijector1D : public Bijector {
 public:
  // x = f(z) for one scalar; writes log|f'(z)|.
  virtual double forwardScalar(double z, double& logAbsDet) const = 0;
  // z = f^-1(x) for one scalar; writes log|(f^-1)'(x)| = -log|f'(z)|.
  virtual double inverseScalar(double x, double& logAbsDet) const = 0;
  // Signed f'(z). Unlike logAbsDet it stays meaningful for invalid parameters, where it is <= 0
  // somewhere: the 1D lab highlights exactly those z.
  virtual double derivativeScalar(double z) const = 0;

  // f'(z) at each entry of z (length N), for plotting.
  Vector derivative(const Vector& z) const;

  Transformed forward(const Batch& z) const override;  // z: N by 1
  Transformed inverse(const Batch& x) const override;  // x: N by 1
  int dim() const final { return 1; }
  Matrix jacobianAt(const Vector& z) const override;  // the 1 by 1 matrix f'(z)
};

}  // namespace flowlab
