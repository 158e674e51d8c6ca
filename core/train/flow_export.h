// The trainer's RealNVP as a generic Flow and back: flow layer j (from the base) is
// AffineCoupling(2, {j % 2}, MlpConditioner(1 → H … → 2, c)), the exact map RealNvp evaluates.
// Weights convert float → double exactly, so importing an exported flow returns the same floats.
#pragma once

#include <vector>

#include "core/flow/flow.h"
#include "core/train/realnvp.h"

namespace flowlab {

// params: RealNvp<float>(config).paramCount() entries.
Flow exportRealNvp(const RealNvpConfig& config, const std::vector<float>& params);

struct ImportedRealNvp {
  RealNvpConfig config;
  std::vector<float> params;
};

// A 2D flow of K >= 1 enabled affine couplings with identical "mlp" conditioners (1 → … → 2)
// keeping coordinate j % 2 at layer j; anything else is an error saying which layer differs.
Expected<ImportedRealNvp> importRealNvp(const Flow& flow);

}  // namespace flowlab
