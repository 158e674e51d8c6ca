#include "core/flow/flow.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>

#include "tests/core/flow/test_bijectors.h"

namespace flowlab {
namespace {

using test::ScaleShift;
using test::TanhBump;

Vector vec(std::initializer_list<double> v) {
  Vector out(v.size());
  int i = 0;
  for (double x : v) out(i++) = x;
  return out;
}

Flow scalarAffine(double a, double b) {
  Flow flow(1);
  flow.append(std::make_unique<ScaleShift>(vec({a}), vec({b})));
  return flow;
}

TEST(Flow, EmptyFlowIsTheStandardNormal) {
  Flow flow(2);
  Batch x(2, 2);
  x << 0, 0, 1, -2;
  const Expected<Vector> lp = flow.logProb(x);
  ASSERT_TRUE(lp.ok()) << lp.status.message();
  EXPECT_NEAR(lp.value(0), -std::log(2 * std::numbers::pi), 1e-15);
  EXPECT_NEAR(lp.value(1), -std::log(2 * std::numbers::pi) - 2.5, 1e-14);
}

// Seed 003, example 1: f(z) = a z + b maps N(0,1) to N(b, a²).
TEST(Flow, ScalarAffineGivesNormalWithMeanBAndVarianceASquared) {
  const double a = 2.0, b = 1.0;
  const Flow flow = scalarAffine(a, b);
  const Vector x = Vector::LinSpaced(9, -5, 7);
  const Expected<Vector> lp = flow.logProb(x);
  ASSERT_TRUE(lp.ok());
  for (int i = 0; i < x.size(); ++i) {
    const double expected = -0.5 * std::log(2 * std::numbers::pi * a * a) - (x(i) - b) * (x(i) - b) / (2 * a * a);
    EXPECT_NEAR(lp.value(i), expected, 1e-14) << "x = " << x(i);
  }
}

TEST(Flow, LogProbIsBaseAtPreimageMinusForwardLogDet) {
  Flow flow(2);
  flow.append(std::make_unique<TanhBump>(2, 0.8));
  flow.append(std::make_unique<ScaleShift>(vec({1.5, 0.5}), vec({0.2, -1.0})));
  Batch z(3, 2);
  z << 0.3, -1.2, 2.0, 0.5, -0.7, 0.1;
  const Expected<Transformed> fwd = flow.forward(z);
  ASSERT_TRUE(fwd.ok());
  const Expected<Vector> lp = flow.logProb(fwd.value.value);
  ASSERT_TRUE(lp.ok());
  const Vector expected = flow.base().logProb(z) - fwd.value.logAbsDet;
  for (int i = 0; i < 3; ++i) EXPECT_NEAR(lp.value(i), expected(i), 1e-12);
  const Expected<Transformed> back = flow.inverse(fwd.value.value);
  ASSERT_TRUE(back.ok());
  EXPECT_LT((back.value.value - z).cwiseAbs().maxCoeff(), 1e-12);
}

TEST(Flow, InvalidLayerGivesAnErrorNamingTheLayer) {
  Flow flow(1);
  flow.append(std::make_unique<ScaleShift>(vec({1.0}), vec({0.0})));
  flow.append(std::make_unique<TanhBump>(1, -2.0));
  const Expected<Vector> lp = flow.logProb(vec({0.5}));
  EXPECT_FALSE(lp.ok());
  EXPECT_EQ(lp.status.message(), "layer 2 (test_tanh_bump): not invertible: c <= -1");
  EXPECT_EQ(lp.value.size(), 0);  // no NaN array behind the error
  EXPECT_FALSE(flow.sample(10, 1).ok());
  EXPECT_FALSE(flow.forwardTrace(vec({0.5})).ok());
}

TEST(Flow, NanOrInfiniteParameterIsInvalid) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  for (double bad : {nan, inf}) {
    const Flow flow = scalarAffine(bad, 0.0);
    ASSERT_EQ(flow.problems().size(), 1u);
    EXPECT_EQ(flow.problems()[0], "layer 1 (test_scale_shift): parameter is not finite");
    EXPECT_FALSE(flow.logProb(vec({0.0})).ok());
  }
}

TEST(Flow, ProblemsListsEveryInvalidEnabledLayer) {
  Flow flow(1);
  flow.append(std::make_unique<ScaleShift>(vec({0.0}), vec({0.0})));
  flow.append(std::make_unique<TanhBump>(1, 0.5));
  flow.append(std::make_unique<TanhBump>(1, -3.0));
  const auto problems = flow.problems();
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0], "layer 1 (test_scale_shift): singular: a scale is 0");
  EXPECT_EQ(problems[1], "layer 3 (test_tanh_bump): not invertible: c <= -1");
  flow.setEnabled(0, false);
  flow.setEnabled(2, false);
  EXPECT_TRUE(flow.validate().ok());
  EXPECT_TRUE(flow.logProb(vec({0.3})).ok());
}

TEST(Flow, DisabledLayersAreSkipped) {
  Flow flow = scalarAffine(2.0, 1.0);
  flow.append(std::make_unique<ScaleShift>(vec({10.0}), vec({0.0})), false);
  const Expected<Vector> lp = flow.logProb(vec({1.0}));
  ASSERT_TRUE(lp.ok());
  EXPECT_NEAR(lp.value(0), -0.5 * std::log(2 * std::numbers::pi * 4), 1e-14);
  EXPECT_EQ(flow.enabledCount(), 1);
}

TEST(Flow, NonFiniteIntermediateNamesTheLayerAndPoint) {
  Flow flow(1);
  flow.append(std::make_unique<ScaleShift>(vec({1e300}), vec({0.0})));
  flow.append(std::make_unique<ScaleShift>(vec({1e300}), vec({0.0})));
  const Expected<Transformed> fwd = flow.forward(vec({0.0, 1.0}));
  ASSERT_FALSE(fwd.ok());
  EXPECT_EQ(fwd.status.message().rfind("layer 2 (test_scale_shift): non-finite forward value at point 1", 0), 0u)
      << fwd.status.message();
}

// A bijector that throws (a bug in it) still gives an error value naming the layer.
class Thrower : public ScaleShift {
 public:
  Thrower() : ScaleShift(Vector::Ones(1), Vector::Zero(1)) {}
  Transformed inverse(const Batch&) const override { throw std::runtime_error("boom"); }
  std::string type() const override { return "thrower"; }
  BijectorPtr clone() const override { return std::make_unique<Thrower>(); }
};

TEST(Flow, ExceptionsFromALayerBecomeErrorValues) {
  Flow flow(1);
  flow.append(std::make_unique<ScaleShift>(vec({2.0}), vec({0.0})));
  flow.append(std::make_unique<Thrower>());
  Expected<Vector> lp;
  EXPECT_NO_THROW(lp = flow.logProb(vec({1.0})));
  EXPECT_EQ(lp.status.message(), "layer 2 (thrower): inverse failed: boom");
  EXPECT_TRUE(flow.forward(vec({1.0})).ok());
}

TEST(Flow, RejectsNonFiniteOrMisshapenInput) {
  const Flow flow(2);
  Batch x(2, 2);
  x << 0, 0, std::numeric_limits<double>::quiet_NaN(), 0;
  EXPECT_EQ(flow.logProb(x).status.message(), "point 1 is not finite");
  EXPECT_EQ(flow.logProb(Batch::Zero(3, 1)).status.message(), "point must have 2 column(s), got 1");
}

TEST(Flow, ForwardTraceKeepsEveryLayer) {
  Flow flow(2);
  flow.append(std::make_unique<ScaleShift>(vec({2.0, 3.0}), vec({1.0, 0.0})));
  flow.append(std::make_unique<TanhBump>(2, 0.5), false);
  flow.append(std::make_unique<TanhBump>(2, 0.5));
  Batch z(2, 2);
  z << 0.1, 0.2, -1.0, 0.7;
  const Expected<FlowTrace> trace = flow.forwardTrace(z);
  ASSERT_TRUE(trace.ok());
  ASSERT_EQ(trace.value.values.size(), 3u);
  ASSERT_EQ(trace.value.logAbsDets.size(), 2u);
  EXPECT_EQ(trace.value.layers, (std::vector<int>{0, 2}));
  EXPECT_DOUBLE_EQ(trace.value.values[1](0, 0), 1.2);
  EXPECT_DOUBLE_EQ(trace.value.values[1](1, 1), 2.1);
  EXPECT_NEAR(trace.value.logAbsDets[0](0), std::log(6.0), 1e-15);
  const Expected<Transformed> fwd = flow.forward(z);
  EXPECT_LT((trace.value.values.back() - fwd.value.value).cwiseAbs().maxCoeff(), 1e-15);
  EXPECT_LT((trace.value.totalLogAbsDet() - fwd.value.logAbsDet).cwiseAbs().maxCoeff(), 1e-14);
}

TEST(Flow, InverseTraceEndsExactlyAtXAndMatchesTheForwardTrace) {
  Flow flow(2);
  flow.append(std::make_unique<TanhBump>(2, 0.6));
  flow.append(std::make_unique<ScaleShift>(vec({2.0, 0.5}), vec({1.0, -1.0})), false);
  flow.append(std::make_unique<ScaleShift>(vec({1.5, -3.0}), vec({0.0, 2.0})));
  Batch x(2, 2);
  x << 0.7, -1.1, 3.0, 2.5;
  const Expected<FlowTrace> back = flow.inverseTrace(x);
  ASSERT_TRUE(back.ok());
  ASSERT_EQ(back.value.values.size(), 3u);
  EXPECT_EQ(back.value.values.back(), x);
  EXPECT_EQ(back.value.layers, (std::vector<int>{0, 2}));
  const Expected<FlowTrace> fwd = flow.forwardTrace(back.value.values.front());
  for (int k = 0; k < 3; ++k) EXPECT_LT((fwd.value.values[k] - back.value.values[k]).cwiseAbs().maxCoeff(), 1e-12);
  for (int k = 0; k < 2; ++k) EXPECT_LT((fwd.value.logAbsDets[k] - back.value.logAbsDets[k]).cwiseAbs().maxCoeff(), 1e-12);
  // log p(x) = log p_Z(z) - Σ forward log-dets.
  const Vector lp = flow.base().logProb(back.value.values.front()) - back.value.totalLogAbsDet();
  EXPECT_LT((lp - flow.logProb(x).value).cwiseAbs().maxCoeff(), 1e-14);
}

TEST(Flow, PrefixTakesTheFirstKEnabledLayers) {
  Flow flow(1);
  flow.append(std::make_unique<ScaleShift>(vec({2.0}), vec({0.0})));
  flow.append(std::make_unique<ScaleShift>(vec({100.0}), vec({0.0})), false);
  flow.append(std::make_unique<ScaleShift>(vec({3.0}), vec({1.0})));
  flow.append(std::make_unique<ScaleShift>(vec({5.0}), vec({0.0})));
  EXPECT_EQ(flow.prefix(0).layerCount(), 0);
  const Flow two = flow.prefix(2);
  ASSERT_EQ(two.layerCount(), 2);
  EXPECT_DOUBLE_EQ(two.forward(vec({1.0})).value.value(0, 0), 7.0);  // 3·(2·1) + 1
  EXPECT_EQ(flow.prefix(10).layerCount(), 3);
}

TEST(Flow, CopyIsDeepAndStackEditsWork) {
  Flow flow(1);
  flow.append(std::make_unique<TanhBump>(1, 0.5));
  flow.append(std::make_unique<ScaleShift>(vec({2.0}), vec({0.0})));
  Flow copy = flow;
  copy.layer(0).setParameter(0, -5.0);
  EXPECT_TRUE(flow.validate().ok());
  EXPECT_FALSE(copy.validate().ok());
  flow.move(1, 0);
  EXPECT_EQ(flow.layer(0).type(), "test_scale_shift");
  flow.remove(0);
  EXPECT_EQ(flow.layerCount(), 1);
  EXPECT_THROW(flow.append(std::make_unique<TanhBump>(2, 0.5)), std::invalid_argument);
}

TEST(Flow, SamplesAreSeededAndPushedForward) {
  const Flow flow = scalarAffine(2.0, 1.0);
  const Expected<Batch> a = flow.sample(50000, 42), b = flow.sample(50000, 42), c = flow.sample(50000, 43);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.value, b.value);
  EXPECT_NE(a.value, c.value);
  const double mean = a.value.mean();
  const double var = (a.value.array() - mean).square().mean();
  EXPECT_NEAR(mean, 1.0, 0.03);
  EXPECT_NEAR(var, 4.0, 0.08);
}

}  // namespace
}  // namespace flowlab
