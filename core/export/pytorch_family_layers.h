// The layers of a flow-family model (core/families, a scene with a "family" block) as Python
// constructor expressions over pytorch_runtime.h's classes: each trained layer with its weights.
#pragma once

#include <string>
#include <vector>

#include "core/families/trainable_layer.h"
#include "core/scene/scene_file.h"
#include "core/status.h"

namespace flowlab {

// One trainable layer at its parameters (paramCount entries), in FlowLab's directions (forward
// generative). Fails naming the type for a layer kind the export does not cover.
Expected<std::string> pytorchTrainableLayerExpression(TrainableLayer& layer, const std::vector<double>& params);

// Per layer of scene.flow (null entries for layers that are not trained family layers), the
// expression of that trained layer, rebuilt from the scene's "family" block: the stack of
// makeFamilyFlow, matched layer by layer in type and parameter count (a reverse-KL fit's flow
// runs the stack backwards, each layer inverted). Empty when the scene has no "family" block.
Expected<std::vector<std::string>> pytorchFamilyLayerExpressions(const SceneFile& scene);

}  // namespace flowlab
