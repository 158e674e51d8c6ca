// The velocity field of the continuous flow (core/families/cnf_layer.h), a one-hidden-layer tanh
// network of the point and the time:
//   g(z, t) = W2·tanh(W1 z + u t + b1) + b2,         z in R^D, hidden width H,
// with its exact divergence (the trace of dg/dz, which FFJORD estimates and 2D affords exactly):
//   tr dg/dz = Σ_h (1 − a_h²)·c_h,   a = tanh(W1 z + u t + b1),   c_h = Σ_i W2[i,h]·W1[h,i].
// Flat parameters, in this order: W1 (H by D, column-major), u (H), b1 (H), W2 (D by H,
// column-major), b2 (D). Batches are N by D, one row per point.
#pragma once

#include "core/random.h"
#include "core/types.h"

namespace flowlab {

// One evaluation at N points: what its backward pass reuses.
struct CnfFieldEval {
  Matrix a;    // N by H: the tanh activations
  Batch g;     // N by D: the velocity
  Vector div;  // N: tr dg/dz
};

class CnfField {
 public:
  CnfField(int dim, int hidden) : dim_(dim), hidden_(hidden) {}

  int dim() const { return dim_; }
  int hidden() const { return hidden_; }
  int paramCount() const { return 2 * dim_ * hidden_ + 2 * hidden_ + dim_; }

  // W1, u, b1 as PyTorch's nn.Linear(D + 1, H) (t is one more input); W2 a hundredth of its usual
  // size and b2 = 0, so the field starts small (the flow near the identity) yet every weight has
  // a gradient from the first step.
  void init(double* params, Rng& rng) const;

  void eval(const double* params, const Batch& y, double t, CnfFieldEval& out) const;
  // After e = eval(params, y, t): for upstream v = dL/dg (N by D) and s = dL/d(div) (N), ADDS
  // dL/dparams into grad and WRITES dL/dy (N by D) into dy. The divergence term differentiates
  // 1 − a² through tanh'' = −2a(1 − a²).
  void backward(const double* params, const Batch& y, double t, const CnfFieldEval& e, const Batch& v,
                const Vector& s, double* grad, Batch& dy) const;

 private:
  int dim_, hidden_;
};

}  // namespace flowlab
