// Masked autoregressive affine layers with a MADE conditioner (core/families/made.h):
//   MAF (Papamakarios et al. 2017):  x_v = z_v·exp(α_v(x_<v)) + μ_v(x_<v)
//     density  z = (x - μ(x))·exp(-α(x)): ONE conditioner pass;  sampling: D sequential passes.
//   IAF (Kingma et al. 2016):        x_v = z_v·exp(α_v(z_<v)) + μ_v(z_<v)
//     sampling: ONE pass;  density: D sequential passes  z⁽ᵏ⁾ = (x - μ(z⁽ᵏ⁻¹⁾))·exp(-α(z⁽ᵏ⁻¹⁾)),
//     z⁽⁰⁾ = 0; after pass k the first k variables of the order are exact.
// α = c·tanh(α̃/c) as the couplings bound their log-scale. "<v" is in the layer's variable order.
// IAF's backward pass runs back through all D density passes (each pass's conditioner
// activations are kept), which is exact because z⁽ᴰ⁾(x, θ) equals the true inverse identically.
// The output layer starts at zero: the layer starts as the identity.
#pragma once

#include <memory>

#include <vector>

#include "core/families/conditioner_net.h"
#include "core/families/trainable_layer.h"

namespace flowlab {

struct AutoregressiveSpec {
  int dim = 2;
  std::vector<int> order;  // order[p]: variable at position p; empty: 0..D-1
  bool inverseForm = false;  // false: MAF, true: IAF
  int hidden = 64;
  int depth = 2;
  Activation activation = Activation::Tanh;
  double logScaleBound = 2.0;
};

class TrainableAutoregressive : public TrainableLayer {
 public:
  explicit TrainableAutoregressive(const AutoregressiveSpec& spec);
  TrainableLayerPtr clone() const override { return std::make_unique<TrainableAutoregressive>(*this); }
  std::string type() const override { return spec_.inverseForm ? "iaf_affine" : "maf_affine"; }
  int dim() const override { return spec_.dim; }
  int paramCount() const override { return net_.paramCount(); }
  void init(double* params, Rng& rng) const override { net_.init(params, rng, true); }
  Transformed forward(const double* params, const Batch& z) override;
  Transformed inverse(const double* params, const Batch& x) override;
  void backward(const double* params, const Batch& gZ, const Vector& gLogDet, double* grad, Batch& gX) override;
  int forwardPasses() const override { return spec_.inverseForm ? 1 : spec_.dim; }
  int inversePasses() const override { return spec_.inverseForm ? spec_.dim : 1; }
  // Conditioner passes this layer has actually run (forward and inverse, every call), so the
  // MAF/IAF cost can be counted rather than assumed (core/families/autoregressive_cost.h).
  long long conditionerPassesRun() const { return passesRun_; }

  const AutoregressiveSpec& spec() const { return spec_; }

 private:
  // out = MADE(u): x = z·e^α + μ (generative) or z = (x - μ)·e^{-α} (density) per entry.
  void generativeStep(const Matrix& out, const Batch& z, Batch& x, Vector& logDet) const;
  void densityStep(const Matrix& out, const Batch& x, Batch& z, Vector& logDet) const;
  // Backward through one density step z = (x - μ(u))e^{-α(u)} with upstream gZ (and gLogDet when
  // this step's α gives the log det): ADDS dL/dx into gX, param grads into grad, writes dL/du.
  void densityStepBackward(const double* params, ConditionerWorkspace& ws, const Batch& z, const Batch& gZ,
                           const Vector* gLogDet, double* grad, Batch& gX, Batch* gU);

  AutoregressiveSpec spec_;
  ConditionerNet net_;
  std::vector<ConditionerWorkspace> ws_;  // one per density pass (1 for MAF, D for IAF)
  ConditionerWorkspace forwardWs_;
  std::vector<Batch> passes_;             // density passes' outputs z⁽ᵏ⁾, k = 1..passes
  Matrix dOut_;
  long long passesRun_ = 0;
};

}  // namespace flowlab
