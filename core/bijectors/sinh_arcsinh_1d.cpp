#include "core/bijectors/sinh_arcsinh_1d.h"

#include <cmath>
#include <numbers>

#include "core/bijectors/vector_math.h"

namespace flowlab {
namespace {

// log cosh(u) without overflowing cosh for |u| > 710.
double logCosh(double u) {
  const double a = std::abs(u);
  return a + std::log1p(std::exp(-2.0 * a)) - std::numbers::ln2;
}

// ½ log(1 + v²) without overflowing v² for |v| > 1e154.
double halfLog1pSquare(double v) { return std::log(std::hypot(1.0, v)); }

}  // namespace

double SinhArcsinh1D::forwardScalar(double z, double& logAbsDet) const {
  const double u = (std::asinh(z) + epsilon_) / delta_;
  logAbsDet = logCosh(u) - std::log(delta_) - halfLog1pSquare(z);
  return std::sinh(u);
}

double SinhArcsinh1D::inverseScalar(double x, double& logAbsDet) const {
  const double v = delta_ * std::asinh(x) - epsilon_;
  logAbsDet = logCosh(v) + std::log(delta_) - halfLog1pSquare(x);
  return std::sinh(v);
}

Transformed SinhArcsinh1D::inverse(const Batch& x) const {
  detail::requireColumns(x, 1, type().c_str());
  using detail::VectorFunction;
  const int n = static_cast<int>(x.rows());
  Eigen::ArrayXd a(n), v(n), e(n), l(n), h(n);
  Transformed out{Batch(n, 1), Vector(n)};
  detail::vectorApply(VectorFunction::Asinh, x.data(), a.data(), n);
  v = delta_ * a - epsilon_;
  detail::vectorApply(VectorFunction::Sinh, v.data(), out.value.data(), n);
  // log cosh(v) = |v| + log1p(exp(-2|v|)) - log 2, and ½ log(1 + x²) = log hypot(1, x), as logCosh
  // and halfLog1pSquare compute them.
  e = -2.0 * v.abs();
  detail::vectorApply(VectorFunction::Exp, e.data(), e.data(), n);
  detail::vectorApply(VectorFunction::Log1p, e.data(), l.data(), n);
  detail::vectorApply(VectorFunction::HypotOne, x.data(), h.data(), n);
  detail::vectorApply(VectorFunction::Log, h.data(), h.data(), n);
  out.logAbsDet = (v.abs() + l - std::numbers::ln2 + std::log(delta_) - h).matrix();
  return out;
}

double SinhArcsinh1D::derivativeScalar(double z) const {
  const double u = (std::asinh(z) + epsilon_) / delta_;
  return std::cosh(u) / (delta_ * std::hypot(1.0, z));
}

Status SinhArcsinh1D::validate() const {
  if (Status s = detail::requireFinite(parameters()); !s.ok()) return s;
  if (!(delta_ > 0.0)) return Status::error("tail weight delta = " + detail::formatNumber(delta_) + " must be > 0");
  return Status::okStatus();
}

std::vector<Parameter> SinhArcsinh1D::parameters() const {
  return {{"epsilon", epsilon_, -3.0, 3.0, "skew ε: > 0 pushes mass to the right"},
          {"delta", delta_, 0.2, 3.0, "tail weight δ > 0: < 1 heavier tails, > 1 lighter"}};
}

void SinhArcsinh1D::setParameter(int index, double value) {
  detail::requireParameterIndex(index, 2, "sinh_arcsinh");
  (index == 0 ? epsilon_ : delta_) = value;
}

}  // namespace flowlab
