#include "core/bijectors/swap.h"

#include <stdexcept>
#include <string>

#include "core/bijectors/checks.h"

namespace flowlab {

Swap::Swap(int dim) : dim_(dim) {
  if (dim < 1) throw std::invalid_argument("swap: dim must be >= 1, got " + std::to_string(dim));
}

Transformed Swap::forward(const Batch& z) const {
  detail::requireColumns(z, dim_, "swap");
  return {z.rowwise().reverse(), Vector::Zero(z.rows())};
}

Transformed Swap::inverse(const Batch& x) const { return forward(x); }

void Swap::setParameter(int index, double) { detail::requireParameterIndex(index, 0, "swap"); }

Matrix Swap::jacobianAt(const Vector&) const { return Matrix::Identity(dim_, dim_).rowwise().reverse(); }

}  // namespace flowlab
