#include "core/bijectors/lu_linear.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>
#include <utility>

#include "core/bijectors/checks.h"

namespace flowlab {
namespace {

// Strictly lower entries of L, row by row, then upper entries of U (with diagonal), row by row.
std::vector<std::pair<int, int>> lowerSlots(int d) {
  std::vector<std::pair<int, int>> slots;
  for (int i = 1; i < d; ++i)
    for (int j = 0; j < i; ++j) slots.emplace_back(i, j);
  return slots;
}

std::vector<std::pair<int, int>> upperSlots(int d) {
  std::vector<std::pair<int, int>> slots;
  for (int i = 0; i < d; ++i)
    for (int j = i; j < d; ++j) slots.emplace_back(i, j);
  return slots;
}

}  // namespace

LuLinear::LuLinear(std::vector<int> permutation, Matrix lower, Matrix upper, Vector b)
    : permutation_(std::move(permutation)), lower_(std::move(lower)), upper_(std::move(upper)), b_(std::move(b)) {
  const auto d = static_cast<Eigen::Index>(permutation_.size());
  std::vector<int> sorted = permutation_;
  std::sort(sorted.begin(), sorted.end());
  std::vector<int> expected(sorted.size());
  std::iota(expected.begin(), expected.end(), 0);
  if (d == 0 || sorted != expected)
    throw std::invalid_argument("lu_linear: permutation must list each of 0..d-1 once (d >= 1)");
  if (lower_.rows() != d || lower_.cols() != d || upper_.rows() != d || upper_.cols() != d || b_.size() != d)
    throw std::invalid_argument("lu_linear: lower and upper must be d by d and b of length d, d = " +
                                std::to_string(d) + " from the permutation");
  const Matrix unitLowerPart = Matrix(lower_.triangularView<Eigen::StrictlyLower>()) + Matrix::Identity(d, d);
  const bool unitLower = (lower_ - unitLowerPart).isZero(0.0);
  const bool upperOnly = Matrix(upper_.triangularView<Eigen::StrictlyLower>()).isZero(0.0);
  if (!unitLower || !upperOnly)
    throw std::invalid_argument("lu_linear: lower must be unit lower triangular (ones on the diagonal, zeros above) "
                                "and upper must be zero below the diagonal");
}

LuLinear LuLinear::identity(int dim) {
  std::vector<int> permutation(std::max(dim, 0));
  std::iota(permutation.begin(), permutation.end(), 0);
  return LuLinear(permutation, Matrix::Identity(dim, dim), Matrix::Identity(dim, dim), Vector::Zero(dim));
}

Matrix LuLinear::weight() const {
  const Matrix lu = lower_ * upper_;
  Matrix w(dim(), dim());
  for (int i = 0; i < dim(); ++i) w.row(i) = lu.row(permutation_[i]);
  return w;
}

Transformed LuLinear::forward(const Batch& z) const {
  detail::requireColumns(z, dim(), "lu_linear");
  if (z.rows() == 0) return Transformed{Batch(0, dim()), Vector(0)};  // triangular solves need a column
  // Rows are points: (L U z)ᵀ = zᵀ Uᵀ Lᵀ, applied to all rows at once.
  const Batch lu = z * upper_.triangularView<Eigen::Upper>().transpose() *
                   lower_.triangularView<Eigen::UnitLower>().transpose();
  Transformed out{Batch(z.rows(), z.cols()), Vector::Constant(z.rows(), upper_.diagonal().cwiseAbs().array().log().sum())};
  for (int i = 0; i < dim(); ++i) out.value.col(i) = lu.col(permutation_[i]).array() + b_(i);
  return out;
}

Transformed LuLinear::inverse(const Batch& x) const {
  detail::requireColumns(x, dim(), "lu_linear");
  if (x.rows() == 0) return Transformed{Batch(0, dim()), Vector(0)};
  Matrix unpermuted(dim(), x.rows());  // d by N: column n is P^-1 (x_n - b)
  for (int i = 0; i < dim(); ++i) unpermuted.row(permutation_[i]) = (x.col(i).array() - b_(i)).matrix().transpose();
  lower_.triangularView<Eigen::UnitLower>().solveInPlace(unpermuted);
  upper_.triangularView<Eigen::Upper>().solveInPlace(unpermuted);
  return {unpermuted.transpose(), Vector::Constant(x.rows(), -upper_.diagonal().cwiseAbs().array().log().sum())};
}

Status LuLinear::validate() const {
  if (Status s = detail::requireFinite(parameters()); !s.ok()) return s;
  for (int i = 0; i < dim(); ++i)
    if (upper_(i, i) == 0.0) return Status::error("singular: " + detail::indexedName("U", i, i) + " = 0");
  return Status::okStatus();
}

std::vector<Parameter> LuLinear::parameters() const {
  std::vector<Parameter> out;
  for (const auto& [i, j] : lowerSlots(dim()))
    out.push_back({detail::indexedName("L", i, j), lower_(i, j), -3.0, 3.0, "unit lower factor entry"});
  for (const auto& [i, j] : upperSlots(dim()))
    out.push_back({detail::indexedName("U", i, j), upper_(i, j), -3.0, 3.0,
                   i == j ? "diagonal of U: log|det| = Σ log|U_ii|, must be nonzero" : "upper factor entry"});
  for (int i = 0; i < dim(); ++i) out.push_back({detail::indexedName("b", i), b_(i), -3.0, 3.0, "shift"});
  return out;
}

void LuLinear::setParameter(int index, double value) {
  const auto lower = lowerSlots(dim()), upper = upperSlots(dim());
  const int nLower = static_cast<int>(lower.size()), nUpper = static_cast<int>(upper.size());
  detail::requireParameterIndex(index, nLower + nUpper + dim(), "lu_linear");
  if (index < nLower)
    lower_(lower[index].first, lower[index].second) = value;
  else if (index < nLower + nUpper)
    upper_(upper[index - nLower].first, upper[index - nLower].second) = value;
  else
    b_(index - nLower - nUpper) = value;
}

}  // namespace flowlab
