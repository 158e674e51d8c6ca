#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "core/bijectors/affine_1d.h"
#include "core/bijectors/elementwise.h"
#include "core/bijectors/linear.h"
#include "core/bijectors/sine_1d.h"
#include "core/bijectors/swap.h"
#include "tests/core/bijectors/status_matchers.h"

namespace flowlab {
namespace {

using test::failsWith;

Elementwise affineAndSine(double a, double sineA) {
  std::vector<BijectorPtr> maps;
  maps.push_back(std::make_unique<Affine1D>(a, 1.0));
  maps.push_back(std::make_unique<Sine1D>(sineA, 1.0, 0.0));
  return Elementwise(std::move(maps));
}

TEST(Elementwise, AppliesOneMapPerCoordinateAndSumsLogDets) {
  const Elementwise f = affineAndSine(2.0, 0.5);
  Batch z(1, 2);
  z << 3.0, 0.4;
  const Transformed t = f.forward(z);
  EXPECT_DOUBLE_EQ(t.value(0, 0), 7.0);
  EXPECT_DOUBLE_EQ(t.value(0, 1), 0.4 + 0.5 * std::sin(0.4));
  EXPECT_NEAR(t.logAbsDet(0), std::log(2.0) + std::log(1.0 + 0.5 * std::cos(0.4)), 1e-15);
}

TEST(Elementwise, ValidateSaysWhichCoordinate) {
  EXPECT_TRUE(failsWith(affineAndSine(2.0, 1.5).validate(), "coordinate 1 (sine): not invertible"));
  EXPECT_TRUE(failsWith(affineAndSine(0.0, 0.5).validate(), "coordinate 0 (affine): singular: a = 0"));
}

TEST(Elementwise, ParametersArePrefixedByCoordinateAndReachTheChild) {
  Elementwise f = affineAndSine(2.0, 0.5);
  const auto p = f.parameters();
  ASSERT_EQ(p.size(), 5u);
  EXPECT_EQ(p[0].name, "0.a");
  EXPECT_EQ(p[3].name, "1.omega");
  f.setParameter(2, 3.0);  // 1.a: now |a ω| = 3
  EXPECT_FALSE(f.validate().ok());
  const Elementwise copy = f;  // deep copy
  f.setParameter(2, 0.1);
  EXPECT_FALSE(copy.validate().ok());
  EXPECT_TRUE(f.validate().ok());
}

TEST(Elementwise, RejectsMultiDimensionalChildren) {
  std::vector<BijectorPtr> maps;
  maps.push_back(std::make_unique<Linear>(Linear::rotation(0.3)));
  EXPECT_THROW(Elementwise(std::move(maps)), std::invalid_argument);
  EXPECT_THROW(Elementwise({}), std::invalid_argument);
}

TEST(Swap, ReversesCoordinatesAndIsItsOwnInverse) {
  const Swap s(3);
  Batch z(2, 3);
  z << 1, 2, 3, 4, 5, 6;
  const Transformed t = s.forward(z);
  Batch expected(2, 3);
  expected << 3, 2, 1, 6, 5, 4;
  EXPECT_EQ(t.value, expected);
  EXPECT_EQ(t.logAbsDet, Vector::Zero(2));
  EXPECT_EQ(s.inverse(t.value).value, z);
  EXPECT_TRUE(s.parameters().empty());
  EXPECT_EQ(Swap().dim(), 2);
  EXPECT_EQ(s.type(), "swap");
  EXPECT_THROW(Swap(0), std::invalid_argument);
}

}  // namespace
}  // namespace flowlab
