// flowlab export --format pytorch: a scene's flow as a standalone Python script (PyTorch and math
// only) that rebuilds it with its numbers. The script defines `flow`, a torch.nn.Module with
// log_prob(x) (N by D float64 -> N) and sample(n) (-> n by D float64); importing it only builds
// `flow`; run as a program it prints log p of a few points.
#pragma once

#include <string>

#include "core/scene/scene_file.h"
#include "core/status.h"

namespace flowlab {

// Enabled layers only (as Flow evaluates). Fails for an invalid flow or, naming the layer
// ("layer 3 (maf_affine): ..."), for a layer kind the export does not cover.
Expected<std::string> exportPytorchScript(const SceneFile& scene);

}  // namespace flowlab
