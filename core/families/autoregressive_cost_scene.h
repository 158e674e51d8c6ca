// The scene field that opens the MAF vs IAF panel (docs/scene-format.md, "MAF vs IAF: maf_vs_iaf"):
//   "maf_vs_iaf": {"dims": [2, 4, 8, 16], "layers": 4, "hidden": 32, "depth": 2, "train_steps": 200,
//                  "batch": 256, "learning_rate": 0.005, "points": 10000, "chunk": 1000,
//                  "test_size": 2000, "seed": 0, "autostart": true}
// Every field optional (AutoregressiveCostConfig's defaults); an unknown field, a wrong type or a
// value out of range is an error "<json pointer>: reason" at the value (core/scene/json_read.h).
#pragma once

#include <optional>

#include "core/families/autoregressive_cost.h"
#include "core/scene/json_read.h"

namespace flowlab {

inline constexpr const char* kMafVsIafField = "maf_vs_iaf";

struct MafVsIafScene {
  AutoregressiveCostConfig config;
  bool autostart = true;  // start measuring as soon as the panel opens
};

// block: the value of the scene's "maf_vs_iaf" field.
Expected<MafVsIafScene> readMafVsIafBlock(const Json& block);
// The scene's block, if it has one: nullopt inside value when the scene has no such field.
Expected<std::optional<MafVsIafScene>> readMafVsIafScene(const Json& scene);

}  // namespace flowlab
