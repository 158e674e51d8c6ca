// Flow-family models (core/families/families.h) in scene files (docs/scene-format.md, "Flow-family
// models"): a top-level "family" block holding the FamilyConfig, and "layers" holding one entry per
// trainable layer of makeFamilyFlow(config), from the base outwards:
//   "family": {"kind": "nsf", "dim": 2, "layers": 6, "hidden": 32, "depth": 2, "activation": "tanh",
//              "bins": 8, "bound": 4},
//   "layers": [{"type": "spline_coupling", "parameters": [p0, p1, ...]}, ...]
// The block names only the fields its kind uses; a field another kind uses, or an unknown one, is an
// error naming it. A layer's "type" is TrainableLayer::type() and its "parameters" the layer's slice
// of the stack's flat parameter vector, as exact decimals, so a saved model loads bit for bit.
// The stack is rebuilt from the block; every layer must match it in type and parameter count.
// Errors follow core/scene/json_read.h ("<pointer>: reason") with the field in the reason too:
// "/layers/3/parameters: layers/3/parameters: expected 642 numbers, got 641".
#pragma once

#include <string>

#include "core/families/families.h"
#include "core/scene/scene_file.h"

namespace flowlab {

// c with the fields its kind does not use at FamilyConfig's defaults: what a block reads back as
// (the same stack as c's).
FamilyConfig canonicalFamilyConfig(FamilyConfig c);
// The "family" block of a config (only the fields its kind uses).
Json familyConfigJson(const FamilyConfig& config);
// Reads and validates a "family" block at pointer `where`; `dim` is the scene's dimension.
Expected<FamilyConfig> readFamilyConfig(const Json& block, int dim, const std::string& where = "/family");

// The scene of a family stack at `params` (paramCount entries): flow, "family" block in extras.
// Caller adds name, view and any other extras.
SceneFile familyScene(const FamilyConfig& config, const Vector& params);

// The scene of a stack whose sampler is its density pass (a reverse-KL fit, core/energy/reverse_kl.h):
// "family_direction": "reversed" beside the block; "layers" still lists the stack's layers in stack
// order, and the flow runs them backwards, each inverted (core/families/layer_bijector.h).
SceneFile reversedFamilyScene(const FamilyConfig& config, const Vector& params);
// The optional top-level "family_direction": "forward" (default) or "reversed".
Expected<bool> familyDirectionReversed(const Json& root);

// Hooks of core/scene/scene_file.cpp for a root with a "family" field: reads the block and the
// layers into scene.flow (layers frozen at their parameters, core/families/layer_bijector.h) ...
Status readFamilyLayers(const Json& root, SceneFile& scene);
// ... and writes scene.flow's layers back as family entries (fails when the flow no longer is the
// stack the block describes, or a parameter is not finite).
Expected<Json> writeFamilyLayers(const SceneFile& scene);

// A parsed family scene's config and flat parameter vector.
struct FamilyModel {
  FamilyConfig config;
  Vector params;
};
// Fails when the scene has no "family" block or its flow is not the block's stack.
Expected<FamilyModel> familyModelOf(const SceneFile& scene);
bool isFamilyScene(const SceneFile& scene);

}  // namespace flowlab
