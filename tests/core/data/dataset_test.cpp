#include "core/data/dataset.h"

#include <gtest/gtest.h>

#include <cmath>

namespace flowlab {
namespace {

// Every dataset, standardized with its fixed analytic constants, has mean 0 and std 1 on a big
// sample (so the constants are right), and the same seed gives the same points.
TEST(Dataset, StandardizedMomentsAreZeroAndOneForEveryDataset) {
  for (const auto& name : datasetNames()) {
    SCOPED_TRACE(name);
    const auto made = Dataset::make(name);
    ASSERT_TRUE(made.ok()) << made.status.message();
    Rng rng(11);
    const Batch x = made.value.sample(200000, rng);
    for (int j = 0; j < 2; ++j) {
      const double mean = x.col(j).mean();
      const double sd = std::sqrt((x.col(j).array() - mean).square().mean());
      EXPECT_NEAR(mean, 0.0, 0.01) << "coordinate " << j;
      EXPECT_NEAR(sd, 1.0, 0.01) << "coordinate " << j;
    }
  }
}

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

// The issue's numbers: two moons has entropy ≈ 1.129 nats at σ = 0.05 and 1.825 at σ = 0.1,
// in standardized coordinates.
TEST(EntropyFloor, TwoMoonsMatchesTheIssue) {
  EXPECT_NEAR(Dataset::make("moons", 0.05).value.entropyFloor(), 1.129, 0.01);
  EXPECT_NEAR(Dataset::make("moons", 0.1).value.entropyFloor(), 1.825, 0.01);
}

// Checkerboard is uniform on area 8 with variance 4/3 per coordinate: h = log 8 - log(4/3) = log 6.
TEST(EntropyFloor, CheckerboardIsLogSix) {
  EXPECT_NEAR(Dataset::make("checkerboard").value.entropyFloor(), std::log(6.0), 1e-9);
}

// 8 well-separated Gaussians: h ≈ log 8 + log(2πe σ²) - log(var) with var = 2 + σ².
TEST(EntropyFloor, EightGaussiansMatchesSeparatedMixture) {
  const double s2 = 0.25 * 0.25;
  const double expected = std::log(8.0) + std::log(2.0 * M_PI * M_E * s2) - std::log(2.0 + s2);
  EXPECT_NEAR(Dataset::make("8gaussians").value.entropyFloor(), expected, 0.01);
}

// The quadrature and root-search densities integrate to 1 over a fine grid (so the floors are
// entropies of normalized densities).
TEST(Dataset, DensitiesIntegrateToOne) {
  for (const auto& name : datasetNames()) {
    if (name == "checkerboard") continue;  // exactly 1/8 on area 8
    SCOPED_TRACE(name);
    const Dataset d = Dataset::make(name).value;
    const int m = 200;
    const double lim = 4.0, h = 2.0 * lim / m;
    Batch grid(m * m, 2);
    for (int i = 0; i < m; ++i)
      for (int j = 0; j < m; ++j) grid.row(i * m + j) << -lim + (i + 0.5) * h, -lim + (j + 0.5) * h;
    EXPECT_NEAR(d.logProb(grid).array().exp().sum() * h * h, 1.0, 0.01);
  }
}

}  // namespace
}  // namespace flowlab
