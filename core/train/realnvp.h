// The fast RealNVP of the trainer (Dinh et al. 2017) on 2D points, float32 or float64.
//
// K affine couplings; flow layer j (j = 0 nearest the base) keeps coordinate j % 2 and moves the
// other one:  x_r = z_r · exp(s) + t,  with  (s̃, t) = MLP_j(x_k)  (1 → H → … → H → 2) and the
// smoothly bounded log-scale  s = c · tanh(s̃ / c).  The density pass runs x → z (layers K-1..0):
//   z_r = (x_r - t) · exp(-s),   -log p(x) = ½|z|² + log 2π + Σ_j s_j.
// All K conditioners share one flat parameter array (MLP j at offset j·mlp.paramCount()); the
// last MLP layer starts at zero, so the untrained flow is the identity.
// Batches are N by 2 column-major (Batch's layout), one row per point.
#pragma once

#include <vector>

#include "core/nn/mlp.h"

namespace flowlab {

struct RealNvpConfig {
  int layers = 6;        // K
  int hidden = 64;       // H
  int depth = 2;         // hidden layers per conditioner
  Activation activation = Activation::Tanh;
  double logScaleBound = 2.0;  // c in s = c·tanh(s̃/c)
  bool operator==(const RealNvpConfig&) const = default;
};

template <class T>
struct RealNvpWorkspace {
  std::vector<MatrixT<T>> state;        // state[j]: N by 2, input of density layer j-1 (state[K] = x)
  std::vector<MlpWorkspace<T>> mlp;     // per layer
  std::vector<VectorT<T>> tanhS, expNegS;  // per layer: tanh(s̃/c) and exp(-s), N each
  MatrixT<T> dOut;                      // 2 by N: dL/d(s̃, t)
  MatrixT<T> g, gNext;                  // N by 2: dL/dstate
  VectorT<T> dKept;                     // N: dL/dx_kept from the conditioner
  VectorT<T> sumS;                      // N: Σ_j s_j per row
};

template <class T>
class RealNvp {
 public:
  explicit RealNvp(const RealNvpConfig& config);

  const RealNvpConfig& config() const { return config_; }
  const MlpShape& mlpShape() const { return shape_; }
  int paramCount() const { return shape_.paramCount() * config_.layers; }
  int keptCoordinate(int layer) const { return layer % 2; }

  // PyTorch-style uniform init with each conditioner's last layer zero (identity flow).
  void init(T* params, Rng& rng) const;

  // Mean NLL over the rows of x (nats per point); writes its gradient into grad (paramCount).
  double nllAndGrad(const T* params, const MatrixT<T>& x, T* grad, RealNvpWorkspace<T>& ws) const;
  // Mean NLL only.
  double nll(const T* params, const MatrixT<T>& x, RealNvpWorkspace<T>& ws) const;
  // log p(x) per row, in chunks of `chunk` rows so the activations stay in cache.
  void logProb(const T* params, const MatrixT<T>& x, VectorT<T>& out, RealNvpWorkspace<T>& ws,
               int chunk = 512) const;

  // Multiply-adds per point of one forward pass (for GFLOP/s figures): 2 flops each.
  double forwardFlopsPerPoint() const;

 private:
  // x → z through every layer, keeping what the backward pass needs; returns Σ_rows NLL and
  // writes per-row NLL into rowNll when non-null.
  double forward(const T* params, const Eigen::Ref<const MatrixT<T>>& x, RealNvpWorkspace<T>& ws,
                 T* rowNll) const;

  RealNvpConfig config_;
  MlpShape shape_;
};

}  // namespace flowlab
