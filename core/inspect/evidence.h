// The engine's own evidence, for the views' truth overlays: a finite-difference check of each
// layer's analytic log|det J| at a point, and where (which points, which layer) a flow first
// produces a non-finite value, so the app can show numerical trouble where it happens.
#pragma once

#include <string>

#include "core/bijector.h"
#include "core/flow/flow.h"

namespace flowlab {

// log|det J| of `layer` at `at` from central differences of its forward map (step h per
// coordinate, h = 1e-5·max(1, |at_j|)): an estimate independent of the layer's own formula.
// NaN when the forward pass is not finite around the point.
double finiteDifferenceLogAbsDet(const Bijector& layer, const Vector& at);

struct NonFiniteSite {
  bool found = false;
  int layer = -1;            // stack index of the first layer (in evaluation order) gone non-finite
  std::string label;         // "layer 2 (planar)"
  std::string what;          // "value" or "log-det"
  Eigen::Array<bool, Eigen::Dynamic, 1> bad;  // N: the points that layer broke
  int count = 0;             // how many of them
  int firstPoint = -1;       // the first such row
};

// Evaluates log p's inverse pass at the N by D points `x` one enabled layer at a time (last layer
// first, as log p does) and stops at the first layer whose value or log-det is not finite for
// some point that was finite until then. Input points that are already non-finite are not counted.
// Layers are not validated first: the point is to find trouble even in a flow that passes.
NonFiniteSite locateFirstNonFinite(const Flow& flow, const Batch& x);

}  // namespace flowlab
