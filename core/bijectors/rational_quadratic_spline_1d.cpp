#include "core/bijectors/rational_quadratic_spline_1d.h"

#include <stdexcept>
#include <string>
#include <utility>

namespace flowlab {

RationalQuadraticSpline1D::RationalQuadraticSpline1D(std::vector<double> knotsZ, std::vector<double> knotsX,
                                                     std::vector<double> derivatives)
    : knotsZ_(std::move(knotsZ)), knotsX_(std::move(knotsX)), derivatives_(std::move(derivatives)) {
  if (knotsZ_.size() < 2 || knotsX_.size() != knotsZ_.size() || derivatives_.size() != knotsZ_.size())
    throw std::invalid_argument("spline: knotsZ, knotsX and derivatives must have the same length >= 2 (got " +
                                std::to_string(knotsZ_.size()) + ", " + std::to_string(knotsX_.size()) + ", " +
                                std::to_string(derivatives_.size()) + "); pass one entry per knot");
}

RationalQuadraticSpline1D RationalQuadraticSpline1D::identity(int bins, double bound) {
  if (bins < 1 || !(bound > 0.0))
    throw std::invalid_argument("spline identity: needs bins >= 1 and bound > 0");
  std::vector<double> knots(bins + 1);
  for (int k = 0; k <= bins; ++k) knots[k] = -bound + 2.0 * bound * k / bins;
  return RationalQuadraticSpline1D(knots, knots, std::vector<double>(bins + 1, 1.0));
}

double RationalQuadraticSpline1D::forwardScalar(double z, double& logAbsDet) const {
  return rqForward(knots(), z, logAbsDet);
}

double RationalQuadraticSpline1D::inverseScalar(double x, double& logAbsDet) const {
  return rqInverse(knots(), x, logAbsDet);
}

double RationalQuadraticSpline1D::derivativeScalar(double z) const { return rqDerivative(knots(), z); }

Status RationalQuadraticSpline1D::validate() const {
  if (Status s = detail::requireFinite(parameters()); !s.ok()) return s;
  using detail::formatNumber;
  for (int k = 1; k < knotCount(); ++k) {
    const std::string here = std::to_string(k), before = std::to_string(k - 1);
    if (!(knotsZ_[k] > knotsZ_[k - 1]))
      return Status::error("not monotone: knot " + here + " has z" + here + " = " + formatNumber(knotsZ_[k]) +
                           " <= z" + before + " = " + formatNumber(knotsZ_[k - 1]) + " (z must strictly increase)");
    if (!(knotsX_[k] > knotsX_[k - 1]))
      return Status::error("not monotone: knot " + here + " has x" + here + " = " + formatNumber(knotsX_[k]) +
                           " <= x" + before + " = " + formatNumber(knotsX_[k - 1]) + " (x must strictly increase)");
  }
  for (int k = 0; k < knotCount(); ++k)
    if (!(derivatives_[k] > 0.0))
      return Status::error("not monotone: knot " + std::to_string(k) + " has derivative d" + std::to_string(k) +
                           " = " + formatNumber(derivatives_[k]) + " (must be > 0)");
  return Status::okStatus();
}

std::vector<Parameter> RationalQuadraticSpline1D::parameters() const {
  std::vector<Parameter> out;
  out.reserve(3 * knotsZ_.size());
  for (int k = 0; k < knotCount(); ++k) {
    const std::string i = std::to_string(k);
    out.push_back({"z" + i, knotsZ_[k], -4.0, 4.0, "knot " + i + " position in z (base)"});
    out.push_back({"x" + i, knotsX_[k], -4.0, 4.0, "knot " + i + " position in x (data)"});
    out.push_back({"d" + i, derivatives_[k], 0.05, 4.0, "slope at knot " + i + "; must be > 0"});
  }
  return out;
}

void RationalQuadraticSpline1D::setParameter(int index, double value) {
  detail::requireParameterIndex(index, 3 * knotCount(), "spline");
  std::vector<double>& target = index % 3 == 0 ? knotsZ_ : index % 3 == 1 ? knotsX_ : derivatives_;
  target[index / 3] = value;
}

}  // namespace flowlab
