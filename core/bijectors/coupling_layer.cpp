#include "core/bijectors/coupling_layer.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>

namespace flowlab {

CouplingLayer::CouplingLayer(int dim, std::vector<int> kept, std::unique_ptr<Conditioner> conditioner,
                             const char* who)
    : dim_(dim), kept_(std::move(kept)), conditioner_(std::move(conditioner)) {
  const std::string name(who);
  std::vector<bool> isKept(std::max(dim_, 0), false);
  for (int j : kept_) {
    if (j < 0 || j >= dim_ || isKept[j])
      throw std::invalid_argument(name + ": kept coordinate " + std::to_string(j) +
                                  " is out of range or repeated; list distinct indices in [0, " + std::to_string(dim_) +
                                  ")");
    isKept[j] = true;
  }
  for (int j = 0; j < dim_; ++j)
    if (!isKept[j]) rest_.push_back(j);
  if (kept_.empty() || rest_.empty())
    throw std::invalid_argument(name + ": keep at least one and at most dim - 1 coordinates (dim = " +
                                std::to_string(dim_) + ", kept " + std::to_string(kept_.size()) + ")");
  if (!conditioner_) throw std::invalid_argument(name + ": the conditioner is null");
  if (conditioner_->inDim() != static_cast<int>(kept_.size()) || conditioner_->outDim() != static_cast<int>(rest_.size()))
    throw std::invalid_argument(name + ": the conditioner maps " + std::to_string(conditioner_->inDim()) + " -> " +
                                std::to_string(conditioner_->outDim()) + " but the split needs " +
                                std::to_string(kept_.size()) + " -> " + std::to_string(rest_.size()));
}

CouplingLayer::CouplingLayer(const CouplingLayer& other)
    : Bijector(other), dim_(other.dim_), kept_(other.kept_), rest_(other.rest_), conditioner_(other.conditioner_->clone()) {}

Status CouplingLayer::validate() const {
  return conditioner_->validate().withContext("conditioner (" + conditioner_->type() + ")");
}

std::vector<Parameter> CouplingLayer::parameters() const { return conditioner_->parameters(); }

void CouplingLayer::setParameter(int index, double value) { conditioner_->setParameter(index, value); }

Batch CouplingLayer::gather(const Batch& batch, const std::vector<int>& indices) {
  Batch out(batch.rows(), static_cast<Eigen::Index>(indices.size()));
  for (std::size_t k = 0; k < indices.size(); ++k) out.col(static_cast<Eigen::Index>(k)) = batch.col(indices[k]);
  return out;
}

void CouplingLayer::condition(const Batch& batch, Batch& logScale, Batch& shift) const {
  conditioner_->compute(gather(batch, kept_), logScale, shift);
}

Matrix CouplingLayer::jacobianAt(const Vector& z) const {
  Matrix jacobian = Matrix::Zero(dim_, dim_);
  Batch points(2 * kept_.size(), dim_);
  for (std::size_t k = 0; k < kept_.size(); ++k) {
    const int j = kept_[k];
    const double h = 1e-6 * std::max(1.0, std::abs(z(j)));
    points.row(2 * k) = z.transpose();
    points.row(2 * k + 1) = z.transpose();
    points(2 * k, j) += h;
    points(2 * k + 1, j) -= h;
  }
  const Batch x = forward(points).value;
  for (std::size_t k = 0; k < kept_.size(); ++k) {
    const int j = kept_[k];
    const double step = points(2 * k, j) - points(2 * k + 1, j);
    for (int r : rest_) jacobian(r, j) = (x(2 * k, r) - x(2 * k + 1, r)) / step;
    jacobian(j, j) = 1.0;
  }
  Batch logScale, shift;
  condition(z.transpose(), logScale, shift);
  const Vector slope = restSlope(logScale.row(0).transpose());
  for (std::size_t k = 0; k < rest_.size(); ++k) jacobian(rest_[k], rest_[k]) = slope(static_cast<Eigen::Index>(k));
  return jacobian;
}

}  // namespace flowlab
