#include "tests/support/test_support.h"

namespace flowlab::test {

double maxAbsDiff(const Batch& a, const Batch& b) { return (a - b).cwiseAbs().maxCoeff(); }

}  // namespace flowlab::test
