#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "core/bijectors/additive_coupling.h"
#include "core/bijectors/affine_coupling.h"
#include "core/bijectors/parametric_conditioner.h"
#include "tests/core/bijectors/random_bijectors.h"
#include "tests/core/bijectors/status_matchers.h"

namespace flowlab {
namespace {

using test::failsWith;

Batch row(double a, double b) { return (Batch(1, 2) << a, b).finished(); }

AffineCoupling seedCoupling() {
  return AffineCoupling(2, {0}, std::make_unique<ParametricConditioner>(0.5, 0.0, 2.0, 0.0, 0.0));
}

// Seed 003, example 2: z = (1, 3), s = exp(0.5), t = 2 -> x = (1, 6.946), log|det J| = 0.5, and back.
TEST(AffineCoupling, Seed003Example) {
  const AffineCoupling f = seedCoupling();
  const Transformed t = f.forward(row(1.0, 3.0));
  EXPECT_EQ(t.value(0, 0), 1.0);
  EXPECT_NEAR(t.value(0, 1), 3.0 * std::exp(0.5) + 2.0, 1e-15);
  EXPECT_NEAR(t.value(0, 1), 6.946, 5e-4);
  EXPECT_NEAR(t.logAbsDet(0), 0.5, 1e-15);
  const Transformed back = f.inverse(row(1.0, 6.946));
  EXPECT_NEAR(back.value(0, 1), 3.000, 5e-4);
  EXPECT_NEAR(back.logAbsDet(0), -0.5, 1e-15);
  Matrix expected(2, 2);
  expected << 1.0, 0.0, 0.0, std::exp(0.5);
  EXPECT_LT((f.jacobianAt(Vector::Ones(2)) - expected).cwiseAbs().maxCoeff(), 1e-9);
}

TEST(AffineCoupling, BananaJacobianHasShiftSlopeBelowTheIdentityRow) {
  // t(a) = a², s = 0 keeping coordinate 1: x0 = z0 + z1², so dx0/dz1 = 2 z1.
  const AffineCoupling f(2, {1}, std::make_unique<ParametricConditioner>(0.0, 0.0, 0.0, 0.0, 1.0));
  const Matrix J = f.jacobianAt((Vector(2) << 0.3, 1.5).finished());
  EXPECT_EQ(J(1, 1), 1.0);
  EXPECT_EQ(J(1, 0), 0.0);
  EXPECT_EQ(J(0, 0), 1.0);
  EXPECT_NEAR(J(0, 1), 3.0, 1e-8);
  EXPECT_EQ(f.kept(), std::vector<int>{1});
  EXPECT_EQ(f.rest(), std::vector<int>{0});
}

TEST(AffineCoupling, ForwardsTheConditionersParametersAndValidity) {
  AffineCoupling f = seedCoupling();
  const auto p = f.parameters();
  ASSERT_EQ(p.size(), 5u);
  EXPECT_EQ(p[0].name, "s0");
  EXPECT_EQ(p[4].name, "t2");
  EXPECT_EQ(f.conditioner().type(), "parametric");
  f.setParameter(2, 0.0);  // t0 = 0
  EXPECT_NEAR(f.forward(row(1.0, 3.0)).value(0, 1), 3.0 * std::exp(0.5), 1e-15);
  f.setParameter(0, NAN);
  EXPECT_TRUE(failsWith(f.validate(), "conditioner (parametric): s0 = nan is not finite"));
  EXPECT_EQ(f.type(), "affine_coupling");
}

TEST(AffineCoupling, ConstructionRejectsBadSplitsAndConditioners) {
  const auto c = [] { return std::make_unique<ParametricConditioner>(); };
  EXPECT_THROW(AffineCoupling(2, {}, c()), std::invalid_argument);
  EXPECT_THROW(AffineCoupling(2, {0, 1}, c()), std::invalid_argument);
  EXPECT_THROW(AffineCoupling(2, {2}, c()), std::invalid_argument);
  EXPECT_THROW(AffineCoupling(2, {0}, nullptr), std::invalid_argument);
  EXPECT_THROW(AffineCoupling(3, {0}, c()), std::invalid_argument);  // needs 1 -> 2
}

TEST(AdditiveCoupling, ShiftsOnlyAndPreservesVolume) {
  // s0 = 5 is ignored by NICE.
  const AdditiveCoupling f(2, {1}, std::make_unique<ParametricConditioner>(5.0, 0.0, 1.0, 2.0, 0.0));
  const Transformed t = f.forward(row(0.5, 2.0));
  EXPECT_DOUBLE_EQ(t.value(0, 0), 0.5 + 1.0 + 2.0 * 2.0);
  EXPECT_EQ(t.value(0, 1), 2.0);
  EXPECT_EQ(t.logAbsDet(0), 0.0);
  EXPECT_DOUBLE_EQ(f.inverse(t.value).value(0, 0), 0.5);
  EXPECT_EQ(f.type(), "additive_coupling");
}

TEST(ParametricConditioner, EvaluatesItsFormula) {
  const ParametricConditioner c(0.5, 2.0, 1.0, -1.0, 0.25);
  Batch a(2, 1), logScale, shift;
  a << 0.0, 2.0;
  c.compute(a, logScale, shift);
  EXPECT_DOUBLE_EQ(logScale(0, 0), 0.5);
  EXPECT_DOUBLE_EQ(logScale(1, 0), 0.5 + 2.0 * std::tanh(2.0));
  EXPECT_DOUBLE_EQ(shift(1, 0), 1.0 - 2.0 + 0.25 * 4.0);
  EXPECT_EQ(c.inDim(), 1);
  EXPECT_EQ(c.outDim(), 1);
}

TEST(AffineCoupling, CloneOwnsItsConditioner) {
  AffineCoupling f = seedCoupling();
  const BijectorPtr copy = f.clone();
  f.setParameter(0, 1.0);
  EXPECT_NEAR(copy->forward(row(1.0, 3.0)).logAbsDet(0), 0.5, 1e-15);
}

}  // namespace
}  // namespace flowlab
