#include "core/bijectors/checks.h"

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace flowlab::detail {

void requireColumns(const Batch& batch, int dim, const std::string& who) {
  if (batch.cols() == dim) return;
  throw std::invalid_argument(who + ": expected an N by " + std::to_string(dim) +
                              " batch (one row per point), got " + std::to_string(batch.rows()) + " by " +
                              std::to_string(batch.cols()) + "; check the layer's dim() against the data");
}

void requireParameterIndex(int index, int count, const std::string& who) {
  if (index >= 0 && index < count) return;
  throw std::out_of_range(who + ": parameter index " + std::to_string(index) + " is outside [0, " +
                          std::to_string(count) + "); use an index into parameters()");
}

std::string indexedName(const char* prefix, int i) {
  std::string name(prefix);
  name.append(std::to_string(i));
  return name;
}

std::string indexedName(const char* prefix, int i, int j) {
  std::string name = indexedName(prefix, i);
  name.append(std::to_string(j));
  return name;
}

std::string formatNumber(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3g", value);
  return buffer;
}

Status requireFinite(const std::string& name, double value) {
  if (std::isfinite(value)) return Status::okStatus();
  return Status::error(name + " = " + formatNumber(value) + " is not finite");
}

Status requireFinite(const std::vector<Parameter>& parameters) {
  for (const Parameter& p : parameters)
    if (Status s = requireFinite(p.name, p.value); !s.ok()) return s;
  return Status::okStatus();
}

}  // namespace flowlab::detail
