// One layer of a core Flow as a Python constructor expression over the classes of
// pytorch_runtime.h, with every number written exactly.
#pragma once

#include <string>

#include "core/bijector.h"
#include "core/status.h"

namespace flowlab {

// E.g. "_Planar([0.5, 1], [1, 0], 0.25)". A 1D layer becomes an _Elementwise of one coordinate.
// Fails, naming the layer's type, for a kind the export does not cover (trained family layers)
// or a non-finite number.
Expected<std::string> pytorchLayerExpression(const Bijector& layer);

}  // namespace flowlab
