#include "core/bijectors/root_finding.h"

#include <cstdio>

namespace flowlab::detail {

Status bracketError(double lo, double hi, double gLo, double gHi) {
  char buffer[160];
  std::snprintf(buffer, sizeof buffer, "root finding: g(%.6g) = %.3g and g(%.6g) = %.3g do not bracket a root",
                lo, gLo, hi, gHi);
  return Status::error(buffer);
}

}  // namespace flowlab::detail
