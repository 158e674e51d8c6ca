#include "core/train/realnvp.h"

#include <cmath>
#include <numbers>
#include <utility>

namespace flowlab {

template <class T>
RealNvp<T>::RealNvp(const RealNvpConfig& config) : config_(config) {
  shape_ = MlpShape{1, config.hidden, config.depth, 2, config.activation};
}

template <class T>
void RealNvp<T>::init(T* params, Rng& rng) const {
  for (int j = 0; j < config_.layers; ++j) mlpInit(shape_, params + j * shape_.paramCount(), rng, true);
}

template <class T>
double RealNvp<T>::forwardFlopsPerPoint() const {
  double macs = 0;
  for (int l = 0; l < shape_.layerCount(); ++l) macs += double(shape_.fanIn(l)) * shape_.fanOut(l);
  return 2.0 * macs * config_.layers;
}

template <class T>
double RealNvp<T>::forward(const T* params, const Eigen::Ref<const MatrixT<T>>& x, RealNvpWorkspace<T>& ws,
                           T* rowNll) const {
  const int n = int(x.rows()), layers = config_.layers, per = shape_.paramCount();
  const T c = T(config_.logScaleBound), invC = T(1.0 / config_.logScaleBound);
  ws.state.resize(layers + 1);
  ws.mlp.resize(layers);
  ws.tanhS.resize(layers);
  ws.expNegS.resize(layers);
  ws.state[layers] = x;
  ws.sumS.setZero(n);
  for (int j = layers - 1; j >= 0; --j) {
    const int kept = keptCoordinate(j), rest = 1 - kept;
    const MatrixT<T>& u = ws.state[j + 1];
    MatrixT<T>& v = ws.state[j];
    v.resize(n, 2);
    mlpForward(shape_, params + j * per, u.col(kept).data(), n, ws.mlp[j]);
    const MatrixT<T>& out = ws.mlp[j].act.back();  // 2 by N: row 0 s̃, row 1 t
    VectorT<T>& th = ws.tanhS[j];
    VectorT<T>& e = ws.expNegS[j];
    th = out.row(0).transpose() * invC;  // strided gather once, then vectorized tanh and exp
    th = th.array().tanh().matrix();
    e = (-c * th.array()).exp().matrix();
    ws.sumS += c * th;
    v.col(kept) = u.col(kept);
    v.col(rest).array() = (u.col(rest).array() - out.row(1).transpose().array()) * e.array();
  }
  const MatrixT<T>& z = ws.state[0];
  const T logTwoPi = T(std::log(2.0 * std::numbers::pi));
  double total = 0.0;
  for (int i = 0; i < n; ++i) {
    const T r = T(0.5) * (z(i, 0) * z(i, 0) + z(i, 1) * z(i, 1)) + logTwoPi + ws.sumS(i);
    if (rowNll) rowNll[i] = r;
    total += double(r);
  }
  return total;
}

template <class T>
double RealNvp<T>::nll(const T* params, const MatrixT<T>& x, RealNvpWorkspace<T>& ws) const {
  return forward(params, x, ws, nullptr) / double(x.rows());
}

template <class T>
double RealNvp<T>::nllAndGrad(const T* params, const MatrixT<T>& x, T* grad, RealNvpWorkspace<T>& ws) const {
  const int n = int(x.rows()), layers = config_.layers, per = shape_.paramCount();
  const double total = forward(params, x, ws, nullptr);
  const T invN = T(1.0 / n);
  ws.g = ws.state[0] * invN;  // d(mean ½|z|²)/dz
  ws.gNext.resize(n, 2);
  ws.dOut.resize(2, n);
  for (int j = 0; j < layers; ++j) {
    const int kept = keptCoordinate(j), rest = 1 - kept;
    const MatrixT<T>& v = ws.state[j];
    const VectorT<T>& th = ws.tanhS[j];
    const VectorT<T>& e = ws.expNegS[j];
    for (int i = 0; i < n; ++i) {
      // z_r = (x_r - t)·e^{-s}:  dz_r/dt = -e^{-s},  dz_r/ds = -z_r,  dz_r/dx_r = e^{-s};
      // s = c·tanh(s̃/c):  ds/ds̃ = 1 - tanh²;  the loss also holds +s/N directly.
      const T gr = ws.g(i, rest);
      ws.dOut(0, i) = (invN - gr * v(i, rest)) * (T(1) - th(i) * th(i));
      ws.dOut(1, i) = -gr * e(i);
      ws.gNext(i, rest) = gr * e(i);
    }
    const bool needInputGrad = j + 1 < layers;  // the data's own gradient is never used
    ws.dKept.resize(n);
    mlpBackward(shape_, params + j * per, ws.state[j + 1].col(kept).data(), n, ws.mlp[j], ws.dOut, grad + j * per,
                needInputGrad ? ws.dKept.data() : nullptr);
    if (!needInputGrad) break;
    ws.gNext.col(kept) = ws.g.col(kept) + ws.dKept;
    std::swap(ws.g, ws.gNext);
  }
  return total / double(n);
}

template <class T>
void RealNvp<T>::logProb(const T* params, const MatrixT<T>& x, VectorT<T>& out, RealNvpWorkspace<T>& ws,
                         int chunk) const {
  const int n = int(x.rows());
  out.resize(n);
  for (int start = 0; start < n; start += chunk) {
    const int len = std::min(chunk, n - start);
    forward(params, x.middleRows(start, len), ws, out.data() + start);
  }
  out = -out;
}

template class RealNvp<float>;
template class RealNvp<double>;

}  // namespace flowlab
