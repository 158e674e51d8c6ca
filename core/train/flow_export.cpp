#include "core/train/flow_export.h"

#include <cmath>
#include <cstdio>
#include <string>

#include <memory>

#include "core/bijectors/affine_coupling.h"
#include "core/nn/mlp_conditioner.h"

namespace flowlab {

Flow exportRealNvp(const RealNvpConfig& config, const std::vector<float>& params) {
  const RealNvp<float> model(config);
  const int per = model.mlpShape().paramCount();
  Flow flow(2);
  for (int j = 0; j < config.layers; ++j) {
    std::vector<double> weights(params.begin() + j * per, params.begin() + (j + 1) * per);
    auto conditioner = std::make_unique<MlpConditioner>(model.mlpShape(), std::move(weights), config.logScaleBound);
    flow.append(std::make_unique<AffineCoupling>(2, std::vector<int>{model.keptCoordinate(j)}, std::move(conditioner)));
  }
  return flow;
}

Expected<ImportedRealNvp> importRealNvp(const Flow& flow) {
  ImportedRealNvp out;
  if (flow.dim() != 2) return {Status::error("a trainable RealNVP is 2D"), out};
  if (flow.layerCount() < 1) return {Status::error("the flow has no layers"), out};
  const MlpConditioner* first = nullptr;
  for (int j = 0; j < flow.layerCount(); ++j) {
    const std::string label = flow.layerLabel(j);
    const auto* coupling = dynamic_cast<const AffineCoupling*>(&flow.layer(j));
    if (!coupling || !flow.isEnabled(j)) return {Status::error(label + ": not an enabled affine coupling"), out};
    if (coupling->kept() != std::vector<int>{j % 2})
      return {Status::error(label + ": must keep coordinate " + std::to_string(j % 2)), out};
    const auto* mlp = dynamic_cast<const MlpConditioner*>(&coupling->conditioner());
    if (!mlp) return {Status::error(label + ": the conditioner is not an mlp"), out};
    if (!first) first = mlp;
    if (!(mlp->shape() == first->shape()) || mlp->logScaleBound() != first->logScaleBound())
      return {Status::error(label + ": its mlp differs in shape or bound from layer 1's"), out};
    // The trainer keeps float32 weights: one beyond a float's range would become inf (and be
    // written back as null), so it is refused here with its layer.
    for (double w : mlp->weights()) {
      if (!std::isfinite(float(w))) {
        char value[32];
        std::snprintf(value, sizeof value, "%.6g", w);
        return {Status::error(label + ": a weight (" + value + ") is beyond the range of a 32-bit float"), out};
      }
      out.params.push_back(float(w));
    }
  }
  const MlpShape& s = first->shape();
  if (s.in != 1 || s.out != 2 || s.depth < 1)
    return {Status::error("the mlp conditioners must map 1 → hidden → … → 2"), out};
  out.config.layers = flow.layerCount();
  out.config.hidden = s.hidden;
  out.config.depth = s.depth;
  out.config.activation = s.activation;
  out.config.logScaleBound = first->logScaleBound();
  return {Status::okStatus(), out};
}

}  // namespace flowlab
