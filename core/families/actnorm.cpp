#include "core/families/actnorm.h"

#include <algorithm>
#include <cmath>

namespace flowlab {

void TrainableActNorm::init(double* params, Rng&) const { std::fill(params, params + paramCount(), 0.0); }

void TrainableActNorm::initFromData(double* params, const Batch& x) const {
  if (x.rows() == 0) return;
  for (int j = 0; j < dim_; ++j) {
    const double mean = x.col(j).mean();
    const double var = (x.col(j).array() - mean).square().mean();
    params[j] = mean;
    params[dim_ + j] = 0.5 * std::log(std::max(var, 1e-12));  // a constant column stays finite
  }
}

Transformed TrainableActNorm::forward(const double* params, const Batch& z) {
  Transformed r{Batch(z.rows(), dim_), Vector::Constant(z.rows(), 0.0)};
  double sum = 0.0;
  for (int j = 0; j < dim_; ++j) {
    r.value.col(j) = z.col(j).array() * std::exp(params[dim_ + j]) + params[j];
    sum += params[dim_ + j];
  }
  r.logAbsDet.setConstant(sum);
  return r;
}

Transformed TrainableActNorm::inverse(const double* params, const Batch& x) {
  Transformed r{Batch(x.rows(), dim_), Vector::Constant(x.rows(), 0.0)};
  double sum = 0.0;
  for (int j = 0; j < dim_; ++j) {
    r.value.col(j) = (x.col(j).array() - params[j]) * std::exp(-params[dim_ + j]);
    sum += params[dim_ + j];
  }
  r.logAbsDet.setConstant(-sum);
  z_ = r.value;
  return r;
}

void TrainableActNorm::backward(const double* params, const Batch& gZ, const Vector& gLogDet, double* grad,
                                Batch& gX) {
  gX.resize(gZ.rows(), dim_);
  const double gLdSum = gLogDet.sum();
  for (int j = 0; j < dim_; ++j) {
    const double e = std::exp(-params[dim_ + j]);
    gX.col(j) = gZ.col(j) * e;
    grad[j] += -gZ.col(j).sum() * e;                               // dz/dμ = -e^{-log σ}
    grad[dim_ + j] += -gZ.col(j).dot(z_.col(j)) - gLdSum;          // dz/dlog σ = -z
  }
}

}  // namespace flowlab
