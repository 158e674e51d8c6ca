// Batched dense MLP  in → hidden (× depth) → out  with a hand-written backward pass.
//
// Parameters live in ONE flat array (so Adam, snapshots and rollback are plain array copies);
// layer l holds W_l (fanOut × fanIn, column-major) followed by b_l (fanOut).
// Batches here are feature-major: in × N, ONE COLUMN PER POINT, so W·A is a single GEMM
// (this is the transpose of core/types.h's point-per-row Batch; callers convert at the boundary).
// Hidden layers: a_l = act(W_l a_{l-1} + b_l); the output layer is linear.
#pragma once

#include <Eigen/Core>
#include <vector>

#include "core/nn/activation.h"
#include "core/random.h"

namespace flowlab {

template <class T>
using MatrixT = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
template <class T>
using VectorT = Eigen::Matrix<T, Eigen::Dynamic, 1>;

struct MlpShape {
  int in = 1;
  int hidden = 64;
  int depth = 2;  // number of hidden layers
  int out = 2;
  Activation activation = Activation::Relu;

  int layerCount() const { return depth + 1; }
  int fanIn(int l) const { return l == 0 ? in : hidden; }
  int fanOut(int l) const { return l == depth ? out : hidden; }
  int weightOffset(int l) const;  // first entry of W_l in the flat array
  int biasOffset(int l) const { return weightOffset(l) + fanOut(l) * fanIn(l); }
  int paramCount() const { return weightOffset(layerCount()); }
  bool operator==(const MlpShape&) const = default;
};

// Activations kept by the forward pass for the backward pass; reused across calls (no allocation
// once sizes are stable).
template <class T>
struct MlpWorkspace {
  std::vector<MatrixT<T>> act;  // act[l]: fanOut(l) × N; act.back() is the linear output
  MatrixT<T> deltaA, deltaB;    // backward scratch: dL/d(pre-activation), hidden × N
  MatrixT<T> weightT, gradT;    // transposed output weights and their gradient (small-fanOut path)
};

// PyTorch's nn.Linear default, W, b ~ U(-1/sqrt(fanIn), 1/sqrt(fanIn)); zeroLastLayer makes the
// output exactly 0 (a coupling layer that starts as the identity).
template <class T>
void mlpInit(const MlpShape& shape, T* params, Rng& rng, bool zeroLastLayer);

// x: in × n, column-major. Result in ws.act.back() (out × n).
template <class T>
void mlpForward(const MlpShape& shape, const T* params, const T* x, int n, MlpWorkspace<T>& ws);

// After mlpForward on the same x: given dOut = dL/d(output) (out × n), WRITES dL/dparams into grad
// (paramCount entries) and, when dx is non-null, dL/dx (in × n) into dx.
template <class T>
void mlpBackward(const MlpShape& shape, const T* params, const T* x, int n, MlpWorkspace<T>& ws,
                 const MatrixT<T>& dOut, T* grad, T* dx);

}  // namespace flowlab
