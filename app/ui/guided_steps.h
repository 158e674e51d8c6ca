// Guided steps of a lesson (core/scene/scene_steps.h), the part both labs share: walking them with
// Next and Previous (PageDown / PageUp, what a presenter's clicker sends), each step's parameter
// changes animated over half a second, and the caption large across the top of the canvas. Each
// lab applies the overlays and layer slider of a step itself.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <imgui.h>

#include "core/scene/scene_steps.h"

namespace flowlab::app {

struct AppState;

struct GuidedSteps {
  static constexpr double kAnimationSeconds = 0.5;
  std::vector<SceneStep> steps;
  int shown = 0;              // steps applied
  std::optional<Flow> start;  // the scene's flow as opened (every state is rebuilt from it)
  std::optional<Flow> from, to;  // the animation in progress
  double clock = 0.0;
  bool nextRequested = false, previousRequested = false;
  bool animating() const { return from.has_value(); }
};

// After a scene is opened: its steps (a malformed list is reported with its line and column and
// ignored; the scene itself stays open). `text` is the scene's text (for error positions; read
// from `source` when empty); overlay names a lab does not know (`known`) are warned about.
void loadGuidedSteps(AppState& app, GuidedSteps& g, const SceneFile& scene, const std::string& source,
                     const std::string& text, const std::vector<std::string>& known);
// Shows the state after the first k steps (clamped): sets `flow`, or animates it from its current
// value. The lab applies overlays and the layer slider of steps 1..shown after this.
void walkGuidedSteps(GuidedSteps& g, Flow& flow, int k, bool animate);
// PageDown / PageUp and the buttons: the step asked for this frame, if any (may be out of range:
// walkGuidedSteps clamps it).
std::optional<int> requestedGuidedStep(GuidedSteps& g);
// Advances the animation by dt; true when `flow` changed.
bool animateGuidedSteps(GuidedSteps& g, Flow& flow, double dt);
// Sidebar: "k of n", Previous and Next (nothing without steps).
void drawGuidedStepControls(GuidedSteps& g);
// The caption of the last step shown, large, in a band across the top of the canvas; returns the
// band's height (0 without steps), which the lab leaves free.
float drawGuidedStepCaption(ImDrawList* dl, const GuidedSteps& g, ImVec2 origin, ImVec2 size);

}  // namespace flowlab::app
