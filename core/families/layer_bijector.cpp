#include "core/families/layer_bijector.h"

#include <algorithm>
#include <cmath>

#include "core/flow/flow.h"

namespace flowlab {

TrainedLayerBijector::TrainedLayerBijector(const TrainableLayer& layer, const double* params, bool inverted)
    : layer_(layer.clone()), params_(params, params + layer.paramCount()), inverted_(inverted) {}

Transformed TrainedLayerBijector::forward(const Batch& z) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return inverted_ ? layer_->inverse(params_.data(), z) : layer_->forward(params_.data(), z);
}

Transformed TrainedLayerBijector::inverse(const Batch& x) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return inverted_ ? layer_->forward(params_.data(), x) : layer_->inverse(params_.data(), x);
}

Status TrainedLayerBijector::validate() const {
  for (std::size_t i = 0; i < params_.size(); ++i)
    if (!std::isfinite(params_[i])) return Status::error("weight " + std::to_string(i + 1) + " is not finite");
  return Status::okStatus();
}

Matrix TrainedLayerBijector::jacobianAt(const Vector& z) const {
  const int d = dim();
  Matrix jacobian(d, d);
  for (int j = 0; j < d; ++j) {
    const double h = 1e-6 * std::max(1.0, std::abs(z(j)));
    Batch up = z.transpose(), down = z.transpose();
    up(0, j) += h;
    down(0, j) -= h;
    jacobian.col(j) = (forward(up).value - forward(down).value).transpose() / (up(0, j) - down(0, j));
  }
  return jacobian;
}

BijectorPtr TrainedLayerBijector::clone() const {
  return std::make_unique<TrainedLayerBijector>(*layer_, params_.data(), inverted_);
}

Flow toCoreFlow(const TrainableFlow& flow, const double* params) {
  Flow out(flow.dim());
  for (int k = 0; k < flow.layerCount(); ++k)
    out.append(std::make_unique<TrainedLayerBijector>(flow.layer(k), params + flow.offset(k)));
  return out;
}

Flow toReversedCoreFlow(const TrainableFlow& flow, const double* params) {
  Flow out(flow.dim());
  for (int k = flow.layerCount() - 1; k >= 0; --k)
    out.append(std::make_unique<TrainedLayerBijector>(flow.layer(k), params + flow.offset(k), true));
  return out;
}

}  // namespace flowlab
