// The fixed part of an exported PyTorch script: the layer classes, the root finder and the Flow
// module, as Python source (PyTorch and math only). pytorch_export.cpp appends the layer
// constructors with the scene's numbers.
#pragma once

#include <string>

namespace flowlab {

// Python source defining _Flow and one class per supported layer kind; defines no `flow` and has
// no side effects when run (no printing, no files, no global torch settings).
const std::string& pytorchRuntimeSource();

// Its parts: the hand-set layer kinds (1D maps, linear maps, planar, radial, couplings) and the
// trained family layers (couplings, autoregressive, continuous, inverted layers).
const std::string& pytorchAnalyticLayerSource();
const std::string& pytorchFamilyLayerSource();

}  // namespace flowlab
