#include "core/families/diagonal_scale.h"

#include <algorithm>
#include <cmath>

namespace flowlab {

void TrainableDiagonalScale::init(double* params, Rng&) const { std::fill(params, params + dim_, 0.0); }

Transformed TrainableDiagonalScale::forward(const double* params, const Batch& z) {
  Transformed r{Batch(z.rows(), dim_), Vector(z.rows())};
  double sum = 0.0;
  for (int j = 0; j < dim_; ++j) {
    r.value.col(j) = z.col(j) * std::exp(params[j]);
    sum += params[j];
  }
  r.logAbsDet.setConstant(sum);
  return r;
}

Transformed TrainableDiagonalScale::inverse(const double* params, const Batch& x) {
  Transformed r{Batch(x.rows(), dim_), Vector(x.rows())};
  double sum = 0.0;
  for (int j = 0; j < dim_; ++j) {
    r.value.col(j) = x.col(j) * std::exp(-params[j]);
    sum += params[j];
  }
  r.logAbsDet.setConstant(-sum);
  z_ = r.value;
  return r;
}

void TrainableDiagonalScale::backward(const double* params, const Batch& gZ, const Vector& gLogDet, double* grad,
                                      Batch& gX) {
  gX.resize(gZ.rows(), dim_);
  const double gLdSum = gLogDet.sum();
  for (int j = 0; j < dim_; ++j) {
    gX.col(j) = gZ.col(j) * std::exp(-params[j]);
    grad[j] += -gZ.col(j).dot(z_.col(j)) - gLdSum;  // dz/ds = -z, d(log det)/ds = -1
  }
}

}  // namespace flowlab
