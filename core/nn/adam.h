// Adam (Kingma & Ba 2015, Alg. 1, in PyTorch's form) over a flat parameter array, with optional
// clipping of the global gradient norm:  g ← g·min(1, clip/‖g‖),
//   m ← β1 m + (1-β1) g,  v ← β2 v + (1-β2) g²,
//   p ← p − (lr / (1-β1^t)) · m / (sqrt(v / (1-β2^t)) + ε).
#pragma once

#include "core/nn/mlp.h"

namespace flowlab {

struct AdamConfig {
  double beta1 = 0.9;
  double beta2 = 0.999;
  double epsilon = 1e-8;
  double clipNorm = 0.0;  // 0: no clipping
};

template <class T>
struct AdamState {
  VectorT<T> m, v;  // first and second moment estimates, one per parameter
  long long step = 0;  // t: updates taken so far
  void reset(int count) {
    m = VectorT<T>::Zero(count);
    v = VectorT<T>::Zero(count);
    step = 0;
  }
};

struct AdamReport {
  double gradNorm = 0.0;  // ‖g‖ before clipping
  bool finite = true;     // false: a new parameter or moment is NaN/inf; the outputs must be discarded
};

// One step from (params, in) into (outParams, out). Separate outputs let a caller keep the previous
// state and roll back for free; the in-place call (outParams == params, &out == &in) also works.
template <class T>
AdamReport adamStep(const AdamConfig& config, double learningRate, const VectorT<T>& params,
                    const AdamState<T>& in, const VectorT<T>& grad, VectorT<T>& outParams, AdamState<T>& out);

}  // namespace flowlab
