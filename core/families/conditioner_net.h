// The MLP inside a coupling or autoregressive layer, on row batches: N by `in` points in, out by N
// parameters out (feature-major, one column per point, as core/nn/mlp.h computes them).
//
// Optional per-layer 0/1 masks make it a MADE (Germain et al. 2015): the forward pass runs the
// plain MLP on the masked weights W ⊙ M, and the weight gradient is masked the same way
// (dL/dW = dL/d(W ⊙ M) ⊙ M), so masked-out weights never move.
#pragma once

#include <vector>

#include "core/nn/mlp.h"
#include "core/types.h"

namespace flowlab {

// What one forward pass keeps for its backward pass (an IAF keeps one per sequential pass).
struct ConditionerWorkspace {
  MlpWorkspace<double> mlp;
  Matrix inputT;  // in by N: the pass's input, feature-major
};

class ConditionerNet {
 public:
  ConditionerNet() = default;
  // masks empty: dense; else one fanOut(l) by fanIn(l) 0/1 matrix per MLP layer.
  explicit ConditionerNet(const MlpShape& shape, std::vector<Matrix> masks = {});

  const MlpShape& shape() const { return shape_; }
  int paramCount() const { return shape_.paramCount(); }
  bool masked() const { return !masks_.empty(); }

  // PyTorch-style uniform init; the output layer zero when zeroLast (the layer starts as identity).
  void init(double* params, Rng& rng, bool zeroLast) const;

  // input: N by in. Returns out by N; keeps activations for backward() (workspace ws).
  const Matrix& forward(const double* params, const Batch& input, ConditionerWorkspace& ws);
  // After forward on the same input: ADDS dL/dparams into grad; writes dL/dinput (N by in) into
  // dInput when non-null.
  void backward(const double* params, ConditionerWorkspace& ws, const Matrix& dOut, double* grad, Batch* dInput);

 private:
  const double* effective(const double* params);  // params, or the masked copy

  MlpShape shape_;
  std::vector<Matrix> masks_;
  // Eigen vectors, not std::vector: their fixed alignment keeps the products' rounding (peeling
  // to an aligned address) the same from run to run, so training is bit-reproducible.
  Vector maskedParams_, scratchGrad_, scratchDx_;
};

}  // namespace flowlab
