#include "core/data/curve_density.h"

#include <gtest/gtest.h>

#include <cfenv>
#include <cmath>
#include <numbers>

namespace flowlab {
namespace {

// Two centres far apart: the far one's term is e^-20000 and must neither change the result nor
// produce subnormals, which cost ~100 cycles per operation on many CPUs (it once made the
// training command's entropy floor 36 times slower on CI's machine).
TEST(GaussianMixture, FarCentresAddNothingAndRaiseNoUnderflow) {
  Batch centres(2, 2);
  centres << 0.0, 0.0, 20.0, 0.0;
  const double sigma = 0.1;
  Batch x(64, 2);
  for (int i = 0; i < 64; ++i) x.row(i) << 0.01 * i, -0.02 * i;
  std::feclearexcept(FE_ALL_EXCEPT);
  const Vector lp = gaussianMixtureLogProb(centres, sigma, x);
  EXPECT_FALSE(std::fetestexcept(FE_UNDERFLOW)) << "a subnormal was produced";
  for (int i = 0; i < 64; ++i) {
    const double r2 = x.row(i).squaredNorm();
    const double expected = -std::log(2.0) - std::log(2.0 * std::numbers::pi * sigma * sigma) - r2 / (2 * sigma * sigma);
    EXPECT_NEAR(lp(i), expected, 1e-12 * std::abs(expected)) << "row " << i;
  }
}

// Halfway between two equal centres both terms count: log p = log N(d/2) exactly.
TEST(GaussianMixture, EquidistantCentresBothCount) {
  Batch centres(2, 2);
  centres << -1.0, 0.0, 1.0, 0.0;
  Batch x(1, 2);
  x << 0.0, 0.0;
  const double sigma = 0.5;
  const double expected = -std::log(2.0 * std::numbers::pi * sigma * sigma) - 1.0 / (2 * sigma * sigma);
  EXPECT_NEAR(gaussianMixtureLogProb(centres, sigma, x)(0), expected, 1e-14);
}

}  // namespace
}  // namespace flowlab
