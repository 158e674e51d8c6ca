#include "core/bijectors/sine_1d.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

#include "core/bijectors/batch_root_finding.h"
#include "core/bijectors/root_finding.h"
#include "core/bijectors/vector_math.h"

namespace flowlab {

double Sine1D::derivativeScalar(double z) const { return 1.0 + a_ * omega_ * std::cos(omega_ * z + phi_); }

double Sine1D::forwardScalar(double z, double& logAbsDet) const {
  const double theta = omega_ * z + phi_;
  logAbsDet = std::log(std::abs(1.0 + a_ * omega_ * std::cos(theta)));
  return z + a_ * std::sin(theta);
}

double Sine1D::inverseScalar(double x, double& logAbsDet) const {
  const auto residual = [this, x](double z) {
    const double theta = omega_ * z + phi_;
    return ValueAndSlope{z + a_ * std::sin(theta) - x, 1.0 + a_ * omega_ * std::cos(theta)};
  };
  RootOptions options;
  options.guess = x - a_ * std::sin(omega_ * x + phi_);  // one fixed-point step: exact to O(a²ω)
  options.useGuess = true;
  // |a sin| <= |a| brackets the root; the margin keeps it a bracket when sin rounds to ±1.
  const double margin = std::abs(a_) + 1e-9 * std::max(1.0, std::abs(x));
  const Expected<double> z = findRoot(residual, x - margin, x + margin, options);
  if (!z.ok()) {
    logAbsDet = std::nan("");
    return std::nan("");
  }
  logAbsDet = -std::log(std::abs(derivativeScalar(z.value)));
  return z.value;
}

Transformed Sine1D::inverse(const Batch& x) const { return inverseWith(x, InverseSolver::Lanes); }

Transformed Sine1D::inverseWith(const Batch& x, InverseSolver solver) const {
  detail::requireColumns(x, 1, type().c_str());
  if (solver == InverseSolver::PointByPoint) return Bijector1D::inverse(x);  // inverseScalar per point
  const int n = static_cast<int>(x.rows());
  // inverseScalar's problem for every point at once, sin and cos in SIMD lanes.
  RootOptions options;
  options.useGuess = true;
  Transformed out{Batch(n, 1), Vector(n)};
  if (solver == InverseSolver::Lanes) {
    RootLanes xs, theta, sine, cosine, lo, hi, guess, root;
    const auto g = [&](const RootLanes& z, RootLanes& value, RootLanes& slope) {
      RootLanes angle = omega_ * z + phi_, s, c;
      detail::sinCosLanes(angle.data(), s.data(), c.data());
      value = z + a_ * s - xs;
      slope = 1.0 + a_ * omega_ * c;
    };
    for (int begin = 0; begin < n; begin += kRootLanes) {
      const int count = std::min(kRootLanes, n - begin);
      xs.setZero();  // padding lanes solve a harmless problem and are ignored
      xs.head(count) = x.col(0).segment(begin, count).array();
      theta = omega_ * xs + phi_;
      detail::sinCosLanes(theta.data(), sine.data(), cosine.data());
      const RootLanes margin = std::abs(a_) + 1e-9 * xs.abs().max(1.0);
      lo = xs - margin;
      hi = xs + margin;
      guess = xs - a_ * sine;
      findRootsInLanes(g, count, lo, hi, guess, root, options, true);
      theta = omega_ * root + phi_;
      detail::sinCosLanes(theta.data(), sine.data(), cosine.data());
      out.value.col(0).segment(begin, count) = root.head(count).matrix();
      out.logAbsDet.segment(begin, count) = -(1.0 + a_ * omega_ * cosine.head(count)).abs().log().matrix();
    }
    return out;
  }
  Eigen::ArrayXd lo(n), hi(n), guess(n), root(n), theta(n), sine(n), cosine(n);
  for (int i = 0; i < n; ++i) theta(i) = omega_ * x(i, 0) + phi_;
  detail::vectorSinCos(theta.data(), sine.data(), cosine.data(), n);
  for (int i = 0; i < n; ++i) {
    const double margin = std::abs(a_) + 1e-9 * std::max(1.0, std::abs(x(i, 0)));
    lo(i) = x(i, 0) - margin;
    hi(i) = x(i, 0) + margin;
    guess(i) = x(i, 0) - a_ * sine(i);
  }
  const auto residual = [&](const int* lanes, const double* z, double* value, double* slope, int count) {
    for (int j = 0; j < count; ++j) theta(j) = omega_ * z[j] + phi_;
    detail::vectorSinCos(theta.data(), sine.data(), cosine.data(), count);
    for (int j = 0; j < count; ++j) {
      value[j] = z[j] + a_ * sine(j) - x(lanes[j], 0);
      slope[j] = 1.0 + a_ * omega_ * cosine(j);
    }
  };
  findRootsBatch(residual, n, lo.data(), hi.data(), guess.data(), root.data(), options, true);
  for (int i = 0; i < n; ++i) theta(i) = omega_ * root(i) + phi_;
  detail::vectorSinCos(theta.data(), sine.data(), cosine.data(), n);
  for (int i = 0; i < n; ++i) {
    out.value(i, 0) = root(i);
    out.logAbsDet(i) = -std::log(std::abs(1.0 + a_ * omega_ * cosine(i)));
  }
  return out;
}

std::optional<double> Sine1D::firstNonIncreasingPoint() const {
  const double k = a_ * omega_;
  if (std::abs(k) < 1.0) return std::nullopt;
  // f'(z) <= 0  <=>  k cos(θ) <= -1 with θ = ω z + φ. Mod 2π that is one interval [lo, hi]:
  // around π when k > 0, around 0 when k < 0. Both are symmetric under θ -> -θ, so a negative ω
  // is handled by walking θ' = |ω| z + sign(ω) φ instead.
  const double pi = std::numbers::pi;
  const double half = std::acos(-1.0 / k);  // k > 0: cos θ <= -1/k from here; k < 0: cos θ >= -1/k up to here
  const double lo = k > 0.0 ? half : -half;
  const double hi = k > 0.0 ? 2.0 * pi - half : half;
  const double start = omega_ > 0.0 ? phi_ : -phi_;
  const double period = std::floor((start - lo) / (2.0 * pi));
  if (start <= hi + 2.0 * pi * period) return 0.0;  // z = 0 already sits in a bad interval
  return (lo + 2.0 * pi * (period + 1.0) - start) / std::abs(omega_);
}

Status Sine1D::validate() const {
  if (Status s = detail::requireFinite(parameters()); !s.ok()) return s;
  if (const auto z = firstNonIncreasingPoint())
    return Status::error("not invertible: f'(z) <= 0 near z = " + detail::formatNumber(*z) +
                         " (needs |a·ω| < 1, here |a·ω| = " + detail::formatNumber(std::abs(a_ * omega_)) + ")");
  return Status::okStatus();
}

std::vector<Parameter> Sine1D::parameters() const {
  return {{"a", a_, -2.0, 2.0, "amplitude; invertible while |a·ω| < 1"},
          {"omega", omega_, 0.0, 6.0, "frequency ω"},
          {"phi", phi_, -3.15, 3.15, "phase φ"}};
}

void Sine1D::setParameter(int index, double value) {
  detail::requireParameterIndex(index, 3, "sine");
  (index == 0 ? a_ : index == 1 ? omega_ : phi_) = value;
}

}  // namespace flowlab
