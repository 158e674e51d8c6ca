// One time segment [t0, t1] of a continuous normalizing flow (Chen et al. 2018; Grathwohl et al.
// 2019) as a trainable layer: the ODE dz/dt = g(z, t) (core/families/cnf_field.h) solved by
// fixed-step RK4 together with the log-determinant, d(log det)/dt = tr dg/dz.
//   forward (generative, z -> x):  t0 -> t1 in `steps` steps of h = (t1 − t0)/steps;
//                                  log|det dx/dz| = +∫ tr dg/dz dt
//   inverse (density, x -> z):     t1 -> t0 on the same time grid, steps of −h; −∫ tr dg/dz dt
// The two directions are two RK4 solves, not exact inverses of each other: they agree up to the
// solver's O(h⁴) error, which invertibilityError() (core/families/trainable_flow.h) measures. The
// log-det is the RK4-integrated trace, not the exact log-det of the discrete RK4 map; the two
// also differ by O(h⁴).
// backward() differentiates the discrete inverse solve exactly (discretize-then-optimize): the
// adjoint of every RK4 stage by hand. inverse() keeps every stage's activations for it when they
// fit in keepLimit doubles (a training batch); for larger batches (density grids) it keeps only
// the state per step, and backward() recomputes the stages from those, with the same arithmetic.
#pragma once

#include <memory>
#include <vector>

#include "core/families/cnf_field.h"
#include "core/families/trainable_layer.h"

namespace flowlab {

struct CnfSegmentSpec {
  int dim = 2;
  int hidden = 64;   // H of the velocity field
  double t0 = 0.0;   // the segment's time range, inside [0, 1]
  double t1 = 1.0;
  int steps = 8;     // RK4 steps over [t0, t1]
  long long keepLimit = 1 << 21;  // doubles of stage activations inverse() may keep (16 MB)
};

class TrainableCnfSegment : public TrainableLayer {
 public:
  explicit TrainableCnfSegment(const CnfSegmentSpec& spec);  // throws on a bad spec

  TrainableLayerPtr clone() const override { return std::make_unique<TrainableCnfSegment>(*this); }
  std::string type() const override { return "cnf_segment"; }
  int dim() const override { return spec_.dim; }
  int paramCount() const override { return field_.paramCount(); }
  void init(double* params, Rng& rng) const override { field_.init(params, rng); }
  Transformed forward(const double* params, const Batch& z) override;
  Transformed inverse(const double* params, const Batch& x) override;
  void backward(const double* params, const Batch& gZ, const Vector& gLogDet, double* grad, Batch& gX) override;

  // Sequential evaluations of the field: 4 per RK4 step, either way.
  int forwardPasses() const override { return 4 * spec_.steps; }
  int inversePasses() const override { return 4 * spec_.steps; }

  const CnfSegmentSpec& spec() const { return spec_; }

 private:
  // RK4 from `start` at time t0 + first·h in `steps` steps of sign·h; keeps what backward needs
  // when asked.
  Transformed solve(const double* params, const Batch& start, int first, double sign, bool keep);
  // The four stages of one step from state z at time tau, step eta, into ev and y.
  void stages(const double* params, const Batch& z, double tau, double eta, CnfFieldEval* ev, Batch* y) const;

  CnfSegmentSpec spec_;
  CnfField field_;
  // The last inverse's state at the start of each step, and when keptStages_, its stages
  // (4 per step: evaluations and stage points).
  std::vector<Batch> states_;
  bool keptStages_ = false;
  std::vector<CnfFieldEval> keptEval_;
  std::vector<Batch> keptY_;
  CnfFieldEval stage_[4];
  Batch y_[4];
};

}  // namespace flowlab
