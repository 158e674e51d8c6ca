#include "core/nn/mlp.h"

#include <cmath>

#include "core/nn/small_gemm.h"

namespace flowlab {

int MlpShape::weightOffset(int l) const {
  int offset = 0;
  for (int k = 0; k < l; ++k) offset += fanOut(k) * (fanIn(k) + 1);
  return offset;
}

namespace {

template <class T>
using Map = Eigen::Map<MatrixT<T>>;
template <class T>
using ConstMap = Eigen::Map<const MatrixT<T>>;

// One fused pass per column: bias, then the activation (the pre-activation is never stored:
// both derivatives can be read off the activation, relu' = [a > 0], tanh' = 1 - a²).
template <class T>
void biasAndActivate(MatrixT<T>& a, const T* bias, bool hidden, Activation act) {
  const Eigen::Map<const Eigen::Array<T, Eigen::Dynamic, 1>> b(bias, a.rows());
  for (Eigen::Index j = 0; j < a.cols(); ++j) {
    auto c = a.col(j).array();
    if (!hidden)
      c += b;
    else if (act == Activation::Relu)
      c = (c + b).max(T(0));
    else
      c = (c + b).tanh();
  }
}

// delta ⊙= act'(a), and bias gradient = row sums of delta, in one pass.
template <class T>
void activationBackward(MatrixT<T>& delta, const MatrixT<T>& a, Activation act, T* biasGrad) {
  Eigen::Map<Eigen::Array<T, Eigen::Dynamic, 1>> db(biasGrad, delta.rows());
  db.setZero();
  for (Eigen::Index j = 0; j < delta.cols(); ++j) {
    auto d = delta.col(j).array();
    const auto av = a.col(j).array();
    if (act == Activation::Relu)
      d = (av > T(0)).select(d, T(0));
    else
      d *= T(1) - av.square();
    db += d;
  }
}

}  // namespace

template <class T>
void mlpInit(const MlpShape& shape, T* params, Rng& rng, bool zeroLastLayer) {
  for (int l = 0; l < shape.layerCount(); ++l) {
    const int count = shape.fanOut(l) * (shape.fanIn(l) + 1);
    T* p = params + shape.weightOffset(l);
    const double bound = 1.0 / std::sqrt(double(shape.fanIn(l)));
    const bool zero = zeroLastLayer && l == shape.depth;
    for (int i = 0; i < count; ++i) p[i] = zero ? T(0) : T(bound * (2.0 * rng.uniform() - 1.0));
  }
}

template <class T>
void mlpForward(const MlpShape& shape, const T* params, const T* x, int n, MlpWorkspace<T>& ws) {
  ws.act.resize(shape.layerCount());
  for (int l = 0; l < shape.layerCount(); ++l) {
    const int fi = shape.fanIn(l), fo = shape.fanOut(l);
    const ConstMap<T> w(params + shape.weightOffset(l), fo, fi);
    const T* bias = params + shape.biasOffset(l);
    MatrixT<T>& a = ws.act[l];
    a.resize(fo, n);
    const bool hidden = l < shape.depth;
    if (fi == 1) {
      // Outer product W·x: a GEMM with inner dimension 1 is all overhead; fuse it with the bias.
      const Eigen::Map<const Eigen::Array<T, Eigen::Dynamic, 1>> b(bias, fo);
      for (int j = 0; j < n; ++j) {
        auto c = a.col(j).array();
        c = w.col(0).array() * x[j] + b;
        if (hidden && shape.activation == Activation::Relu) c = c.max(T(0));
        if (hidden && shape.activation == Activation::Tanh) c = c.tanh();
      }
      continue;
    }
    gemmNN(fo, n, fi, w.data(), l == 0 ? x : ws.act[l - 1].data(), a.data());
    biasAndActivate(a, bias, hidden, shape.activation);
  }
}

template <class T>
void mlpBackward(const MlpShape& shape, const T* params, const T* x, int n, MlpWorkspace<T>& ws,
                 const MatrixT<T>& dOut, T* grad, T* dx) {
  using Array = Eigen::Array<T, Eigen::Dynamic, 1>;
  // delta: dL/d(output of layer l); `pending` when act'(a_l) is still to be applied (then delta
  // is one of the workspace buffers, never dOut).
  const MatrixT<T>* delta = &dOut;
  MatrixT<T>* next = &ws.deltaA;
  bool pending = false;
  for (int l = shape.depth; l >= 0; --l) {
    const int fi = shape.fanIn(l), fo = shape.fanOut(l);
    const ConstMap<T> w(params + shape.weightOffset(l), fo, fi);
    Map<T> dw(grad + shape.weightOffset(l), fo, fi);
    MatrixT<T>* mutableDelta = pending ? const_cast<MatrixT<T>*>(delta) : nullptr;
    if (l == 0 && fi == 1) {
      // Input layer of a coupling conditioner (one input): act', dW = δ·xᵀ, db = Σ δ and
      // dx = Wᵀ·δ are per-column reductions, done in one pass.
      Eigen::Map<Array> dw0(grad + shape.weightOffset(0), fo), db0(grad + shape.biasOffset(0), fo);
      const auto w0 = w.col(0).array();
      dw0.setZero();
      db0.setZero();
      for (int j = 0; j < n; ++j) {
        if (pending) {
          auto c = mutableDelta->col(j).array();
          const auto a = ws.act[0].col(j).array();
          if (shape.activation == Activation::Relu)
            c = (a > T(0)).select(c, T(0));
          else
            c *= T(1) - a.square();
        }
        const auto c = delta->col(j).array();
        dw0 += c * x[j];
        db0 += c;
        if (dx) dx[j] = (w0 * c).sum();
      }
      break;
    }
    if (pending) activationBackward(*mutableDelta, ws.act[l], shape.activation, grad + shape.biasOffset(l));
    else if (l == shape.depth) Eigen::Map<VectorT<T>>(grad + shape.biasOffset(l), fo) = delta->rowwise().sum();
    if (l == 0) {
      gemmNT(fo, fi, n, delta->data(), x, dw.data());
      if (dx) {
        ws.weightT.resize(fi, fo);
        gemmTN(fi, n, fo, w.data(), delta->data(), dx, ws.weightT.data());
      }
      break;
    }
    const MatrixT<T>& prev = ws.act[l - 1];
    next->resize(fi, n);
    if (fo <= 4) {
      // Few outputs (2 for a coupling's log-scale and shift): per column, δ_prev = (Wᵀδ) ⊙ act',
      // dWᵀ += a_prev·δᵀ and the previous layer's bias sum, in registers instead of 3 passes.
      ws.weightT = w.transpose();
      MatrixT<T>& dwT = ws.gradT;
      dwT.setZero(fi, fo);
      Eigen::Map<Array> dbPrev(grad + shape.biasOffset(l - 1), fi);
      dbPrev.setZero();
      for (int j = 0; j < n; ++j) {
        auto c = next->col(j);
        const auto a = prev.col(j);
        c = ws.weightT.col(0) * (*delta)(0, j);
        dwT.col(0) += a * (*delta)(0, j);
        for (int k = 1; k < fo; ++k) {
          c += ws.weightT.col(k) * (*delta)(k, j);
          dwT.col(k) += a * (*delta)(k, j);
        }
        if (shape.activation == Activation::Relu)
          c = (a.array() > T(0)).select(c.array(), T(0)).matrix();
        else
          c.array() *= T(1) - a.array().square();
        dbPrev += c.array();
      }
      dw = dwT.transpose();
      pending = false;
    } else {
      gemmNT(fo, fi, n, delta->data(), prev.data(), dw.data());
      ws.weightT.resize(fi, fo);
      gemmTN(fi, n, fo, w.data(), delta->data(), next->data(), ws.weightT.data());
      pending = true;
    }
    delta = next;
    next = (next == &ws.deltaA) ? &ws.deltaB : &ws.deltaA;
  }
}

template void mlpInit<float>(const MlpShape&, float*, Rng&, bool);
template void mlpInit<double>(const MlpShape&, double*, Rng&, bool);
template void mlpForward<float>(const MlpShape&, const float*, const float*, int, MlpWorkspace<float>&);
template void mlpForward<double>(const MlpShape&, const double*, const double*, int, MlpWorkspace<double>&);
template void mlpBackward<float>(const MlpShape&, const float*, const float*, int, MlpWorkspace<float>&,
                                 const MatrixT<float>&, float*, float*);
template void mlpBackward<double>(const MlpShape&, const double*, const double*, int, MlpWorkspace<double>&,
                                  const MatrixT<double>&, double*, double*);

}  // namespace flowlab
