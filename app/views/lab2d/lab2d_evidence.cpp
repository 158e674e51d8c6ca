// The 2D lab's truth overlays, from the engine: the round-trip error field of the shown stage over
// the base pane, and the first-NaN locator over the data pane when the stage's density is not
// finite everywhere. Each is computed once per change of what it depends on.
#include <algorithm>
#include <string>

#include "app/views/lab2d/lab2d_state.h"

namespace flowlab::app {
namespace {

// Cells per axis of the evidence fields: the round trip runs each iterative inverse once per cell,
// so it stays coarser than the density (a cell is still only 2–4 pixels wide).
int evidenceCells(int resolution) { return std::min(resolution, 128); }

}  // namespace

Flow shownFlow(const Lab2DState& s) {
  int k = 0;
  double t = 0;
  morphPosition(s, k, t);
  return firstEnabledLayers(s.scene.flow, k);
}

void recomputeEvidence(Lab2DState& s, const std::string& flowSignature, int resolution) {
  Lab2DEvidence& e = s.evidence;
  int k = 0;
  double t = 0;
  morphPosition(s, k, t);
  const int cells = evidenceCells(resolution);
  const std::string key = flowSignature + "|k" + std::to_string(k) + "|c" + std::to_string(cells) + "|";
  if (!s.showRoundTrip) {
    e.roundTrip = {Status::error("round-trip overlay off"), {}};
    e.roundTripKey.clear();
  } else if (e.roundTripKey != key + rectSignature(s.baseRect)) {
    e.roundTripKey = key + rectSignature(s.baseRect);
    e.roundTrip = roundTripError(shownFlow(s), GridSpec{s.baseRect, cells, cells});
    if (e.roundTrip.ok()) {
      e.decades = roundTripDecades(e.roundTrip.value);
      e.roundTripShown = roundTripLog10(e.roundTrip.value, e.decades);
    }
    e.roundTripId = nextFieldId();
  }
  // The locator runs only when the density could not be computed: a finite field has nothing to find.
  const StageFields& from = s.fields.from;
  const bool finite = from.validity.ok() && from.density.ok();
  const Rect xRect = dataRect(s);
  if (finite) {
    e.nonFinite.reset();
    e.nonFiniteKey.clear();
  } else if (e.nonFiniteKey != key + rectSignature(xRect)) {
    e.nonFiniteKey = key + rectSignature(xRect);
    const auto located = locateNonFiniteOnGrid(shownFlow(s), GridSpec{xRect, cells, cells});
    if (located.ok()) e.nonFinite = located.value;
    else e.nonFinite.reset();
  }
}

}  // namespace flowlab::app
