// A trainable layer frozen at given parameters, as a core Bijector: families then run through
// the bijector property battery (tests/support/bijector_properties.h) and can sit in a core Flow
// next to hand-set layers. Learned weights are not exposed as editable parameters.
// forward/inverse are const for Bijector but reuse the layer's caches: a mutex serialises them.
#pragma once

#include <mutex>
#include <vector>

#include "core/bijector.h"
#include "core/families/trainable_flow.h"
#include "core/flow/flow.h"

namespace flowlab {

class TrainedLayerBijector : public Bijector {
 public:
  // inverted: the layer run the other way round (forward = the layer's inverse), for flows whose
  // sampler is a stack's density pass (reverse-KL fits, core/energy/reverse_kl.h).
  TrainedLayerBijector(const TrainableLayer& layer, const double* params, bool inverted = false);

  Transformed forward(const Batch& z) const override;
  Transformed inverse(const Batch& x) const override;
  int dim() const override { return layer_->dim(); }
  std::string type() const override { return layer_->type(); }
  Status validate() const override;  // finite parameters
  // Central differences as Bijector's default, but each point in its own one-row batch: the
  // conditioners' GEMMs may round a column differently by its position in a batch, and a
  // structural zero of dx/dz must come out exactly zero.
  Matrix jacobianAt(const Vector& z) const override;
  std::vector<Parameter> parameters() const override { return {}; }
  void setParameter(int, double) override {}
  BijectorPtr clone() const override;

  const std::vector<double>& weights() const { return params_; }
  bool inverted() const { return inverted_; }

 private:
  TrainableLayerPtr layer_;
  std::vector<double> params_;
  bool inverted_ = false;
  mutable std::mutex mutex_;
};

// The stack at `params` as a core Flow, layer by layer (same order, from the base outwards).
Flow toCoreFlow(const TrainableFlow& flow, const double* params);
// The flow whose sampler is the stack's density pass (toBase): the layers in reverse order, each
// inverted. Its log p is the reverse-KL fit's log q.
Flow toReversedCoreFlow(const TrainableFlow& flow, const double* params);

}  // namespace flowlab
