#include "core/families/lu_linear_layer.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace flowlab {

TrainableLuLinear::TrainableLuLinear(int dim, std::vector<int> perm) : dim_(dim), perm_(std::move(perm)) {
  if (perm_.empty()) {
    perm_.resize(dim);
    std::iota(perm_.begin(), perm_.end(), 0);
  }
  std::vector<int> sorted = perm_;
  std::sort(sorted.begin(), sorted.end());
  for (int i = 0; i < dim; ++i)
    if (int(sorted.size()) != dim || sorted[i] != i) throw std::invalid_argument("lu_linear: not a permutation");
}

void TrainableLuLinear::init(double* params, Rng&) const { std::fill(params, params + paramCount(), 0.0); }

void TrainableLuLinear::factors(const double* p, Matrix& l, Matrix& u) const {
  const int d = dim_, tri = d * (d - 1) / 2;
  l = Matrix::Identity(d, d);
  u = Matrix::Zero(d, d);
  int k = 0;
  for (int i = 0; i < d; ++i)
    for (int j = 0; j < i; ++j) l(i, j) = p[k++];
  for (int i = 0; i < d; ++i)
    for (int j = i + 1; j < d; ++j) u(i, j) = p[k++];  // k runs on from tri
  for (int i = 0; i < d; ++i) u(i, i) = std::exp(p[2 * tri + i]);
}

Matrix TrainableLuLinear::permutation() const {
  Matrix p = Matrix::Zero(dim_, dim_);
  for (int i = 0; i < dim_; ++i) p(i, perm_[i]) = 1.0;
  return p;
}

Matrix TrainableLuLinear::weight(const double* params) const {
  Matrix l, u;
  factors(params, l, u);
  return permutation() * l * u;
}

Transformed TrainableLuLinear::forward(const double* params, const Batch& z) {
  Matrix l, u;
  factors(params, l, u);
  // x = U⁻¹ L⁻¹ Pᵀ z per row; on rows (xᵀ = zᵀ P L⁻ᵀ U⁻ᵀ) as transposed triangular solves.
  Matrix y = (z * permutation()).transpose();  // D by N: Pᵀ z per column
  l.triangularView<Eigen::UnitLower>().solveInPlace(y);
  u.triangularView<Eigen::Upper>().solveInPlace(y);
  double sum = 0.0;
  for (int i = 0; i < dim_; ++i) sum += params[dim_ * (dim_ - 1) + i];
  return {y.transpose(), Vector::Constant(z.rows(), -sum)};
}

Transformed TrainableLuLinear::inverse(const double* params, const Batch& x) {
  x_ = x;
  double sum = 0.0;
  for (int i = 0; i < dim_; ++i) sum += params[dim_ * (dim_ - 1) + i];
  return {x * weight(params).transpose(), Vector::Constant(x.rows(), sum)};
}

void TrainableLuLinear::backward(const double* params, const Batch& gZ, const Vector& gLogDet, double* grad,
                                 Batch& gX) {
  Matrix l, u;
  factors(params, l, u);
  const Matrix p = permutation();
  gX = gZ * (p * l * u);                     // Z = X Wᵀ  ->  dL/dX = dL/dZ · W
  const Matrix dA = p.transpose() * (gZ.transpose() * x_);  // dL/dW = dL/dZᵀ X, W = P A
  const Matrix dL = dA * u.transpose(), dU = l.transpose() * dA;  // A = L U
  const int d = dim_, tri = d * (d - 1) / 2;
  int k = 0;
  for (int i = 0; i < d; ++i)
    for (int j = 0; j < i; ++j) grad[k++] += dL(i, j);
  for (int i = 0; i < d; ++i)
    for (int j = i + 1; j < d; ++j) grad[k++] += dU(i, j);
  const double gLdSum = gLogDet.sum();
  for (int i = 0; i < d; ++i) grad[2 * tri + i] += dU(i, i) * u(i, i) + gLdSum;
}

}  // namespace flowlab
