#include "core/bijectors/bijector_1d.h"

#include <cmath>

namespace flowlab {

Vector Bijector1D::derivative(const Vector& z) const {
  Vector slope(z.size());
  for (Eigen::Index i = 0; i < z.size(); ++i) slope(i) = derivativeScalar(z(i));
  return slope;
}

Transformed Bijector1D::forward(const Batch& z) const {
  detail::requireColumns(z, 1, type().c_str());
  Transformed out{Batch(z.rows(), 1), Vector(z.rows())};
  for (Eigen::Index i = 0; i < z.rows(); ++i) out.value(i, 0) = forwardScalar(z(i, 0), out.logAbsDet(i));
  return out;
}

Transformed Bijector1D::inverse(const Batch& x) const {
  detail::requireColumns(x, 1, type().c_str());
  Transformed out{Batch(x.rows(), 1), Vector(x.rows())};
  for (Eigen::Index i = 0; i < x.rows(); ++i) out.value(i, 0) = inverseScalar(x(i, 0), out.logAbsDet(i));
  return out;
}

Matrix Bijector1D::jacobianAt(const Vector& z) const { return Matrix::Constant(1, 1, derivativeScalar(z(0))); }

}  // namespace flowlab
