// Guided steps in the 1D lab: the shared walker (app/ui/guided_steps.h) plus what a 1D step sets,
// the histogram and decile-band overlays and the layer slider ("layers").
#pragma once

#include <string>

#include "app/ui/guided_steps.h"

namespace flowlab::app {

struct AppState;
struct Lab1DState;

struct Lab1DSteps : GuidedSteps {
  struct Looks {
    bool histogram = true, bands = true;
    int visibleLayers = -1;
  } opened;  // as the scene opened
};

// After a scene is opened (s.scene set): its steps, and what step 0 looks like.
void loadLab1DSteps(AppState& app, Lab1DState& s, const std::string& source, const std::string& text = "");
// The state after the first k steps (clamped), animating the parameters or not.
void goToLab1DStep(Lab1DState& s, int k, bool animate);
// PageDown / PageUp and the buttons' requests, and the animation's clock; in the view's update.
void updateLab1DSteps(Lab1DState& s, double dt);

}  // namespace flowlab::app
