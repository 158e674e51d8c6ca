#include "core/bijectors/linear.h"

#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>

#include "core/bijectors/checks.h"

namespace flowlab {

Linear::Linear(Matrix A, Vector b) : A_(std::move(A)), b_(std::move(b)) {
  if (A_.rows() == 0 || A_.rows() != A_.cols() || b_.size() != A_.rows())
    throw std::invalid_argument("linear: A must be d by d and b of length d (got A " + std::to_string(A_.rows()) +
                                " by " + std::to_string(A_.cols()) + ", b of length " + std::to_string(b_.size()) +
                                "); use Linear(Matrix::Identity(d, d), Vector::Zero(d)) as a start");
  refactor();
}

Linear Linear::rotation(double theta) {
  Matrix A(2, 2);
  A << std::cos(theta), -std::sin(theta), std::sin(theta), std::cos(theta);
  return Linear(A, Vector::Zero(2));
}

Linear Linear::shear(double k) {
  Matrix A(2, 2);
  A << 1.0, k, 0.0, 1.0;
  return Linear(A, Vector::Zero(2));
}

Linear Linear::scale(double sx, double sy) {
  Matrix A = Matrix::Zero(2, 2);
  A(0, 0) = sx;
  A(1, 1) = sy;
  return Linear(A, Vector::Zero(2));
}

void Linear::refactor() {
  lu_.compute(A_);
  // log|det A| from the LU diagonal, so large d cannot overflow det itself.
  logAbsDet_ = lu_.matrixLU().diagonal().cwiseAbs().array().log().sum();
}

Transformed Linear::forward(const Batch& z) const {
  detail::requireColumns(z, dim(), "linear");
  Transformed out{(z * A_.transpose()).rowwise() + b_.transpose(), Vector::Constant(z.rows(), logAbsDet_)};
  return out;
}

Transformed Linear::inverse(const Batch& x) const {
  detail::requireColumns(x, dim(), "linear");
  // Eigen's triangular solve binds a reference to the data of an empty right-hand side (null).
  if (x.rows() == 0) return Transformed{Batch(0, dim()), Vector(0)};
  // Rows are points, so solve A Z^T = (X - b)^T for all points at once.
  const Batch centred = x.rowwise() - b_.transpose();
  Transformed out{lu_.solve(centred.transpose()).transpose(), Vector::Constant(x.rows(), -logAbsDet_)};
  return out;
}

Status Linear::validate() const {
  if (Status s = detail::requireFinite(parameters()); !s.ok()) return s;
  const double scale = A_.cwiseAbs().maxCoeff();
  // Relative test: det scales like scale^d, so an absolute threshold would flag tiny but
  // well-conditioned matrices and miss huge nearly singular ones. In logs (from the LU diagonal),
  // so a matrix scaled by 1e200 is not called singular because det A overflows to inf.
  if (!(logAbsDet_ > std::log(1e-12) + dim() * std::log(scale))) {
    const double det = A_.determinant();
    if (det == 0.0 || !std::isfinite(logAbsDet_)) return Status::error("singular: det A = 0");
    if (std::isfinite(det) && det != 0.0) return Status::error("singular: det A = " + detail::formatNumber(det));
    return Status::error("singular: |det A| = e^" + detail::formatNumber(logAbsDet_) + ", tiny for entries as large as " +
                         detail::formatNumber(scale));
  }
  return Status::okStatus();
}

std::vector<Parameter> Linear::parameters() const {
  std::vector<Parameter> out;
  const int d = dim();
  for (int i = 0; i < d; ++i)
    for (int j = 0; j < d; ++j)
      out.push_back({detail::indexedName("A", i, j), A_(i, j), -3.0, 3.0,
                     "matrix entry row " + std::to_string(i) + ", column " + std::to_string(j)});
  for (int i = 0; i < d; ++i) out.push_back({detail::indexedName("b", i), b_(i), -3.0, 3.0, "shift"});
  return out;
}

void Linear::setParameter(int index, double value) {
  const int d = dim();
  detail::requireParameterIndex(index, d * d + d, "linear");
  if (index < d * d) {
    A_(index / d, index % d) = value;
    refactor();
  } else {
    b_(index - d * d) = value;
  }
}

}  // namespace flowlab
