// A stack of trainable layers listed from the base outwards (layer 0 acts on z, as core/flow/flow.h
// and core/train/realnvp.h order them), with one flat parameter vector: layer k's parameters
// start at offset(k), in stack order.
//   log p(x) = log N(z; 0, I) + Σ_k log|det dz_k/dx_k|,  z = f₁⁻¹ ∘ … ∘ f_K⁻¹ (x),
// sampling x = f_K ∘ … ∘ f₁ (z), z ~ N(0, I); nllAndGrad differentiates the mean NLL of a batch
// with respect to every parameter by running the layers' backward passes in reverse.
// Like its layers, one TrainableFlow serves one thread (they keep their last pass).
#pragma once

#include <string>
#include <vector>

#include "core/families/trainable_layer.h"

namespace flowlab {

class TrainableFlow {
 public:
  explicit TrainableFlow(int dim) : dim_(dim) {}
  TrainableFlow(TrainableFlow&&) noexcept = default;
  TrainableFlow& operator=(TrainableFlow&&) noexcept = default;

  TrainableFlow clone() const;           // same layers, for another thread
  void append(TrainableLayerPtr layer);  // throws on a null layer or a wrong dimension

  int dim() const { return dim_; }
  int layerCount() const { return int(layers_.size()); }
  TrainableLayer& layer(int k) { return *layers_.at(k); }
  const TrainableLayer& layer(int k) const { return *layers_.at(k); }
  int offset(int k) const { return offsets_.at(k); }
  int paramCount() const { return offsets_.empty() ? 0 : offsets_.back() + layers_.back()->paramCount(); }

  // Every layer's init, from the base outwards, on one generator.
  void init(double* params, Rng& rng) const;
  // Pushes x from the data side down the stack, letting each layer initialise itself from the
  // points that reach it (ActNorm) before they move on.
  void initFromData(double* params, const Batch& x);

  Transformed toData(const double* params, const Batch& z);  // z -> x, Σ log|det dx/dz|
  Transformed toBase(const double* params, const Batch& x);  // x -> z, Σ log|det dz/dx|
  Vector logProb(const double* params, const Batch& x, int chunk = 4096);
  Batch sample(const double* params, int n, Rng& rng);
  // Mean NLL over the rows of x; WRITES its gradient (paramCount entries) into grad, and
  // dNLL/dx (N by D) into gradX when non-null.
  double nllAndGrad(const double* params, const Batch& x, double* grad, Batch* gradX = nullptr);
  // After toBase(params, x): given dL/d(output) (N by D) and dL/d(Σ log|det|) (N), ADDS dL/dparams
  // into grad and returns dL/dx. Reverse KL (core/energy/reverse_kl.h) differentiates this pass.
  Batch backwardThroughToBase(const double* params, const Batch& gOut, const Vector& gLogDet, double* grad);
  // Σ over layers of sequential conditioner passes (MAF/IAF's cost story).
  int densityPasses() const;
  int samplingPasses() const;

 private:
  int dim_;
  std::vector<TrainableLayerPtr> layers_;
  std::vector<int> offsets_;
};

// The largest |toBase(toData(z)) − z| entry over the rows of z: 0 up to rounding for the exact
// inverses of the coupling and autoregressive families, the solver's error for a continuous flow.
double invertibilityError(TrainableFlow& flow, const double* params, const Batch& z);

// log N(z; 0, I) per row.
Vector standardNormalLogProb(const Batch& z);

}  // namespace flowlab
