// Small shared checks for bijector constructors and validate() messages.
#pragma once

#include <string>
#include <vector>

#include "core/parameter.h"
#include "core/status.h"
#include "core/types.h"

namespace flowlab::detail {

// Throws std::invalid_argument unless batch has `dim` columns ("<who>: expected an N by D batch ...").
void requireColumns(const Batch& batch, int dim, const std::string& who);
// Throws std::out_of_range for a parameter index outside [0, count).
void requireParameterIndex(int index, int count, const std::string& who);
// "A01" style names: prefix followed by the indices (built with append, which also sidesteps
// GCC 12's false -Wrestrict on `"literal" + std::to_string(i)`).
std::string indexedName(const char* prefix, int i);
std::string indexedName(const char* prefix, int i, int j);
// Compact number for messages: "%.3g" ("1.57", "-1.3", "nan").
std::string formatNumber(double value);
// ok() when value is finite, else "<name> = nan is not finite".
Status requireFinite(const std::string& name, double value);
// First non-finite parameter as an error, else ok().
Status requireFinite(const std::vector<Parameter>& parameters);

}  // namespace flowlab::detail
