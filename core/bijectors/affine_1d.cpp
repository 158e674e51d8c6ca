#include "core/bijectors/affine_1d.h"

#include <cmath>

namespace flowlab {

double Affine1D::forwardScalar(double z, double& logAbsDet) const {
  logAbsDet = std::log(std::abs(a_));
  return a_ * z + b_;
}

double Affine1D::inverseScalar(double x, double& logAbsDet) const {
  logAbsDet = -std::log(std::abs(a_));
  return (x - b_) / a_;
}

Status Affine1D::validate() const {
  if (Status s = detail::requireFinite(parameters()); !s.ok()) return s;
  if (a_ == 0.0) return Status::error("singular: a = 0");
  return Status::okStatus();
}

std::vector<Parameter> Affine1D::parameters() const {
  return {{"a", a_, -3.0, 3.0, "scale; must be nonzero (a < 0 flips the line)"},
          {"b", b_, -3.0, 3.0, "shift"}};
}

void Affine1D::setParameter(int index, double value) {
  detail::requireParameterIndex(index, 2, "affine");
  (index == 0 ? a_ : b_) = value;
}

}  // namespace flowlab
