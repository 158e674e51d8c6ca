#include "core/bijectors/planar.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>

#include "core/bijectors/checks.h"
#include "core/bijectors/root_finding.h"

namespace flowlab {

Planar::Planar(Vector u, Vector w, double b) : u_(std::move(u)), w_(std::move(w)), b_(b) {
  if (u_.size() == 0 || u_.size() != w_.size())
    throw std::invalid_argument("planar: u and w must have the same length d >= 1 (got " +
                                std::to_string(u_.size()) + " and " + std::to_string(w_.size()) + ")");
}

Transformed Planar::forward(const Batch& z) const {
  detail::requireColumns(z, dim(), "planar");
  const double wu = w_.dot(u_);
  const Vector h = ((z * w_).array() + b_).tanh().matrix();
  Transformed out{z + h * u_.transpose(), Vector(z.rows())};
  // tanh' = 1 - tanh², so the determinant lemma needs no second transcendental call.
  out.logAbsDet = (1.0 + (1.0 - h.array().square()) * wu).abs().log().matrix();
  return out;
}

Transformed Planar::inverse(const Batch& x) const {
  detail::requireColumns(x, dim(), "planar");
  const double wu = w_.dot(u_);
  Transformed out{Batch(x.rows(), x.cols()), Vector(x.rows())};
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    const double target = x.row(i).dot(w_) + b_;
    const auto residual = [wu, target](double a) {
      const double t = std::tanh(a);
      return ValueAndSlope{a + wu * t - target, 1.0 + wu * (1.0 - t * t)};
    };
    // The analytic bracket is tight (tanh(a) rounds to ±1 far out, so g can round to the wrong
    // sign at its ends); a margin well above rounding keeps it a bracket.
    const double margin = std::abs(wu) + 1e-9 * std::max(1.0, std::abs(target));
    RootOptions options;
    options.guess = target - wu * std::tanh(target);  // one fixed-point step from a = target
    options.useGuess = true;
    const Expected<double> a = findRoot(residual, target - margin, target + margin, options);
    const double t = a.ok() ? std::tanh(a.value) : std::nan("");
    out.value.row(i) = x.row(i) - t * u_.transpose();
    out.logAbsDet(i) = -std::log(std::abs(1.0 + wu * (1.0 - t * t)));
  }
  return out;
}

Matrix Planar::jacobianAt(const Vector& z) const {
  const double t = std::tanh(w_.dot(z) + b_);
  return Matrix::Identity(dim(), dim()) + (1.0 - t * t) * u_ * w_.transpose();
}

Status Planar::validate() const {
  if (Status s = detail::requireFinite(parameters()); !s.ok()) return s;
  const double wu = w_.dot(u_);
  if (wu < -1.0) return Status::error("planar: w·u = " + detail::formatNumber(wu) + " < -1 (not invertible)");
  return Status::okStatus();
}

std::vector<Parameter> Planar::parameters() const {
  std::vector<Parameter> out;
  for (int i = 0; i < dim(); ++i) out.push_back({detail::indexedName("u", i), u_(i), -3.0, 3.0, "direction of the push"});
  for (int i = 0; i < dim(); ++i) out.push_back({detail::indexedName("w", i), w_(i), -3.0, 3.0, "normal of the hyperplane"});
  out.push_back({"b", b_, -3.0, 3.0, "offset of the hyperplane"});
  return out;
}

void Planar::setParameter(int index, double value) {
  const int d = dim();
  detail::requireParameterIndex(index, 2 * d + 1, "planar");
  if (index < d)
    u_(index) = value;
  else if (index < 2 * d)
    w_(index - d) = value;
  else
    b_ = value;
}

}  // namespace flowlab
