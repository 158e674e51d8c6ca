#include "core/bijectors/planar.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "core/bijectors/checks.h"
#include "core/bijectors/batch_root_finding.h"
#include "core/bijectors/root_finding.h"
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

Transformed Planar::inverse(const Batch& x) const { return inverseWith(x, InverseSolver::Lanes); }

// Along w the map is a ↦ a + (w·u) tanh(a), a = w·z + b: one scalar monotone equation per point,
//   g(a) = a + (w·u) tanh(a) - target = 0,  target = w·x + b,
// started from one fixed-point step a = target - (w·u) tanh(target). The bracket
// target ± |w·u| is tight (tanh(a) rounds to ±1 far out, so g can round to the wrong sign at its
// ends); a margin well above rounding keeps it a bracket, and g(lo) < 0 < g(hi) by construction.
Transformed Planar::inverseWith(const Batch& x, InverseSolver solver) const {
  detail::requireColumns(x, dim(), "planar");
  const double wu = w_.dot(u_);
  const int n = static_cast<int>(x.rows());
  const Vector target = (x * w_).array() + b_;
  Vector t(n);  // tanh(a) at every point's root
  RootOptions options;
  options.useGuess = true;
  if (solver == InverseSolver::Lanes) {
    // Blocks of kRootLanes points iterate together, tanh in SIMD lanes (batch_root_finding.h).
    RootLanes at, th, lo, hi, guess, root;
    const auto g = [&](const RootLanes& a, RootLanes& value, RootLanes& slope) {
      RootLanes ta;
      detail::tanhLanes(a.data(), ta.data());
      value = a + wu * ta - at;
      slope = 1.0 + wu * (1.0 - ta.square());
    };
    for (int begin = 0; begin < n; begin += kRootLanes) {
      const int count = std::min(kRootLanes, n - begin);
      at.setZero();  // padding lanes solve a harmless problem and are ignored
      at.head(count) = target.segment(begin, count).array();
      detail::tanhLanes(at.data(), th.data());
      const RootLanes margin = std::abs(wu) + 1e-9 * at.abs().max(1.0);
      lo = at - margin;
      hi = at + margin;
      guess = at - wu * th;
      findRootsInLanes(g, count, lo, hi, guess, root, options, true);
      detail::tanhLanes(root.data(), th.data());
      t.segment(begin, count) = th.head(count).matrix();
    }
  } else if (solver == InverseSolver::Gathered) {
    Eigen::ArrayXd lo(n), hi(n), guess(n), root(n), tanhBuffer(n);
    detail::vectorTanh(target.data(), t.data(), n);
    for (int i = 0; i < n; ++i) {
      const double margin = std::abs(wu) + 1e-9 * std::max(1.0, std::abs(target(i)));
      lo(i) = target(i) - margin;
      hi(i) = target(i) + margin;
      guess(i) = target(i) - wu * t(i);
    }
    const auto residual = [&](const int* lanes, const double* a, double* value, double* slope, int count) {
      detail::vectorTanh(a, tanhBuffer.data(), count);
      for (int j = 0; j < count; ++j) {
        const double th = tanhBuffer(j);
        value[j] = a[j] + wu * th - target(lanes[j]);
        slope[j] = 1.0 + wu * (1.0 - th * th);
      }
    };
    findRootsBatch(residual, n, lo.data(), hi.data(), guess.data(), root.data(), options, true);
    detail::vectorTanh(root.data(), t.data(), n);
  } else {
    // Point by point, exactly as Planar inverted before the batch solvers.
    Transformed out{Batch(n, x.cols()), Vector(n)};
    for (int i = 0; i < n; ++i) {
      const double goal = x.row(i).dot(w_) + b_;
      const auto g = [wu, goal](double a) {
        const double th = std::tanh(a);
        return ValueAndSlope{a + wu * th - goal, 1.0 + wu * (1.0 - th * th)};
      };
      const double margin = std::abs(wu) + 1e-9 * std::max(1.0, std::abs(goal));
      options.guess = goal - wu * std::tanh(goal);
      const Expected<double> a = findRoot(g, goal - margin, goal + margin, options);
      const double th = a.ok() ? std::tanh(a.value) : std::nan("");
      out.value.row(i) = x.row(i) - th * u_.transpose();
      out.logAbsDet(i) = -std::log(std::abs(1.0 + wu * (1.0 - th * th)));
    }
    return out;
  }
  // NaN rows where the root failed (a non-finite input).
  Transformed out{x - t * u_.transpose(), Vector(n)};
  out.logAbsDet = -(1.0 + wu * (1.0 - t.array().square())).abs().log().matrix();
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
