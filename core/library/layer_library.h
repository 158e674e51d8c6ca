// The engine's catalogue of layers a user can add to a stack: type names with a one-line
// description, and a sensible default instance of each (an identity or a gentle warp).
#pragma once

#include <string>
#include <vector>

#include "core/bijector.h"

namespace flowlab {

struct LayerKind {
  std::string type;     // scene type name, e.g. "sine"
  std::string formula;  // e.g. "x = z + a·sin(ωz + φ)"
  std::string help;     // when to use it, one line
};

// The kinds available in dimension `dim` (1 or 2), in menu order.
const std::vector<LayerKind>& layerKinds(int dim);

// A default instance of `type` in dimension `dim`, or nullptr if there is no such kind.
BijectorPtr makeDefaultLayer(const std::string& type, int dim);

}  // namespace flowlab
