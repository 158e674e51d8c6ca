#include "core/bijectors/radial.h"

#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>

#include "core/bijectors/checks.h"

namespace flowlab {

Radial::Radial(Vector z0, double alpha, double beta) : z0_(std::move(z0)), alpha_(alpha), beta_(beta) {
  if (z0_.size() == 0) throw std::invalid_argument("radial: the centre z0 needs length d >= 1, got 0");
}

double Radial::logAbsDetAtRadius(double r) const {
  const double h = 1.0 / (alpha_ + r);
  // 1 + βh + βh'r simplifies to 1 + βα/(α + r)².
  return (dim() - 1) * std::log(std::abs(1.0 + beta_ * h)) + std::log(std::abs(1.0 + beta_ * alpha_ * h * h));
}

Transformed Radial::forward(const Batch& z) const {
  detail::requireColumns(z, dim(), "radial");
  Transformed out{Batch(z.rows(), z.cols()), Vector(z.rows())};
  for (Eigen::Index i = 0; i < z.rows(); ++i) {
    const auto offset = z.row(i) - z0_.transpose();
    const double r = offset.norm();
    out.value.row(i) = z.row(i) + (beta_ / (alpha_ + r)) * offset;
    out.logAbsDet(i) = logAbsDetAtRadius(r);
  }
  return out;
}

Transformed Radial::inverse(const Batch& x) const { return inverseWith(x, InverseSolver::Lanes); }

Transformed Radial::inverseWith(const Batch& x, InverseSolver solver) const {
  detail::requireColumns(x, dim(), "radial");
  if (solver != InverseSolver::Lanes) return inverseRowByRow(x);
  // The row-by-row formulas below as whole-column array expressions (SIMD over points).
  const Batch offset = x.rowwise() - z0_.transpose();
  Eigen::ArrayXd squared = offset.col(0).array().square();
  for (int j = 1; j < dim(); ++j) squared += offset.col(j).array().square();
  const Eigen::ArrayXd rho = squared.sqrt();
  const Eigen::ArrayXd B = alpha_ + beta_ - rho;
  const Eigen::ArrayXd root = (B.square() + 4.0 * alpha_ * rho).sqrt();
  const Eigen::ArrayXd r = (B > 0.0).select(2.0 * alpha_ * rho / (B + root), 0.5 * (root - B));
  const Eigen::ArrayXd ratio = (rho == 0.0).select(0.0, (alpha_ + r) / (alpha_ + beta_ + r));
  Transformed out{Batch(x.rows(), x.cols()), Vector(x.rows())};
  for (int j = 0; j < dim(); ++j) out.value.col(j) = (z0_(j) + ratio * offset.col(j).array()).matrix();
  const Eigen::ArrayXd h = 1.0 / (alpha_ + r);
  out.logAbsDet = -((dim() - 1) * (1.0 + beta_ * h).abs().log() + (1.0 + beta_ * alpha_ * h.square()).abs().log());
  return out;
}

// The inverse point by point, as Radial computed it before the array form.
Transformed Radial::inverseRowByRow(const Batch& x) const {
  Transformed out{Batch(x.rows(), x.cols()), Vector(x.rows())};
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    const auto offset = x.row(i) - z0_.transpose();
    const double rho = offset.norm();
    // Nonnegative root of r² + B r - αρ = 0 (product of roots -αρ <= 0); pick the form that
    // adds like-signed terms so neither branch loses digits.
    const double B = alpha_ + beta_ - rho;
    const double root = std::sqrt(B * B + 4.0 * alpha_ * rho);
    const double r = B > 0.0 ? 2.0 * alpha_ * rho / (B + root) : 0.5 * (root - B);
    // At ρ = 0 the point is the centre; the ratio would be 0/0 when β = -α.
    const double ratio = rho == 0.0 ? 0.0 : (alpha_ + r) / (alpha_ + beta_ + r);
    out.value.row(i) = z0_.transpose() + ratio * offset;
    out.logAbsDet(i) = -logAbsDetAtRadius(r);
  }
  return out;
}

Matrix Radial::jacobianAt(const Vector& z) const {
  const Vector offset = z - z0_;
  const double r = offset.norm();
  const double h = 1.0 / (alpha_ + r);
  Matrix jacobian = (1.0 + beta_ * h) * Matrix::Identity(dim(), dim());
  if (r > 0.0) jacobian -= beta_ * h * h / r * offset * offset.transpose();
  return jacobian;
}

Status Radial::validate() const {
  if (Status s = detail::requireFinite(parameters()); !s.ok()) return s;
  using detail::formatNumber;
  if (!(alpha_ > 0.0)) return Status::error("radial: alpha = " + formatNumber(alpha_) + " must be > 0");
  if (beta_ < -alpha_)
    return Status::error("radial: beta < -alpha (beta = " + formatNumber(beta_) + ", -alpha = " +
                         formatNumber(-alpha_) + "): not invertible");
  return Status::okStatus();
}

std::vector<Parameter> Radial::parameters() const {
  std::vector<Parameter> out;
  for (int i = 0; i < dim(); ++i)
    out.push_back({"z0_" + std::to_string(i), z0_(i), -3.0, 3.0, "centre coordinate " + std::to_string(i)});
  out.push_back({"alpha", alpha_, 0.05, 3.0, "width α > 0 of the region that moves"});
  out.push_back({"beta", beta_, -1.0, 3.0, "strength β >= -α: > 0 pushes away from z0, < 0 pulls in"});
  return out;
}

void Radial::setParameter(int index, double value) {
  const int d = dim();
  detail::requireParameterIndex(index, d + 2, "radial");
  if (index < d)
    z0_(index) = value;
  else
    (index == d ? alpha_ : beta_) = value;
}

}  // namespace flowlab
