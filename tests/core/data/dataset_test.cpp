#include "core/data/dataset.h"

#include <gtest/gtest.h>

#include <cmath>

namespace flowlab {
namespace {


TEST(Dataset, SameSeedSamePointsDifferentSeedDifferentPoints) {
  const Dataset moons = Dataset::make("moons").value;
  Rng a(5), b(5), c(6);
  const Batch xa = moons.sample(100, a), xb = moons.sample(100, b), xc = moons.sample(100, c);
  EXPECT_EQ(xa, xb);
  EXPECT_GT((xa - xc).cwiseAbs().maxCoeff(), 0.1);
}

// Moons follows sklearn's formula: with no noise every raw point lies on one of the two unit arcs.
TEST(Dataset, MoonsPointsLieOnTheArcs) {
  Rng rng(2);
  const Batch raw = sampleRaw(DatasetKind::Moons, 0.0, 1000, rng);
  for (int i = 0; i < 1000; ++i) {
    const double up = std::hypot(raw(i, 0), raw(i, 1));
    const double low = std::hypot(raw(i, 0) - 1.0, raw(i, 1) - 0.5);
    if (i < 500) {
      EXPECT_NEAR(up, 1.0, 1e-12);
      EXPECT_GE(raw(i, 1), 0.0);
    } else {
      EXPECT_NEAR(low, 1.0, 1e-12);
      EXPECT_LE(raw(i, 1), 0.5);
    }
  }
}

TEST(Dataset, RejectsUnknownNamesAndBadNoise) {
  EXPECT_FALSE(Dataset::make("banana").ok());
  EXPECT_NE(Dataset::make("banana").status.message().find("moons"), std::string::npos);
  EXPECT_FALSE(Dataset::make("checkerboard", 0.1).ok());
  EXPECT_FALSE(Dataset::make("moons", 2.0).ok());
  EXPECT_TRUE(Dataset::make("moons", 0.1).ok());
}


// Checkerboard is uniform on area 8 with variance 4/3 per coordinate: h = log 8 - log(4/3) = log 6.
TEST(EntropyFloor, CheckerboardIsLogSix) {
  EXPECT_NEAR(Dataset::make("checkerboard").value.entropyFloor(), std::log(6.0), 1e-9);
}



}  // namespace
}  // namespace flowlab
