#include <chrono>

#include "app/views/lab1d/lab1d_state.h"

namespace flowlab::app {

void recompute(Lab1DState& s) {
  if (!s.dirty) return;
  s.dirty = false;
  const auto start = std::chrono::steady_clock::now();
  const int enabled = s.scene.flow.enabledCount();
  const Flow shown = s.scene.flow.prefix(s.visibleLayers < 0 ? enabled : std::min(s.visibleLayers, enabled));
  const double xMin = s.scene.view.xMin, xMax = s.scene.view.xMax;
  Lab1DFields& f = s.fields;
  f.validity = shown.validate();
  f.curve = curve1D(shown, s.zMin, s.zMax, s.curvePoints);
  f.baseDensity = density1D(Flow(1), s.zMin, s.zMax, s.curvePoints);
  f.dataDensity = density1D(shown, xMin, xMax, s.curvePoints);
  f.bands = equalProbabilityBands(shown, 10);
  if (s.showHistogram && (!s.baseSamples || s.baseSamples->count() != s.samples ||
                          s.baseSamples->seed() != s.scene.view.seed))
    s.baseSamples.emplace(s.samples, s.scene.view.seed);
  // The same histogram as pushing the samples through f (sampleHistogram1D), from bin-edge inverses.
  f.histogram = s.showHistogram ? pushedHistogram1D(shown, *s.baseSamples, xMin, xMax, 80)
                                : Expected<Histogram1D>{Status::error("histogram hidden"), {}};
  f.mass = massGauge1D(shown, xMin, xMax, 1e-7);
  recomputeNonFinite(s);
  f.computeMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace flowlab::app
