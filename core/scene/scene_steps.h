// Guided steps of a lesson (docs/scene-format.md, "steps"): an ordered list a presenter walks with
// Next and Previous. Each step has a one-line caption and the changes it makes: parameter values
// of layers, overlays switched on or off, the layer slider, and reveals. State after k steps is
// always rebuilt from the scene as opened, so walking back lands exactly where walking forward was.
//   "steps": [{"caption": "Push along u", "set": [{"layer": 1, "parameter": "u0", "value": 1.5}],
//              "overlays": {"grid": true, "patches": false}, "layers": 1}, ...]
// Predict, then reveal: a top-level "hidden": ["density", "grid", "patches"] hides those of the
// output (data) pane until revealed, by the Reveal button or by a step's "reveal": true (all) or
// "reveal": ["grid"] (some).
// "layer" counts from 1 as the stack editor does; "parameter" is the name the layer's parameters()
// give (u0, u1, w0, w1, b for a 2D planar layer: indices from 0, as in the scene's arrays).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/flow/flow.h"
#include "core/scene/scene_file.h"

namespace flowlab {

struct StepChange {
  int layer = 0;      // index into the flow (0-based)
  int parameter = 0;  // index into the layer's parameters()
  double value = 0.0;
};

struct SceneStep {
  std::string caption;
  std::vector<StepChange> changes;
  std::vector<std::pair<std::string, bool>> overlays;  // name, on (the view knows the names)
  std::optional<double> layers;                         // the layer slider (k; -1 = all)
  std::vector<std::string> reveals;                     // hideable names this step reveals
};

// What a scene can hide for a prediction: "density", "grid", "patches".
const std::vector<std::string>& hideableOverlays();
// The scene's "hidden" (empty when it has none); errors name the entry ("/hidden/1: ...").
Expected<std::vector<std::string>> readHiddenOverlays(const SceneFile& scene);
// Of `hidden`, what is still hidden after the first k steps (k clamped) revealed theirs.
std::vector<std::string> hiddenAfterSteps(const std::vector<std::string>& hidden, const std::vector<SceneStep>& steps,
                                          int k);

// The scene's "steps" (empty when it has none), after checking its "hidden" too. Errors are "<json pointer>: reason", as the other
// scene readers give ("/steps/2/set/0/parameter: layer 1 (planar) has no parameter \"u3\"; it has
// u0, u1, w0, w1, b").
Expected<std::vector<SceneStep>> readSceneSteps(const SceneFile& scene);
// The flow after the first k steps (k clamped to [0, steps]), starting from `start`.
Flow flowAfterSteps(const Flow& start, const std::vector<SceneStep>& steps, int k);
// A flow between two of the same structure (a step's animation): every parameter moves from its
// value in `from` to its value in `to` along the smoothstep 3t² − 2t³ (t clamped to [0, 1]).
Flow blendFlows(const Flow& from, const Flow& to, double t);

}  // namespace flowlab
