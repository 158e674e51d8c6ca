// Small helpers shared by tests.
#pragma once

#include "core/types.h"

namespace flowlab::test {

// Largest absolute entry of a - b.
double maxAbsDiff(const Batch& a, const Batch& b);

}  // namespace flowlab::test
