// The scene of a reverse-KL fit (docs/scene-format.md, "Targets and reverse-KL fits"): the flow q,
// whose samples are the sampler's and whose log p is log q, plus
//   "target": {...}                     (target_json.h)
//   "objective": "reverse_kl"
//   "fit": {"flow": "planar", "layers": 16, "steps": 3000, "seed": 0, "reverse_kl": ..., "log_z": ...,
//           "log_z_stderr": ..., "ess": ..., "samples": 20000}
// Planar and radial fits are plain analytic layers (core/bijectors/planar.h, radial.h), editable in
// the 2D lab; a family's is its stack reversed (core/scene/family_layers.h, "family_direction").
#pragma once

#include "core/energy/reverse_kl.h"
#include "core/scene/scene_file.h"

namespace flowlab {

SceneFile fittedFlowScene(ReverseKlTrainer& trainer, const ReverseKlEstimate& estimate);
// The same from a fit's parts (a runner's snapshot): params has makeEnergyFlow(config).paramCount() entries.
SceneFile fittedFlowScene(const ReverseKlConfig& config, const Target& target, const Vector& params, long long step,
                          const ReverseKlEstimate& estimate);
// The fit settings a scene's "fit" block records (flow, layers, steps, seed, anneal_steps), over
// `defaults`; fields it lacks keep theirs. Unknown flows are an error naming the field.
struct FitSettings {
  ReverseKlConfig config;
  int steps = 3000;
};
Expected<FitSettings> readFitSettings(const Json& fit, const FitSettings& defaults);

}  // namespace flowlab
