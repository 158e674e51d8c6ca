#include "core/families/cnf_layer.h"

#include <cmath>
#include <stdexcept>

namespace flowlab {

namespace {
// RK4's stage times (as fractions of the step) and weights.
constexpr double kStageTime[4] = {0.0, 0.5, 0.5, 1.0};
constexpr double kWeight[4] = {1.0 / 6.0, 2.0 / 6.0, 2.0 / 6.0, 1.0 / 6.0};
}  // namespace

TrainableCnfSegment::TrainableCnfSegment(const CnfSegmentSpec& spec)
    : spec_(spec), field_(spec.dim, spec.hidden) {
  if (spec.dim < 1 || spec.hidden < 1 || spec.steps < 1)
    throw std::invalid_argument("cnf segment: dimension, hidden width and steps must be positive");
  if (!(std::isfinite(spec.t0) && std::isfinite(spec.t1) && spec.t0 < spec.t1))
    throw std::invalid_argument("cnf segment: needs finite t0 < t1");
}

void TrainableCnfSegment::stages(const double* params, const Batch& z, double tau, double eta, CnfFieldEval* ev,
                                 Batch* y) const {
  for (int k = 0; k < 4; ++k) {
    if (k == 0) y[0] = z;
    else y[k] = z + (eta * kStageTime[k]) * ev[k - 1].g;
    field_.eval(params, y[k], tau + eta * kStageTime[k], ev[k]);
  }
}

Transformed TrainableCnfSegment::solve(const double* params, const Batch& start, int first, double sign, bool keep) {
  const double h = (spec_.t1 - spec_.t0) / spec_.steps, eta = sign * h;
  Transformed r{start, Vector::Zero(start.rows())};
  if (keep) {
    states_.resize(spec_.steps);
    keptStages_ = double(start.rows()) * spec_.hidden * 4.0 * spec_.steps <= double(spec_.keepLimit);
    keptEval_.resize(keptStages_ ? 4 * spec_.steps : 0);
    keptY_.resize(keptStages_ ? 4 * spec_.steps : 0);
  }
  for (int s = 0; s < spec_.steps; ++s) {
    if (keep) states_[s] = r.value;
    // The grid point itself, not an accumulated sum: both directions meet the same times.
    const double tau = spec_.t0 + double(first + int(sign) * s) * h;
    CnfFieldEval* ev = keep && keptStages_ ? &keptEval_[4 * s] : stage_;
    Batch* y = keep && keptStages_ ? &keptY_[4 * s] : y_;
    stages(params, r.value, tau, eta, ev, y);
    for (int k = 0; k < 4; ++k) {
      r.value += (eta * kWeight[k]) * ev[k].g;
      r.logAbsDet += (eta * kWeight[k]) * ev[k].div;
    }
  }
  return r;
}

Transformed TrainableCnfSegment::forward(const double* params, const Batch& z) { return solve(params, z, 0, 1.0, false); }

Transformed TrainableCnfSegment::inverse(const double* params, const Batch& x) {
  return solve(params, x, spec_.steps, -1.0, true);
}

void TrainableCnfSegment::backward(const double* params, const Batch& gZ, const Vector& gLogDet, double* grad,
                                   Batch& gX) {
  const double h = (spec_.t1 - spec_.t0) / spec_.steps, eta = -h;
  Batch a = gZ, next, v, dy, carry;
  Vector s;
  for (int step = spec_.steps - 1; step >= 0; --step) {
    const double tau = spec_.t0 + double(spec_.steps - step) * h;
    // The step's stages as inverse() computed them: kept, or recomputed from the kept state.
    const CnfFieldEval* ev = stage_;
    const Batch* y = y_;
    if (keptStages_) {
      ev = &keptEval_.at(4 * step);
      y = &keptY_.at(4 * step);
    } else {
      stages(params, states_.at(step), tau, eta, stage_, y_);
    }
    // z' = z + η Σ w_k g(y_k), log det' = log det + η Σ w_k div(y_k), y_k = z + η c_k g(y_{k−1}):
    // stage k's velocity is reached through z' directly and through y_{k+1}.
    next = a;
    for (int k = 3; k >= 0; --k) {
      v = (eta * kWeight[k]) * a;
      if (k < 3) v += carry;
      s = (eta * kWeight[k]) * gLogDet;
      field_.backward(params, y[k], tau + eta * kStageTime[k], ev[k], v, s, grad, dy);
      next += dy;
      if (k > 0) carry = (eta * kStageTime[k]) * dy;
    }
    a.swap(next);
  }
  gX = a;
}

}  // namespace flowlab
