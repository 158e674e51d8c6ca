// Every trainable layer type, frozen at random weights, through the bijector property battery:
// round trips both ways, log-dets cancelling, log-det against a central-difference Jacobian both
// ways, batch = row by row, non-finite rows contained, clone.
#include "core/families/layer_bijector.h"
#include "family_cases.h"
#include "tests/support/bijector_properties.h"

namespace flowlab::test {
namespace {

std::vector<BijectorCase> trainableLayerCases() {
  std::vector<BijectorCase> cases;
  for (const LayerCase& lc : layerCases()) {
    BijectorCase c;
    c.name = lc.name;
    c.make = [lc](Rng& rng) -> BijectorPtr {
      TrainableLayerPtr layer = lc.make();
      const std::vector<double> w = randomWeights(*layer, rng, lc.weightNoise);
      return std::make_unique<TrainedLayerBijector>(*layer, w.data());
    };
    if (lc.pattern) c.pattern = [p = lc.pattern](const Bijector&) { return p(); };
    c.draws = 20;
    c.points = 8;
    c.inputScale = 1.5;  // with B = 2 the splines' tails are reached too
    cases.push_back(c);
  }
  return cases;
}

}  // namespace
}  // namespace flowlab::test

FLOWLAB_INSTANTIATE_BIJECTOR_PROPERTIES(TrainableLayers, ::flowlab::test::trainableLayerCases());
