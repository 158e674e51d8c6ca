#include "core/data/knn_entropy.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

#include "core/data/dataset.h"
#include "core/random.h"

namespace flowlab {
namespace {

Vector bruteForceKth(const Batch& p, int k) {
  Vector out(p.rows());
  for (int i = 0; i < p.rows(); ++i) {
    std::vector<double> d;
    for (int j = 0; j < p.rows(); ++j)
      if (j != i) d.push_back((p.row(i) - p.row(j)).norm());
    std::nth_element(d.begin(), d.begin() + (k - 1), d.end());
    out(i) = d[k - 1];
  }
  return out;
}

TEST(KnnEntropy, GridSearchFindsTheSameNeighboursAsBruteForce) {
  Rng rng(5);
  Batch clustered = rng.normalBatch(1500, 2);
  clustered.topRows(500) *= 0.01;  // a dense clump inside a wide cloud: uneven cells
  clustered.col(1).bottomRows(300).array() += 40.0;  // and a far group: empty cells between
  for (int k : {1, 3, 7}) {
    const Vector grid = kthNeighbourDistances(clustered, k), brute = bruteForceKth(clustered, k);
    EXPECT_LE((grid - brute).cwiseAbs().maxCoeff(), 1e-12 * brute.maxCoeff()) << "k = " << k;  // same neighbour, rounding aside
  }
}

// Tight clumps far apart (each clump would fill one cell of a uniform grid) and exact duplicates.
TEST(KnnEntropy, TreeSearchIsExactOnFarClumpsAndDuplicates) {
  Rng rng(6);
  Batch p = rng.normalBatch(2000, 2) * 1e-7;
  p.bottomRows(1000).array() += 1e4;
  p.row(17) = p.row(3);
  p.row(18) = p.row(3);
  for (int k : {1, 3}) {
    const Vector tree = kthNeighbourDistances(p, k), brute = bruteForceKth(p, k);
    EXPECT_LE((tree - brute).cwiseAbs().maxCoeff(), 1e-12 * brute.maxCoeff()) << "k = " << k;
  }
  EXPECT_EQ(kthNeighbourDistances(p, 1)(3), 0.0);
  EXPECT_EQ(kthNeighbourDistances(p, 2)(17), 0.0);
  EXPECT_GT(kthNeighbourDistances(p, 3)(17), 0.0);
}

// N(0, I) has entropy log(2πe) = 2.8379 nats.
TEST(KnnEntropy, GaussianEntropyWithinItsStandardError) {
  Rng rng(1);
  const Expected<EntropyEstimate> e = knnEntropy(rng.normalBatch(20000, 2));
  ASSERT_TRUE(e.ok()) << e.status.message();
  const double truth = std::log(2 * std::numbers::pi * std::numbers::e);
  EXPECT_NEAR(e.value.nats, truth, 0.03);
  EXPECT_LT(std::abs(e.value.nats - truth), 4 * e.value.stderr_ + 0.01);
  EXPECT_GT(e.value.stderr_, 0.001);
  EXPECT_LT(e.value.stderr_, 0.03);
}

// The built-in datasets' floors come from their exact densities; the estimate, which never sees
// a density, must land within 0.05 nats of each at 20,000 points.
TEST(KnnEntropy, MatchesTheKnownFloorsOfTheBuiltInDatasets) {
  for (const std::string& name : datasetNames()) {
    SCOPED_TRACE(name);
    const Expected<Dataset> d = Dataset::make(name);
    ASSERT_TRUE(d.ok());
    Rng rng(42);
    const Expected<EntropyEstimate> e = knnEntropy(d.value.sample(20000, rng));
    ASSERT_TRUE(e.ok()) << e.status.message();
    EXPECT_NEAR(e.value.nats, d.value.entropyFloor(), 0.05);
  }
}

// The same through Dataset::fromPoints: raw points standardized by their OWN sample moments; the
// estimate, moved into the analytic standardization by the log-Jacobian Σ_j log(ŝ_j / s_j), lands
// within 0.05 nats of each built-in floor.
TEST(KnnEntropy, OwnPointsOfEachBuiltInSetMatchItsFloor) {
  for (int kind = 0; kind < int(datasetNames().size()); ++kind) {
    SCOPED_TRACE(datasetNames()[std::size_t(kind)]);
    const Dataset builtIn = Dataset::make(datasetNames()[std::size_t(kind)]).value;
    Rng rng(43);
    const Batch raw = sampleRaw(DatasetKind(kind), builtIn.spec().noise, 20000, rng);
    const Expected<Dataset> own = Dataset::fromPoints(raw);
    ASSERT_TRUE(own.ok()) << own.status.message();
    double logJacobian = 0.0;
    for (int j = 0; j < 2; ++j) logJacobian += std::log(own.value.rawMoments().stddev(j) / builtIn.rawMoments().stddev(j));
    EXPECT_NEAR(own.value.entropyFloor() + logJacobian, builtIn.entropyFloor(), 0.05);
  }
}

TEST(KnnEntropy, RefusesWhatHasNoEntropy) {
  Batch same = Batch::Zero(50, 2);
  const auto e = knnEntropy(same);
  EXPECT_FALSE(e.ok());
  EXPECT_NE(e.status.message().find("same position"), std::string::npos) << e.status.message();
  EXPECT_FALSE(knnEntropy(Batch::Zero(3, 2)).ok());
  Batch nan = Rng(2).normalBatch(100, 2);
  nan(7, 1) = std::nan("");
  EXPECT_FALSE(knnEntropy(nan).ok());
}

}  // namespace
}  // namespace flowlab
