// Own points (core/data/point_set.h, Dataset::fromPoints): standardization by their own moments,
// the fixed 80/20 split, sample() drawing train rows only, the k-NN floor estimate against a
// built-in floor, and every refusal (including the identical-points drill, issue 14 item 6).
#include "core/data/point_set.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>
#include <utility>

#include "core/data/dataset.h"

namespace flowlab {
namespace {

Batch rawMoons(int n, std::uint64_t seed) {
  Rng rng(seed);
  return sampleRaw(DatasetKind::Moons, 0.05, n, rng);
}

std::pair<double, double> key(const Batch& b, Eigen::Index i) { return {b(i, 0), b(i, 1)}; }

TEST(PointSet, StandardizedByItsOwnMeanAndStandardDeviation) {
  Batch raw = rawMoons(1001, 3);
  raw.col(0) = raw.col(0) * 40.0 + Batch::Constant(raw.rows(), 1, 7.0);  // far from standardized already
  const Expected<std::shared_ptr<const PointSet>> set = makePointSet(raw);
  ASSERT_TRUE(set.ok()) << set.status.message();
  const PointSet& p = *set.value;
  Batch all(raw.rows(), 2);
  all << p.train, p.test;
  for (int j = 0; j < 2; ++j) {
    const double mean = all.col(j).mean();
    const double sd = std::sqrt((all.col(j).array() - mean).square().mean());
    EXPECT_NEAR(mean, 0.0, 1e-12) << "coordinate " << j;
    EXPECT_NEAR(sd, 1.0, 1e-12) << "coordinate " << j;
  }
  EXPECT_NEAR(p.moments.mean(0), raw.col(0).mean(), 1e-12);
  EXPECT_GT(p.moments.stddev(0), 10.0);
  // Dataset's standardize/unstandardize use the same moments and invert each other.
  const Dataset d = Dataset::fromPoints(raw).value;
  EXPECT_LT((d.unstandardize(d.standardize(raw)) - raw).cwiseAbs().maxCoeff(), 1e-12);
}

// Near the top of double's range the sums and squares would overflow unless scaled first.
TEST(PointSet, HugeAndTinyCoordinatesStandardizeToo) {
  for (double scale : {1e300, 1e-300}) {
    SCOPED_TRACE(scale);
    const Batch raw = rawMoons(200, 9) * scale;
    const Expected<std::shared_ptr<const PointSet>> set = makePointSet(raw);
    ASSERT_TRUE(set.ok()) << set.status.message();
    Batch all(200, 2);
    all << set.value->train, set.value->test;
    ASSERT_TRUE(all.allFinite());
    for (int j = 0; j < 2; ++j) {
      EXPECT_NEAR(all.col(j).mean(), 0.0, 1e-12);
      EXPECT_NEAR(std::sqrt(all.col(j).array().square().mean()), 1.0, 1e-12);
    }
    EXPECT_TRUE(std::isfinite(set.value->floor));
  }
}

TEST(PointSet, SplitIsEightyTwentyDisjointAndTheSameEveryTime) {
  const Batch raw = rawMoons(1003, 4);
  const PointSet a = *makePointSet(raw).value, b = *makePointSet(raw).value;
  EXPECT_EQ(a.train.rows(), 1003 - 200);
  EXPECT_EQ(a.test.rows(), 200);
  EXPECT_EQ(a.train, b.train);
  EXPECT_EQ(a.test, b.test);
  // Disjoint and complete: the order is a permutation, and the split rows are those raw rows.
  const std::vector<int> order = pointSplitOrder(1003);
  std::vector<int> sorted = order;
  std::sort(sorted.begin(), sorted.end());
  for (int i = 0; i < 1003; ++i) ASSERT_EQ(sorted[std::size_t(i)], i);
  const Dataset d = Dataset::fromPoints(raw).value;
  const Batch standardized = d.standardize(raw);
  std::set<std::pair<double, double>> train, test;
  for (Eigen::Index i = 0; i < a.train.rows(); ++i) train.insert(key(a.train, i));
  for (Eigen::Index i = 0; i < a.test.rows(); ++i) test.insert(key(a.test, i));
  for (const auto& t : test) EXPECT_EQ(train.count(t), 0u) << "a test point is also a train point";
  EXPECT_LT((a.test.row(0) - standardized.row(order[803])).cwiseAbs().maxCoeff(), 1e-15);
  // Not the identity order: the test split is spread over the file, not its last rows.
  EXPECT_NE(std::vector<int>(order.begin(), order.begin() + 10), std::vector<int>({0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
  // Independent of any trainer seed: testSet ignores its rng for own data.
  Rng r1(1), r2(99);
  EXPECT_EQ(d.testSet(16384, r1), a.test);
  EXPECT_EQ(d.testSet(5, r2), a.test);
}

TEST(PointSet, SampleDrawsOnlyTrainRowsWithReplacement) {
  const Dataset d = Dataset::fromPoints(rawMoons(500, 5)).value;
  const PointSet& p = *d.spec().points;
  std::set<std::pair<double, double>> train, test;
  for (Eigen::Index i = 0; i < p.train.rows(); ++i) train.insert(key(p.train, i));
  for (Eigen::Index i = 0; i < p.test.rows(); ++i) test.insert(key(p.test, i));
  Rng rng(7);
  const Batch s = d.sample(5000, rng);
  std::set<std::pair<double, double>> seen;
  for (Eigen::Index i = 0; i < s.rows(); ++i) {
    ASSERT_EQ(train.count(key(s, i)), 1u) << "row " << i << " is not a train point";
    ASSERT_EQ(test.count(key(s, i)), 0u) << "row " << i << " is a test point";
    seen.insert(key(s, i));
  }
  EXPECT_GT(seen.size(), 380u) << "5000 draws from 400 rows should reach nearly all of them";
  Rng again(7);
  EXPECT_EQ(d.sample(5000, again), s);
}

// 20,000 raw moons points standardized by their OWN sample moments; the built-in floor is in
// coordinates standardized by the ANALYTIC moments. h_analytic = h_own + Σ_j log(ŝ_j / s_j).
TEST(PointSet, FloorEstimateOfRawMoonsMatchesTheBuiltInFloor) {
  const Batch raw = rawMoons(20000, 42);
  const Expected<Dataset> own = Dataset::fromPoints(raw);
  ASSERT_TRUE(own.ok()) << own.status.message();
  const Dataset builtIn = Dataset::make("moons").value;
  ASSERT_TRUE(own.value.floorIsEstimate());
  EXPECT_FALSE(builtIn.floorIsEstimate());
  double logJacobian = 0.0;
  for (int j = 0; j < 2; ++j)
    logJacobian += std::log(own.value.rawMoments().stddev(j) / builtIn.rawMoments().stddev(j));
  const double inBuiltInCoordinates = own.value.entropyFloor() + logJacobian;
  EXPECT_NEAR(inBuiltInCoordinates, builtIn.entropyFloor(), 0.05);
  EXPECT_GT(own.value.floorStdError(), 0.001);
  EXPECT_LT(own.value.floorStdError(), 0.03);
  EXPECT_TRUE(own.value.floorKnown());
  EXPECT_EQ(own.value.floorNote(), "");
  EXPECT_EQ(own.value.name(), "points");
}

TEST(PointSet, HasNoTrueDensity) {
  const Dataset d = Dataset::fromPoints(rawMoons(100, 1)).value;
  EXPECT_FALSE(d.hasTrueDensity());
  EXPECT_THROW(d.logProb(Batch::Zero(3, 2)), std::logic_error);
  EXPECT_TRUE(Dataset::make("moons").value.hasTrueDensity());
}

TEST(PointSet, SpecsCompareByIdentityOrContent) {
  const Batch raw = rawMoons(100, 1);
  const DatasetSpec a = Dataset::fromPoints(raw).value.spec(), b = Dataset::fromPoints(raw).value.spec();
  EXPECT_NE(a.points, b.points);
  EXPECT_TRUE(a == b);
  const DatasetSpec copy = a;
  EXPECT_EQ(copy.points, a.points) << "a copy shares the prepared points";
  const DatasetSpec shorter = Dataset::fromPoints(raw.topRows(50)).value.spec();
  EXPECT_FALSE(a == shorter);
  EXPECT_FALSE(a == Dataset::make("moons").value.spec());
  Batch moved = raw;
  moved(3, 1) += 1e-9;
  EXPECT_FALSE(a == Dataset::fromPoints(moved).value.spec());
}

TEST(PointSet, RefusesWhatCannotBeTrained) {
  auto message = [](const Batch& raw) {
    const auto s = makePointSet(raw);
    return s.ok() ? std::string("accepted") : s.status.message();
  };
  EXPECT_EQ(message(Batch::Zero(20, 3)), "points must have 2 coordinates, got 3");
  EXPECT_EQ(message(rawMoons(9, 1)), "9 points: training needs at least 10");
  EXPECT_EQ(message(Batch::Zero(kMaxOwnPoints + 1, 2)), "1000001 points: more than the 1000000 a run can hold");
  Batch nan = rawMoons(50, 1);
  nan(6, 1) = std::nan("");
  EXPECT_EQ(message(nan), "point 7 has a non-finite coordinate");
  nan(6, 1) = INFINITY;
  EXPECT_EQ(message(nan), "point 7 has a non-finite coordinate");
  Batch flatY = rawMoons(50, 1);
  flatY.col(1).setConstant(2.5);
  EXPECT_EQ(message(flatY), "the points have no spread in y: every point has y = 2.5");
  EXPECT_TRUE(makePointSet(rawMoons(10, 1)).ok());
}

// Issue 14 item 6: 100 copies of one point are refused with a clear message.
TEST(PointSet, IdenticalPointsAreRefused) {
  Batch same(100, 2);
  same.col(0).setConstant(0.5);
  same.col(1).setConstant(-1.25);
  const Expected<Dataset> d = Dataset::fromPoints(same);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status.message(), "the points have no spread: every point is (0.5, -1.25)");
  // Differences in the last bits only are no spread either (standardizing would amplify rounding).
  same(4, 0) = std::nextafter(0.5, 1.0);
  same(9, 1) = std::nextafter(-1.25, 0.0);
  EXPECT_EQ(Dataset::fromPoints(same).status.message(),
            "the points have no spread: every point is (0.5, -1.25) to 15 digits");
}

// Points that coincide in groups of 4 or more defeat the k = 3 estimate: the set still trains,
// with the floor unknown (NaN, never shown as a number) and a note saying why.
TEST(PointSet, CoincidingPointsLeaveTheFloorUnknown) {
  Batch grid(200, 2);
  for (int i = 0; i < 200; ++i) grid.row(i) << double(i % 10), double((i / 10) % 5);  // 50 sites x 4
  const Expected<Dataset> d = Dataset::fromPoints(grid);
  ASSERT_TRUE(d.ok()) << d.status.message();
  EXPECT_FALSE(d.value.floorKnown());
  EXPECT_TRUE(std::isnan(d.value.entropyFloor()));
  EXPECT_TRUE(std::isnan(d.value.floorStdError()));
  EXPECT_NE(d.value.floorNote().find("same position"), std::string::npos) << d.value.floorNote();
}

}  // namespace
}  // namespace flowlab
