// A normalizing flow: the base N(0, I_D) and an ordered stack of bijectors listed from the base
// outwards, x = f_K ∘ … ∘ f_1 (z). Forward is generative (z -> x), as everywhere in FlowLab.
//
// Layers can be disabled (the stack editor's checkbox); disabled layers are skipped everywhere,
// including validation. Evaluation never throws and never returns NaN arrays: an invalid layer, a
// non-finite input or a non-finite intermediate gives a Status naming the layer,
// e.g. "layer 2 (sine): not invertible: ...". Layers are numbered from 1 in messages.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/bijector.h"
#include "core/flow/standard_normal.h"
#include "core/status.h"
#include "core/types.h"

namespace flowlab {

// Every intermediate of a forward pass, for the layer-by-layer views.
struct FlowTrace {
  std::vector<Batch> values;       // K+1 entries, N by D: values[0] = z, values[k] = after k-th applied layer
  std::vector<Vector> logAbsDets;  // K entries, N: log|det J_k| of the k-th applied layer at values[k-1]
  std::vector<int> layers;         // K entries: stack index (0-based) of the k-th applied layer
  // Σ_k logAbsDets[k] = log|det ∂x/∂z| per row (zeros when no layer is applied).
  Vector totalLogAbsDet() const;
};

class Flow {
 public:
  // An empty flow of dimension dim (the identity: p_X = N(0, I)). Throws for dim < 1.
  explicit Flow(int dim);
  Flow(const Flow& other);
  Flow& operator=(const Flow& other);
  Flow(Flow&&) noexcept = default;
  Flow& operator=(Flow&&) noexcept = default;

  int dim() const { return base_.dim(); }
  const StandardNormal& base() const { return base_; }

  // --- The stack (index 0 acts on z). Null or wrong-dim bijectors throw std::invalid_argument.
  int layerCount() const { return static_cast<int>(layers_.size()); }
  int enabledCount() const;
  void append(BijectorPtr bijector, bool enabled = true);
  void insert(int index, BijectorPtr bijector, bool enabled = true);
  void remove(int index);
  void move(int from, int to);  // the layer at `from` ends up at index `to`
  const Bijector& layer(int index) const { return *layers_.at(index).bijector; }
  Bijector& layer(int index) { return *layers_.at(index).bijector; }
  bool isEnabled(int index) const { return layers_.at(index).enabled; }
  void setEnabled(int index, bool enabled) { layers_.at(index).enabled = enabled; }
  // "layer 3 (planar)": how messages name the layer at 0-based `index`.
  std::string layerLabel(int index) const;

  // The flow of the first k enabled layers only (disabled ones dropped): the layer slider.
  // k <= 0 gives the identity (the base); k >= enabledCount() gives all enabled layers.
  Flow prefix(int k) const;

  // --- Validity
  // ok(), or the first problem of an enabled layer: "layer k (type): reason".
  Status validate() const;
  // Every problem of every enabled layer, one message each (empty when valid).
  std::vector<std::string> problems() const;

  // --- Evaluation (all check validity first; inputs are N by D, one row per point)
  // x = f(z) and log|det ∂x/∂z| per row.
  Expected<Transformed> forward(const Batch& z) const;
  // z = f⁻¹(x) and log|det ∂z/∂x| per row.
  Expected<Transformed> inverse(const Batch& x) const;
  // log p_X(x) = log p_Z(f⁻¹(x)) + log|det ∂f⁻¹/∂x|, per row: N by D -> N.
  Expected<Vector> logProb(const Batch& x) const;
  // n points x = f(z), z ~ N(0, I) drawn from Rng(seed): n by D.
  Expected<Batch> sample(int n, std::uint64_t seed) const;
  // Per-layer values and log-dets of the forward pass from z.
  Expected<FlowTrace> forwardTrace(const Batch& z) const;
  // The same trace for the forward pass that ends at x, computed by inverting layer by layer:
  // values[0] = f⁻¹(x), values.back() = x exactly; logAbsDets are forward (dx/dz) terms.
  Expected<FlowTrace> inverseTrace(const Batch& x) const;

 private:
  struct Layer {
    BijectorPtr bijector;
    bool enabled = true;
  };
  void checkLayer(const BijectorPtr& bijector) const;
  Status checkInput(const Batch& points, const char* what) const;

  StandardNormal base_;
  std::vector<Layer> layers_;
};

}  // namespace flowlab
