// Guided steps in the 2D lab (core/scene/scene_steps.h): Next / Previous (PageDown / PageUp, what a
// presenter's clicker sends) walk a lesson's steps; parameter changes animate over half a second;
// the caption shows large at the top of the canvas.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <imgui.h>

#include "app/ui/guided_steps.h"
#include "core/scene/scene_steps.h"

namespace flowlab::app {

struct AppState;
struct Lab2DState;

// The shared walker (app/ui/guided_steps.h) plus what the 2D lab's steps set: overlays, the layer
// slider and what a prediction lesson hides.
struct Lab2DSteps : GuidedSteps {
  struct Looks {
    bool density = true, grid = true, patches = false, samples = false, roundTrip = false;
    double position = -1.0;
  } opened;                   // overlays and layer slider as opened

  // Predict, then reveal: what the output pane hides (the scene's "hidden", less what the steps
  // shown so far revealed). A revealed item fades in over kRevealSeconds.
  static constexpr double kRevealSeconds = 0.4;
  std::vector<std::string> hiddenOpened;
  struct Veil {
    bool hidden = false;
    double shown = 1.0;  // opacity in [0, 1]: 0 while hidden, rising to 1 once revealed
  };
  Veil density, grid, patches;
  bool revealRequested = false;  // the Reveal button or R
  bool anyHidden() const { return density.hidden || grid.hidden || patches.hidden; }
};

// After a scene is opened: its steps (a malformed list is reported with its line and column and
// ignored; the scene itself stays open), and what step 0 looks like. `text` is the scene's text
// (for error positions; read from `source` when empty), `source` names it in messages.
void loadLab2DSteps(AppState& app, Lab2DState& s, const std::string& source, const std::string& text = "");
// Shows the state after the first k steps (clamped), animating the parameters or not.
void goToLab2DStep(Lab2DState& s, int k, bool animate);
// PageDown / PageUp and the buttons' requests, and the animation's clock; in the view's update.
void updateLab2DSteps(Lab2DState& s, double dt);
bool lab2dStepAnimating(const Lab2DState& s);
bool lab2dRevealFading(const Lab2DState& s);
// "density,grid" of what is hidden now ("none"), for traces and tests.
std::string lab2dHiddenNames(const Lab2DState& s);
// Sidebar: "Step k of n", Previous and Next (without steps, none), and Reveal while anything is hidden.
void drawLab2DStepControls(Lab2DState& s);
// Over the data pane while something is hidden: what to predict, and how to reveal it.
void drawLab2DPrediction(ImDrawList* dl, const Lab2DState& s, ImVec2 paneMin, ImVec2 paneMax);
// The caption of the last step shown, large, in a band across the top of the canvas; returns
// the band's height (0 without steps), which the panes leave free.
float drawLab2DStepCaption(ImDrawList* dl, const Lab2DState& s, ImVec2 origin, ImVec2 size);

}  // namespace flowlab::app
