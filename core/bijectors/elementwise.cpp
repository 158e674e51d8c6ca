#include "core/bijectors/elementwise.h"

#include <stdexcept>
#include <string>
#include <utility>

#include "core/bijectors/checks.h"

namespace flowlab {
namespace {

Transformed columnwise(const std::vector<BijectorPtr>& maps, const Batch& in, bool forward) {
  Transformed out{Batch(in.rows(), in.cols()), Vector::Zero(in.rows())};
  for (std::size_t j = 0; j < maps.size(); ++j) {
    const Batch column = in.col(static_cast<Eigen::Index>(j));
    const Transformed t = forward ? maps[j]->forward(column) : maps[j]->inverse(column);
    out.value.col(static_cast<Eigen::Index>(j)) = t.value.col(0);
    out.logAbsDet += t.logAbsDet;
  }
  return out;
}

}  // namespace

Elementwise::Elementwise(std::vector<BijectorPtr> perCoordinate) : perCoordinate_(std::move(perCoordinate)) {
  if (perCoordinate_.empty())
    throw std::invalid_argument("elementwise: needs one 1D bijector per coordinate, got none");
  for (std::size_t j = 0; j < perCoordinate_.size(); ++j)
    if (!perCoordinate_[j] || perCoordinate_[j]->dim() != 1)
      throw std::invalid_argument("elementwise: coordinate " + std::to_string(j) +
                                  " needs a 1D bijector (e.g. Sine1D), got " +
                                  (perCoordinate_[j] ? "dim " + std::to_string(perCoordinate_[j]->dim()) : "null"));
}

Elementwise::Elementwise(const Elementwise& other) : Bijector(other) {
  for (const BijectorPtr& b : other.perCoordinate_) perCoordinate_.push_back(b->clone());
}

Elementwise& Elementwise::operator=(const Elementwise& other) {
  if (this != &other) perCoordinate_ = std::move(Elementwise(other).perCoordinate_);
  return *this;
}

Transformed Elementwise::forward(const Batch& z) const {
  detail::requireColumns(z, dim(), "elementwise");
  return columnwise(perCoordinate_, z, true);
}

Transformed Elementwise::inverse(const Batch& x) const {
  detail::requireColumns(x, dim(), "elementwise");
  return columnwise(perCoordinate_, x, false);
}

Matrix Elementwise::jacobianAt(const Vector& z) const {
  Matrix jacobian = Matrix::Zero(dim(), dim());
  for (int j = 0; j < dim(); ++j) jacobian(j, j) = perCoordinate_[j]->jacobianAt(z.segment(j, 1))(0, 0);
  return jacobian;
}

Status Elementwise::validate() const {
  for (int j = 0; j < dim(); ++j)
    if (Status s = perCoordinate_[j]->validate(); !s.ok())
      return s.withContext("coordinate " + std::to_string(j) + " (" + perCoordinate_[j]->type() + ")");
  return Status::okStatus();
}

std::vector<Parameter> Elementwise::parameters() const {
  std::vector<Parameter> out;
  for (int j = 0; j < dim(); ++j)
    for (Parameter p : perCoordinate_[j]->parameters()) {
      p.name = std::to_string(j) + "." + p.name;
      out.push_back(std::move(p));
    }
  return out;
}

void Elementwise::setParameter(int index, double value) {
  int offset = index;
  for (const BijectorPtr& b : perCoordinate_) {
    const int count = static_cast<int>(b->parameters().size());
    if (offset >= 0 && offset < count) return b->setParameter(offset, value);
    offset -= count;
  }
  detail::requireParameterIndex(index, static_cast<int>(parameters().size()), "elementwise");
}

}  // namespace flowlab
