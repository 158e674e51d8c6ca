#include "core/data/point_brush.h"

#include <cmath>

#include <gtest/gtest.h>

namespace flowlab {
namespace {

TEST(PointBrush, SprayAppendsACloudOfTheChosenSpreadAndKeepsTheOldPoints) {
  Rng rng(7);
  Batch pts(2, 2);
  pts << 5, 6, 7, 8;
  const Brush brush{0.3, 10};
  for (int i = 0; i < 2000; ++i) pts = sprayPoints(pts, Eigen::Vector2d(1.0, -2.0), brush, rng);
  ASSERT_EQ(pts.rows(), 2 + 20000);
  EXPECT_EQ(pts(0, 0), 5);
  EXPECT_EQ(pts(1, 1), 8);
  const Batch cloud = pts.bottomRows(20000);
  const Eigen::RowVector2d mean = cloud.colwise().mean();
  const Eigen::RowVector2d sd = ((cloud.rowwise() - mean).array().square().colwise().sum() / 19999.0).sqrt();
  // Four standard errors: 0.3 / sqrt(20000) * 4 = 0.0085 for the mean, ~0.006 for the spread.
  EXPECT_NEAR(mean(0), 1.0, 0.0085);
  EXPECT_NEAR(mean(1), -2.0, 0.0085);
  EXPECT_NEAR(sd(0), 0.3, 0.006);
  EXPECT_NEAR(sd(1), 0.3, 0.006);
}

TEST(PointBrush, SprayStopsAtTheLimitAndRefusesUnusableInput) {
  Rng rng(1);
  Batch pts(0, 2);
  for (int i = 0; i < 10; ++i) pts = sprayPoints(pts, Eigen::Vector2d(0, 0), Brush{0.1, 8}, rng, 30);
  EXPECT_EQ(pts.rows(), 30);
  EXPECT_EQ(sprayPoints(pts, Eigen::Vector2d(0, 0), Brush{0.0, 8}, rng).rows(), 30);
  EXPECT_EQ(sprayPoints(pts, Eigen::Vector2d(0, 0), Brush{std::nan(""), 8}, rng).rows(), 30);
  EXPECT_EQ(sprayPoints(pts, Eigen::Vector2d(std::nan(""), 0), Brush{0.1, 8}, rng).rows(), 30);
  EXPECT_TRUE(pts.allFinite());
}

TEST(PointBrush, EraseRemovesExactlyThePointsWithinTheRadiusInOrder) {
  Rng rng(3);
  const Batch pts = rng.normalBatch(500, 2);
  const Eigen::Vector2d c(0.2, -0.1);
  const double r = 0.7;
  const Batch left = erasePoints(pts, c, r);
  Eigen::Index k = 0;
  for (Eigen::Index i = 0; i < pts.rows(); ++i) {
    if ((pts.row(i).transpose() - c).norm() <= r) continue;
    ASSERT_LT(k, left.rows());
    EXPECT_EQ(left.row(k), pts.row(i));
    ++k;
  }
  EXPECT_EQ(k, left.rows());
  EXPECT_LT(left.rows(), pts.rows());  // the disc held some points
  EXPECT_EQ(erasePoints(pts, c, 0.0).rows(), pts.rows());
}

}  // namespace
}  // namespace flowlab
