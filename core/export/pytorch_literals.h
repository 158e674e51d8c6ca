// Numbers, lists and matrices as Python literals, every double exactly (the shortest
// decimal that reads back as the same double).
#pragma once

#include <string>
#include <vector>

#include "core/types.h"

namespace flowlab {

// Thrown by the writers below for a NaN or an infinity (Python has no literal for them that
// would be a faithful export); the exporters turn it into a Status naming the layer.
struct NonFiniteLiteral {};

std::string pyNumber(double v);
std::string pyList(const std::vector<double>& values);
std::string pyList(const std::vector<int>& values);
std::string pyList(const Vector& values);
std::string pyMatrix(const Matrix& m);  // row by row: [[m00, m01], [m10, m11]]
// The dense layers of an MLP in core/nn/mlp.h's flat layout (per layer W, fanOut by fanIn,
// column-major, then b) as [(W, b), ...]; masks, when given, multiply each W entrywise (MADE).
struct MlpShape;
std::string pyMlpLayers(const MlpShape& shape, const double* params, const std::vector<Matrix>& masks = {});

}  // namespace flowlab
