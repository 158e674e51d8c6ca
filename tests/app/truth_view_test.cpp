// The labs' truth overlays on a null ImGui context (tier 2): an injected error shows up in each.
// The round-trip field finds a sloppy inverse where it is, the probe rows show a log-det off by a
// constant, a NaN parameter makes the locator name layer 2 in the 2D and the 1D lab, and the
// probe table fits its box at 1024×768 and 1600×1000.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <string>

#include "app/platform/config_paths.h"
#include "app/ui/app_state.h"
#include "app/views/lab1d/lab1d_view.h"
#include "app/views/lab2d/lab2d_layout.h"
#include "app/views/lab2d/lab2d_view.h"
#include "app/views/view_registry.h"
#include "core/bijectors/linear.h"
#include "core/bijectors/planar.h"
#include "tests/app/null_imgui.h"

namespace flowlab::app {
namespace {

std::string scenePath(const std::string& stem) { return (dataDir() / "assets" / "scenes" / (stem + ".json")).string(); }

// x = z, whose inverse is off by 1e-6 in x₂ wherever x₁ > 1.
class SloppyRightOfOne : public Linear {
 public:
  SloppyRightOfOne() : Linear(Matrix::Identity(2, 2), Vector::Zero(2)) {}
  Transformed inverse(const Batch& x) const override {
    Transformed t = Linear::inverse(x);
    for (int i = 0; i < x.rows(); ++i)
      if (x(i, 0) > 1.0) t.value(i, 1) += 1e-6;
    return t;
  }
  std::unique_ptr<Bijector> clone() const override { return std::make_unique<SloppyRightOfOne>(*this); }
};

// A planar layer whose log-det is reported 0.01 too large.
class SkewedPlanar : public Planar {
 public:
  SkewedPlanar() : Planar(Vector::Constant(2, 0.5), Vector::Constant(2, 0.8), 0.1) {}
  Transformed forward(const Batch& z) const override {
    Transformed t = Planar::forward(z);
    t.logAbsDet.array() += 0.01;
    return t;
  }
  std::unique_ptr<Bijector> clone() const override { return std::make_unique<SkewedPlanar>(*this); }
};

std::string traceOf(const View& v) {
  std::string out;
  v.traceState(out);
  return out + " ";
}

class TruthLab2D : public ::testing::Test {
 protected:
  TruthLab2D() {
    state.views = makeViews();
    state.activate("2d");
    view = dynamic_cast<Lab2DView*>(state.findView("2d"));
  }
  void SetUp() override { ASSERT_NE(view, nullptr); }
  Lab2DState& lab() { return view->labState(); }
  void open(const std::string& stem) {
    ASSERT_TRUE(view->openScene(state, scenePath(stem))) << stem;
    recompute(lab());
  }
  void refresh() {
    lab().dirty = true;
    recompute(lab());
  }
  test::NullImGui imgui;
  AppState state;
  Lab2DView* view = nullptr;
};

TEST_F(TruthLab2D, RoundTripOverlayFindsASloppyInverseWhereItIs) {
  open("linear_004");
  std::vector<std::string> unknown;
  view->setOverlays({"density", "roundtrip"}, true, unknown);
  EXPECT_TRUE(unknown.empty());
  ASSERT_TRUE(lab().showRoundTrip);
  recompute(lab());
  ASSERT_TRUE(lab().evidence.roundTrip.ok()) << lab().evidence.roundTrip.status.message();
  const double healthy = lab().evidence.roundTrip.value.maxError;
  EXPECT_LT(healthy, 1e-13);
  // The sloppy layer on top: the error is 1e-6 exactly where x₁ = f(z)₁ > 1 (the linear map is z ↦ Az + b).
  lab().scene.flow.append(std::make_unique<SloppyRightOfOne>());
  lab().position = -1;
  refresh();
  ASSERT_TRUE(lab().evidence.roundTrip.ok());
  const RoundTripField& f = lab().evidence.roundTrip.value;
  // Back through A⁻¹ the 1e-6 in x₂ becomes 1e-6·A⁻¹e₂ in z: its largest coordinate is the error.
  const Matrix Ainv = lab().scene.flow.layer(0).jacobianAt(Vector::Zero(2)).inverse();
  const double expected = 1e-6 * Ainv.col(1).cwiseAbs().maxCoeff();
  EXPECT_NEAR(f.maxError, expected, 1e-12);
  const auto x = lab().scene.flow.forward(f.maxAt.transpose());
  ASSERT_TRUE(x.ok());
  EXPECT_GT(x.value.value(0, 0), 1.0) << "the worst cell maps right of x₁ = 1";
  EXPECT_EQ(lab().evidence.decades.high, std::ceil(std::log10(expected)));
  const std::string trace = traceOf(*view);
  EXPECT_NE(trace.find(" roundtrip=1 "), std::string::npos) << trace;
  char key[64];
  std::snprintf(key, sizeof key, " roundtrip_max=%.3e ", expected);
  EXPECT_NE(trace.find(key), std::string::npos) << trace;
  // At layer 1 of 2 (the slider), the sloppy layer is not shown and neither is its error.
  lab().position = 1;
  refresh();
  EXPECT_LT(lab().evidence.roundTrip.value.maxError, 1e-13);
  // Off: nothing is computed.
  view->setOverlays({"density"}, true, unknown);
  recompute(lab());
  EXPECT_FALSE(lab().evidence.roundTrip.ok());
  EXPECT_NE(traceOf(*view).find(" roundtrip=0 "), std::string::npos);
}

TEST_F(TruthLab2D, ProbeRowsShowALogDetOffByAConstant) {
  open("linear_004");
  lab().scene.flow.append(std::make_unique<SkewedPlanar>());
  lab().position = -1;
  refresh();
  Vector z(2);
  z << 0.4, -0.3;
  const auto p = probeAtBase(shownFlow(lab()), z);
  ASSERT_TRUE(p.ok());
  lab().hover = p.value;
  const std::string trace = traceOf(*view);
  EXPECT_NE(trace.find(" probe_rows=2 "), std::string::npos) << trace;
  EXPECT_NE(trace.find(",1.00e-02 "), std::string::npos) << "layer 2's difference is the injected 0.01: " << trace;
  EXPECT_NE(trace.find(" probe_logdet_off=1 "), std::string::npos) << trace;
}

TEST_F(TruthLab2D, ProbeTableFitsItsBoxAt1024And1600) {
  open("stack_issue3");
  Vector z(2);
  z << -1.234, 2.345;
  const auto p = probeAtBase(shownFlow(lab()), z);
  ASSERT_TRUE(p.ok());
  // Canvas sizes of the app at 1024×768 and 1600×1000 (24 em sidebar, menu and status bars).
  for (const auto& [w, h] : {std::pair{640, 720}, std::pair{1216, 952}}) {
    SCOPED_TRACE(std::to_string(w) + "x" + std::to_string(h));
    for (bool roundTrip : {false, true}) {
      lab().showRoundTrip = roundTrip;
      refresh();
      lab().hover = p.value;
      lab().hoverPatch = 0;
      imgui.frame([&] {
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(float(w + 400), float(h + 40)));
        ImGui::Begin("canvas");
        const Lab2DLayout l = layoutLab2D(lab(), ImVec2(384, 22), ImVec2(float(w), float(h)));
        drawLab2DBelow(lab(), l);
        ImGui::End();
      });
      EXPECT_EQ(lab().readoutOverflow, 0.0f) << (roundTrip ? "round trip on" : "");
    }
  }
}

TEST_F(TruthLab2D, NanParameterMakesTheLocatorNameLayer2) {
  open("stack_issue3");
  EXPECT_FALSE(lab().evidence.nonFinite) << "a finite density has nothing to locate";
  EXPECT_NE(traceOf(*view).find(" nonfinite=0 "), std::string::npos);
  lab().scene.flow.layer(1).setParameter(0, std::nan(""));  // layer 2 (planar)
  refresh();
  EXPECT_FALSE(lab().fields.from.validity.ok());
  ASSERT_TRUE(lab().evidence.nonFinite);
  EXPECT_EQ(lab().evidence.nonFinite->site.label, "layer 2 (planar)");
  const std::string trace = traceOf(*view);
  EXPECT_NE(trace.find(" nonfinite_layer=2 "), std::string::npos) << trace;
  EXPECT_NE(trace.find(" nonfinite_label=layer_2_(planar) "), std::string::npos) << trace;
  // With the slider at layer 1 the NaN layer is not shown: nothing to locate.
  lab().position = 1;
  refresh();
  EXPECT_FALSE(lab().evidence.nonFinite);
}

class TruthLab1D : public ::testing::Test {
 protected:
  TruthLab1D() {
    state.views = makeViews();
    state.activate("1d");
    view = dynamic_cast<Lab1DView*>(state.findView("1d"));
  }
  void SetUp() override { ASSERT_NE(view, nullptr); }
  Lab1DState& lab() { return view->labState(); }
  test::NullImGui imgui;
  AppState state;
  Lab1DView* view = nullptr;
};

TEST_F(TruthLab1D, NanParameterMakesTheLocatorNameLayer2AlongTheAxis) {
  ASSERT_TRUE(view->openScene(state, scenePath("composition_1d")));
  recompute(lab());
  EXPECT_FALSE(lab().fields.nonFinite);
  lab().scene.flow.layer(1).setParameter(0, std::nan(""));  // layer 2 (sine)
  lab().dirty = true;
  recompute(lab());
  ASSERT_TRUE(lab().fields.nonFinite);
  EXPECT_EQ(lab().fields.nonFinite->site.label, "layer 2 (sine)");
  EXPECT_NEAR(lab().fields.nonFinite->at, 1.0, 0.03) << "the middle of x in [−7, 9]";
  const std::string trace = traceOf(*view);
  EXPECT_NE(trace.find(" nonfinite_layer=2 "), std::string::npos) << trace;
  // Layer 1 instead: named layer 1.
  lab().scene.flow.layer(1).setParameter(0, 0.5);
  lab().scene.flow.layer(0).setParameter(1, std::nan(""));
  lab().dirty = true;
  recompute(lab());
  ASSERT_TRUE(lab().fields.nonFinite);
  EXPECT_EQ(lab().fields.nonFinite->site.label, "layer 1 (affine)");
}

}  // namespace
}  // namespace flowlab::app
