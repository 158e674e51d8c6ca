#include "app/views/lab1d/lab1d_steps.h"

#include <cmath>

#include "app/views/lab1d/lab1d_state.h"

namespace flowlab::app {

void loadLab1DSteps(AppState& app, Lab1DState& s, const std::string& source, const std::string& text) {
  Lab1DSteps& g = s.steps;
  g = Lab1DSteps{};
  loadGuidedSteps(app, g, s.scene, source, text, {"histogram", "samples", "bands"});
  g.opened = {s.showHistogram, s.showBands, s.visibleLayers};
}

void goToLab1DStep(Lab1DState& s, int k, bool animate) {
  Lab1DSteps& g = s.steps;
  if (!g.start || g.steps.empty()) return;
  walkGuidedSteps(g, s.scene.flow, k, animate);
  s.showHistogram = g.opened.histogram, s.showBands = g.opened.bands, s.visibleLayers = g.opened.visibleLayers;
  for (int i = 0; i < g.shown; ++i) {
    const SceneStep& step = g.steps[size_t(i)];
    for (const auto& [name, on] : step.overlays) {
      if (name == "histogram" || name == "samples") s.showHistogram = on;
      else if (name == "bands") s.showBands = on;
    }
    // The 1D slider counts whole layers: a fractional value shows the layers it has passed.
    if (step.layers) s.visibleLayers = *step.layers < 0 || *step.layers >= s.scene.flow.enabledCount()
                                           ? -1 : int(std::floor(*step.layers));
  }
  s.dirty = true;
}

void updateLab1DSteps(Lab1DState& s, double dt) {
  Lab1DSteps& g = s.steps;
  if (const std::optional<int> k = requestedGuidedStep(g)) goToLab1DStep(s, *k, true);
  s.dirty |= animateGuidedSteps(g, s.scene.flow, dt);
}

}  // namespace flowlab::app
