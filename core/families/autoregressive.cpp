#include "core/families/autoregressive.h"

#include <cmath>
#include <numeric>

#include "core/families/made.h"

namespace flowlab {

namespace {
std::vector<int> orderOrIdentity(const AutoregressiveSpec& s) {
  if (!s.order.empty()) return s.order;
  std::vector<int> o(s.dim);
  std::iota(o.begin(), o.end(), 0);
  return o;
}
}  // namespace

TrainableAutoregressive::TrainableAutoregressive(const AutoregressiveSpec& spec) : spec_(spec) {
  spec_.order = orderOrIdentity(spec);
  const MlpShape shape{spec.dim, spec.hidden, spec.depth, 2 * spec.dim, spec.activation};
  net_ = ConditionerNet(shape, madeMasks(shape, spec_.order));
}

void TrainableAutoregressive::generativeStep(const Matrix& out, const Batch& z, Batch& x, Vector& logDet) const {
  const int d = spec_.dim;
  const double c = spec_.logScaleBound;
  x.resize(z.rows(), d);
  logDet.setZero(z.rows());
  for (int v = 0; v < d; ++v)
    for (Eigen::Index i = 0; i < z.rows(); ++i) {
      const double a = c * std::tanh(out(d + v, i) / c);
      x(i, v) = z(i, v) * std::exp(a) + out(v, i);
      logDet(i) += a;
    }
}

void TrainableAutoregressive::densityStep(const Matrix& out, const Batch& x, Batch& z, Vector& logDet) const {
  const int d = spec_.dim;
  const double c = spec_.logScaleBound;
  z.resize(x.rows(), d);
  logDet.setZero(x.rows());
  for (int v = 0; v < d; ++v)
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
      const double a = c * std::tanh(out(d + v, i) / c);
      z(i, v) = (x(i, v) - out(v, i)) * std::exp(-a);
      logDet(i) -= a;
    }
}

Transformed TrainableAutoregressive::forward(const double* params, const Batch& z) {
  Transformed r{Batch::Zero(z.rows(), spec_.dim), Vector::Zero(z.rows())};
  const int passes = forwardPasses();
  Batch next;
  for (int k = 0; k < passes; ++k) {
    // IAF conditions on z (one pass); MAF on x, exact for one more variable each pass.
    const Matrix& out = net_.forward(params, spec_.inverseForm ? z : r.value, forwardWs_);
    ++passesRun_;
    generativeStep(out, z, next, r.logAbsDet);
    r.value.swap(next);
  }
  return r;
}

Transformed TrainableAutoregressive::inverse(const double* params, const Batch& x) {
  const int passes = inversePasses();
  ws_.resize(passes);
  passes_.resize(passes);
  Transformed r{Batch::Zero(x.rows(), spec_.dim), Vector::Zero(x.rows())};
  for (int k = 0; k < passes; ++k) {
    // MAF conditions on x; IAF on the previous estimate of z (zero before the first pass).
    const Matrix& out = net_.forward(params, spec_.inverseForm ? r.value : x, ws_[k]);
    ++passesRun_;
    densityStep(out, x, passes_[k], r.logAbsDet);
    r.value = passes_[k];
  }
  return r;
}

void TrainableAutoregressive::densityStepBackward(const double* params, ConditionerWorkspace& ws, const Batch& z,
                                                  const Batch& gZ, const Vector* gLogDet, double* grad, Batch& gX,
                                                  Batch* gU) {
  const Matrix& out = ws.mlp.act.back();
  const int d = spec_.dim;
  const double c = spec_.logScaleBound;
  dOut_.resize(2 * d, z.rows());
  for (int v = 0; v < d; ++v)
    for (Eigen::Index i = 0; i < z.rows(); ++i) {
      // z = (x - μ)·e^{-α}: dz/dμ = -e^{-α}, dz/dα = -z, dz/dx = e^{-α}; log det = -Σ α.
      const double th = std::tanh(out(d + v, i) / c), e = std::exp(-c * th), g = gZ(i, v);
      dOut_(v, i) = -g * e;
      dOut_(d + v, i) = (-g * z(i, v) - (gLogDet ? (*gLogDet)(i) : 0.0)) * (1.0 - th * th);
      gX(i, v) += g * e;
    }
  net_.backward(params, ws, dOut_, grad, gU);
}

void TrainableAutoregressive::backward(const double* params, const Batch& gZ, const Vector& gLogDet, double* grad,
                                       Batch& gX) {
  const int passes = int(passes_.size());
  gX.setZero(gZ.rows(), spec_.dim);
  Batch g = gZ, gU;
  for (int k = passes - 1; k >= 0; --k) {
    const bool last = k == passes - 1;  // its α gives the log det
    // MAF: the conditioner's input is x itself; IAF: the previous pass (constant before pass 1).
    const bool needInput = !spec_.inverseForm || k > 0;
    densityStepBackward(params, ws_[k], passes_[k], g, last ? &gLogDet : nullptr, grad, gX, needInput ? &gU : nullptr);
    if (!spec_.inverseForm) gX += gU;
    else g = gU;
  }
}

}  // namespace flowlab
