#include "core/bijectors/planar.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "core/bijectors/checks.h"
#include "core/bijectors/batch_root_finding.h"
#include "core/bijectors/vector_math.h"

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
  const int n = static_cast<int>(x.rows());
  // Along w the map is a ↦ a + (w·u) tanh(a), a = w·z + b: one scalar root per point, all
  // points' Newton iterations together (batch_root_finding.h).
  const Vector target = (x * w_).array() + b_;
  Eigen::ArrayXd lo(n), hi(n), guess(n), root(n), t(n), tanhBuffer(n);
  detail::vectorTanh(target.data(), t.data(), n);
  for (int i = 0; i < n; ++i) {
    // The analytic bracket is tight (tanh(a) rounds to ±1 far out, so g can round to the wrong
    // sign at its ends); a margin well above rounding keeps it a bracket.
    const double margin = std::abs(wu) + 1e-9 * std::max(1.0, std::abs(target(i)));
    lo(i) = target(i) - margin;
    hi(i) = target(i) + margin;
    guess(i) = target(i) - wu * t(i);  // one fixed-point step from a = target
  }
  const auto residual = [&](const int* lanes, const double* a, double* value, double* slope, int count) {
    detail::vectorTanh(a, tanhBuffer.data(), count);
    for (int j = 0; j < count; ++j) {
      const double th = tanhBuffer(j);
      value[j] = a[j] + wu * th - target(lanes[j]);
      slope[j] = 1.0 + wu * (1.0 - th * th);
    }
  };
  RootOptions options;
  options.useGuess = true;
  findRootsBatch(residual, n, lo.data(), hi.data(), guess.data(), root.data(), options, true);
  detail::vectorTanh(root.data(), t.data(), n);
  Transformed out{Batch(x.rows(), x.cols()), Vector(x.rows())};
  for (int i = 0; i < n; ++i) {
    out.value.row(i) = x.row(i) - t(i) * u_.transpose();  // NaN rows where the root failed
    out.logAbsDet(i) = -std::log(std::abs(1.0 + wu * (1.0 - t(i) * t(i))));
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
