// The evidence behind the labs' truth overlays: an injected error must show up in each, at the
// right place and the right size (round-trip field, probe log-det check, first-NaN locator).
#include <gtest/gtest.h>

#include <cmath>

#include "core/bijectors/affine_1d.h"
#include "core/bijectors/linear.h"
#include "core/bijectors/planar.h"
#include "core/bijectors/sine_1d.h"
#include "core/eval/round_trip.h"
#include "core/inspect/nonfinite_locator.h"
#include "core/inspect/point_probe.h"

namespace flowlab {
namespace {

// x = z + 1, whose inverse is off by 1e-6 in x₂ right of x₁ = 2 (z₁ > 1): a solver that stops early there.
class SloppyRightOfOne : public Linear {
 public:
  SloppyRightOfOne() : Linear(Matrix::Identity(2, 2), Vector::Constant(2, 1.0)) {}
  Transformed inverse(const Batch& x) const override {
    Transformed t = Linear::inverse(x);
    for (int i = 0; i < x.rows(); ++i)
      if (x(i, 0) > 2.0) t.value(i, 1) += 1e-6 * (x(i, 0) - 2.0);
    return t;
  }
  std::unique_ptr<Bijector> clone() const override { return std::make_unique<SloppyRightOfOne>(*this); }
};

// A linear map whose forward pass overflows for z₁ < −3 (an intermediate the flow refuses).
class OverflowLeftOfMinusThree : public Linear {
 public:
  OverflowLeftOfMinusThree() : Linear(Matrix::Identity(2, 2), Vector::Zero(2)) {}
  Transformed forward(const Batch& z) const override {
    Transformed t = Linear::forward(z);
    for (int i = 0; i < z.rows(); ++i)
      if (z(i, 0) < -3.0) t.value(i, 0) = HUGE_VAL;
    return t;
  }
  std::unique_ptr<Bijector> clone() const override { return std::make_unique<OverflowLeftOfMinusThree>(*this); }
};

// A planar layer whose reported log-det is off by `error`.
class SkewedPlanar : public Planar {
 public:
  SkewedPlanar(Vector u, Vector w, double b, double error) : Planar(u, w, b), error_(error) {}
  Transformed forward(const Batch& z) const override {
    Transformed t = Planar::forward(z);
    t.logAbsDet.array() += error_;
    return t;
  }
  std::unique_ptr<Bijector> clone() const override { return std::make_unique<SkewedPlanar>(*this); }

 private:
  double error_;
};

Vector vec2(double a, double b) {
  Vector v(2);
  v << a, b;
  return v;
}

Matrix rotation(double angle) {
  Matrix A(2, 2);
  A << std::cos(angle), -std::sin(angle), std::sin(angle), std::cos(angle);
  return A;
}

TEST(TruthRoundTrip, AnInverseOffBy1e6ShowsItsSizeWhereItIs) {
  Flow flow(2);
  flow.append(std::make_unique<SloppyRightOfOne>());
  const auto r = roundTripError(flow, {{-3, 3, -3, 3}, 60, 60});
  ASSERT_TRUE(r.ok()) << r.status.message();
  const RoundTripField& f = r.value;
  // The error is 1e-6·(z₁ − 1) right of z₁ = 1, largest at the right edge (cell centre z₁ = 2.95).
  EXPECT_NEAR(f.maxError, 1e-6 * 1.95, 1e-12);
  ASSERT_EQ(f.maxAt.size(), 2);
  EXPECT_NEAR(f.maxAt(0), 2.95, 1e-12);
  EXPECT_EQ(f.nonFinite, 0);
  EXPECT_EQ(f.error(f.maxCell), f.maxError);
  // Left of z₁ = 1 the round trip is exact.
  for (int i = 0; i < f.error.size(); ++i) {
    if (gridPoints(f.grid, i, i + 1)(0, 0) < 1.0) {
      ASSERT_LT(f.error(i), 1e-15) << i;
    }
  }
  // On the colour scale the bad region tops the range; exact cells sit at its bottom.
  const RoundTripDecades d = roundTripDecades(f);
  EXPECT_EQ(d.low, -17);
  EXPECT_EQ(d.high, -5);
  const Vector shown = roundTripLog10(f, d);
  EXPECT_DOUBLE_EQ(shown(f.maxCell), std::log10(f.maxError));
  EXPECT_EQ(shown(0), -17);
}

TEST(TruthRoundTrip, AHealthyFlowStaysAtTheBottomOfTheScale) {
  Flow flow(2);
  flow.append(std::make_unique<Linear>(rotation(0.7), vec2(0.3, -0.2)));
  const auto r = roundTripError(flow, {{-3, 3, -3, 3}, 32, 32});
  ASSERT_TRUE(r.ok());
  EXPECT_LT(r.value.maxError, 1e-14);
  EXPECT_EQ(roundTripDecades(r.value).high, -10) << "rounding noise is never drawn bright";
}

TEST(TruthRoundTrip, APlanarLayerNearNonInvertibilityShowsALargeErrorAtItsFold) {
  // w·u = −0.99999: x = z + u·tanh(w·z) nearly folds along w·z = 0, where the inverse's Newton
  // solve is ill-conditioned; the error there is far above the rounding of a healthy layer.
  Flow healthy(2), nearFold(2);
  healthy.append(std::make_unique<Planar>(vec2(1.0, 0.0), vec2(-0.5, 0.5), 0.0));
  nearFold.append(std::make_unique<Planar>(vec2(1.0, 0.0), vec2(-0.99999, 0.3), 0.0));
  const GridSpec grid{{-3, 3, -3, 3}, 61, 61};
  const auto a = roundTripError(healthy, grid), b = roundTripError(nearFold, grid);
  ASSERT_TRUE(a.ok() && b.ok()) << b.status.message();
  std::printf("healthy max %.3g at (%.3f, %.3f); near fold max %.3g at (%.3f, %.3f)\n", a.value.maxError,
              a.value.maxAt(0), a.value.maxAt(1), b.value.maxError, b.value.maxAt(0), b.value.maxAt(1));
  EXPECT_GT(b.value.maxError, 1000 * std::max(a.value.maxError, 1e-16));
  // At the fold: w·z small at the worst cell (within a few cells of the line w·z = 0).
  EXPECT_LT(std::abs(-0.99999 * b.value.maxAt(0) + 0.3 * b.value.maxAt(1)), 0.3);
}

TEST(TruthRoundTrip, APointThatOverflowsIsCountedNotFatal) {
  Flow flow(2);
  flow.append(std::make_unique<OverflowLeftOfMinusThree>());
  const auto r = roundTripError(flow, {{-4, 4, -1, 1}, 8, 2});  // column 0 has z₁ = −3.5
  ASSERT_TRUE(r.ok()) << r.status.message();
  EXPECT_EQ(r.value.nonFinite, 2);
  EXPECT_TRUE(std::isinf(r.value.error(0)));
  EXPECT_TRUE(std::isinf(r.value.error(8)));
  EXPECT_LT(r.value.maxError, 1e-15);
  EXPECT_EQ(roundTripLog10(r.value, roundTripDecades(r.value))(0), -9) << "above the top of the scale";
}

TEST(TruthProbe, ALogDetOffByAConstantShowsInEveryRowOfThatLayerOnly) {
  Flow flow(2);
  flow.append(std::make_unique<Linear>(rotation(0.4) * 1.3, vec2(0.1, 0.0)));
  flow.append(std::make_unique<SkewedPlanar>(vec2(0.8, -0.3), vec2(1.1, 0.4), 0.2, 0.01));
  for (const Vector& z : {vec2(0.3, -0.7), vec2(-1.2, 0.5), vec2(2.0, 1.0)}) {
    const auto p = probeAtBase(flow, z);
    ASSERT_TRUE(p.ok());
    ASSERT_EQ(p.value.terms.size(), 2u);
    EXPECT_LT(std::abs(p.value.terms[0].logAbsDetDifference()), 1e-8);
    EXPECT_TRUE(p.value.terms[0].logAbsDetAgrees());
    EXPECT_NEAR(p.value.terms[1].logAbsDetDifference(), 0.01, 1e-7);
    EXPECT_FALSE(p.value.terms[1].logAbsDetAgrees());
    EXPECT_EQ(p.value.terms[1].label, "layer 2 (planar)");
  }
}

TEST(TruthLocator, FirstEnabledLayersKeepsTheEditorsNumbering) {
  Flow flow(2);
  for (int i = 0; i < 4; ++i) flow.append(std::make_unique<Linear>(rotation(0.1 * i), vec2(0, 0)));
  flow.setEnabled(1, false);
  const Flow two = firstEnabledLayers(flow, 2);
  ASSERT_EQ(two.layerCount(), 4);
  EXPECT_TRUE(two.isEnabled(0));
  EXPECT_FALSE(two.isEnabled(1));
  EXPECT_TRUE(two.isEnabled(2));
  EXPECT_FALSE(two.isEnabled(3));
  EXPECT_EQ(firstEnabledLayers(flow, 0).enabledCount(), 0);
}

TEST(TruthLocator, ANanParameterInLayer2IsNamedAndMarkedMidPane) {
  Flow flow(2);
  flow.append(std::make_unique<Linear>(rotation(0.3), vec2(0, 0)));
  flow.append(std::make_unique<Linear>(rotation(-0.2) * 0.8, vec2(0.5, 0)));
  flow.append(std::make_unique<Planar>(vec2(1.0, 0.0), vec2(1.0, 2.0), 0.0));
  flow.layer(1).setParameter(0, std::nan(""));  // A₁₁ of layer 2
  const auto g = locateNonFiniteOnGrid(flow, {{-4, 4, -2, 2}, 16, 8});
  ASSERT_TRUE(g.ok()) << g.status.message();
  ASSERT_TRUE(g.value.site.found);
  EXPECT_EQ(g.value.site.layer, 1);
  EXPECT_EQ(g.value.site.label, "layer 2 (linear)");
  EXPECT_EQ(g.value.site.count, 16 * 8);
  // Every point is bad: the mark goes to a cell at the middle of the pane.
  ASSERT_EQ(g.value.at.size(), 2);
  EXPECT_NEAR(std::abs(g.value.at(0)), 0.25, 1e-12);
  EXPECT_NEAR(std::abs(g.value.at(1)), 0.25, 1e-12);
  // With layer 3 hidden by the layer slider the same layer is found (the inverse starts at layer 2).
  const auto shown = locateNonFiniteOnGrid(firstEnabledLayers(flow, 2), {{-4, 4, -2, 2}, 16, 8});
  ASSERT_TRUE(shown.ok() && shown.value.site.found);
  EXPECT_EQ(shown.value.site.label, "layer 2 (linear)");
  // Only layer 1 shown: nothing is non-finite.
  const auto first = locateNonFiniteOnGrid(firstEnabledLayers(flow, 1), {{-4, 4, -2, 2}, 16, 8});
  ASSERT_TRUE(first.ok());
  EXPECT_FALSE(first.value.site.found);
  EXPECT_EQ(first.value.cell, -1);
}

// The inverse breaks (NaN) right of x₁ = 1 only.
class BrokenRightOfOne : public Linear {
 public:
  BrokenRightOfOne() : Linear(Matrix::Identity(2, 2), Vector::Zero(2)) {}
  Transformed inverse(const Batch& x) const override {
    Transformed t = Linear::inverse(x);
    for (int i = 0; i < x.rows(); ++i)
      if (x(i, 0) > 1.0) t.value(i, 1) = std::nan("");
    return t;
  }
  std::unique_ptr<Bijector> clone() const override { return std::make_unique<BrokenRightOfOne>(*this); }
};

TEST(TruthLocator, APartlyBrokenLayerIsMarkedAtTheEdgeOfItsRegionNearestTheMiddle) {
  Flow flow(2);
  flow.append(std::make_unique<BrokenRightOfOne>());
  flow.append(std::make_unique<Linear>(Matrix::Identity(2, 2), vec2(0, 0)));
  const auto g = locateNonFiniteOnGrid(flow, {{-4, 4, -4, 4}, 80, 80});  // cells 0.1 wide
  ASSERT_TRUE(g.ok() && g.value.site.found);
  EXPECT_EQ(g.value.site.label, "layer 1 (linear)");
  EXPECT_EQ(g.value.site.count, 30 * 80);  // centres 1.05 .. 3.95
  EXPECT_NEAR(g.value.at(0), 1.05, 1e-9);
  EXPECT_NEAR(std::abs(g.value.at(1)), 0.05, 1e-9);
  EXPECT_TRUE(g.value.site.bad(g.value.cell));
}

TEST(TruthLocator, OneDimensionalAxisNamesLayer2) {
  Flow flow(1);
  flow.append(std::make_unique<Affine1D>(2.0, 0.5));
  flow.append(std::make_unique<Affine1D>(1.5, -0.3));
  flow.append(std::make_unique<Affine1D>(0.7, 0.0));
  flow.layer(1).setParameter(0, std::nan(""));  // a of layer 2
  const auto a = locateNonFiniteOnAxis(flow, -6, 4, 101);
  ASSERT_TRUE(a.ok()) << a.status.message();
  ASSERT_TRUE(a.value.site.found);
  EXPECT_EQ(a.value.site.label, "layer 2 (affine)");
  EXPECT_EQ(a.value.site.count, 101);
  EXPECT_NEAR(a.value.at, -1.0, 1e-12);  // the middle of [−6, 4]
  EXPECT_FALSE(locateNonFiniteOnAxis(flow, 1, 1, 10).ok());
  EXPECT_FALSE(locateNonFiniteOnAxis(firstEnabledLayers(flow, 1), -6, 4, 11).value.site.found);
}

}  // namespace
}  // namespace flowlab
