#include "core/bijectors/leaky_relu_1d.h"

#include <cmath>

namespace flowlab {

double LeakyRelu1D::forwardScalar(double z, double& logAbsDet) const {
  if (z >= 0.0) {
    logAbsDet = 0.0;
    return z;
  }
  logAbsDet = std::log(alpha_);
  return alpha_ * z;
}

double LeakyRelu1D::inverseScalar(double x, double& logAbsDet) const {
  // With α > 0, f keeps the sign of z, so the branch is read off x.
  if (x >= 0.0) {
    logAbsDet = 0.0;
    return x;
  }
  logAbsDet = -std::log(alpha_);
  return x / alpha_;
}

Status LeakyRelu1D::validate() const {
  if (Status s = detail::requireFinite(parameters()); !s.ok()) return s;
  if (!(alpha_ > 0.0)) return Status::error("negative slope alpha = " + detail::formatNumber(alpha_) + " must be > 0");
  return Status::okStatus();
}

std::vector<Parameter> LeakyRelu1D::parameters() const {
  return {{"alpha", alpha_, 0.05, 3.0, "slope for z < 0; must be > 0"}};
}

void LeakyRelu1D::setParameter(int index, double value) {
  detail::requireParameterIndex(index, 1, "leaky_relu");
  alpha_ = value;
}

}  // namespace flowlab
