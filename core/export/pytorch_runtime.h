// The fixed part of an exported PyTorch script: the layer classes, the root finder and the Flow
// module, as Python source (PyTorch and math only). pytorch_export.cpp appends the layer
// constructors with the scene's numbers.
#pragma once

#include <string>

namespace flowlab {

// Python source defining _Flow and one class per supported layer kind; defines no `flow` and has
// no side effects when run (no printing, no files, no global torch settings).
const std::string& pytorchRuntimeSource();

}  // namespace flowlab
