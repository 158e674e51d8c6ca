// The 2D lab on a null ImGui context (tier 2): the stage cache, the colour-scale choice, overlay
// lists, the layout's parts at projector sizes, 1-based parameter labels, typed values (nan, inf),
// wrapping that keeps numbers whole, and the minus sign of tick labels.
#include "app/views/lab2d/lab2d_view.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "app/platform/config_paths.h"
#include "app/plot/plot_frame.h"
#include "app/ui/app_state.h"
#include "app/ui/stack_editor.h"
#include "app/views/lab2d/lab2d_layout.h"
#include "app/views/view_registry.h"
#include "tests/app/null_imgui.h"

namespace flowlab::app {
namespace {

std::string scenePath(const std::string& stem) { return (dataDir() / "assets" / "scenes" / (stem + ".json")).string(); }

class Lab2DViewTest : public ::testing::Test {
 protected:
  Lab2DViewTest() {
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
  void moveTo(double position) {
    lab().position = position;
    lab().dirty = true;
    recompute(lab());
  }
  test::NullImGui imgui;
  AppState state;
  Lab2DView* view = nullptr;
};

TEST_F(Lab2DViewTest, SteppingAndPlayingReuseComputedStages) {
  open("stack_issue3");  // three layers
  const int afterOpen = lab().cache.computed;
  EXPECT_EQ(afterOpen, 1);  // k = 3 only
  // A morph from 0 to 3 in small steps computes each stage once, however many frames it takes.
  for (double p = 0.0; p < 3.0; p += 0.05) moveTo(p);
  EXPECT_EQ(lab().cache.computed, afterOpen + 3) << "stages 0, 1 and 2 once each (3 was cached)";
  const int afterPlay = lab().cache.computed;
  // A redraw with nothing changed computes nothing.
  moveTo(1.5);
  EXPECT_EQ(lab().cache.computed, afterPlay);
  EXPECT_EQ(lab().fields.from.layers, 1);
  EXPECT_EQ(lab().fields.to.layers, 2);
  // An edit invalidates the cache: the next frame computes again.
  Bijector& linear = lab().scene.flow.layer(0);
  linear.setParameter(0, linear.parameters()[0].value + 0.1);
  moveTo(1.5);
  EXPECT_EQ(lab().cache.computed, afterPlay + 2);
  // The cached stage equals a fresh computation (same density).
  Lab2DState fresh = lab();
  fresh.cache = StageCache{};
  fresh.dirty = true;
  recompute(fresh);
  ASSERT_TRUE(fresh.fields.from.density.ok() && lab().fields.from.density.ok());
  EXPECT_EQ((fresh.fields.from.density.value.logProb - lab().fields.from.density.value.logProb).cwiseAbs().maxCoeff(), 0.0);
}

TEST_F(Lab2DViewTest, ZoomingTheDataPaneRecomputesOverTheNewRange) {
  open("linear_004");
  const int before = lab().cache.computed;
  Rect r = dataRect(lab());
  r.xMin /= 2, r.xMax /= 2, r.yMin /= 2, r.yMax /= 2;
  setDataRect(lab(), r);
  recompute(lab());
  EXPECT_EQ(lab().cache.computed, before + 1);
  EXPECT_DOUBLE_EQ(lab().fields.from.density.value.grid.rect.xMin, r.xMin);
  // Fit covers where the samples are: for x = A z + b that is b ± a few units, with the mass inside.
  fitDataPane(lab());
  recompute(lab());
  EXPECT_GT(lab().fields.from.density.value.mass, 0.99);
  const Rect fit = dataRect(lab());
  EXPECT_NEAR(0.5 * (fit.xMin + fit.xMax), 0.5, 0.3);
  EXPECT_NEAR(fit.xMax - fit.xMin, fit.yMax - fit.yMin, 1e-12) << "a square window, as the pane is square";
}

TEST_F(Lab2DViewTest, ColourScaleComesFromTheSceneAndTheOverlayList) {
  ColourScale c = ColourScale::Shared;
  EXPECT_TRUE(parseColourScale("per_pane", c));
  EXPECT_EQ(c, ColourScale::PerPane);
  EXPECT_FALSE(parseColourScale("perpane", c));
  for (ColourScale k : {ColourScale::Shared, ColourScale::PerPane, ColourScale::Log}) {
    ASSERT_TRUE(parseColourScale(colourScaleName(k), c));
    EXPECT_EQ(c, k);
  }
  std::vector<std::string> unknown;
  view->setOverlays({"density", "log"}, true, unknown);
  EXPECT_TRUE(unknown.empty());
  EXPECT_EQ(lab().colourScale, ColourScale::Log);
  view->setOverlays({"grid"}, true, unknown);
  EXPECT_EQ(lab().colourScale, ColourScale::Shared) << "a list without log leaves log p";
  EXPECT_TRUE(lab().showHandles) << "handles hide only when asked";
  view->setOverlays({"density", "per_pane", "no_handles"}, true, unknown);
  EXPECT_EQ(lab().colourScale, ColourScale::PerPane);
  EXPECT_FALSE(lab().showHandles);
  view->setOverlays({"sparkles"}, false, unknown);
  EXPECT_EQ(unknown, std::vector<std::string>{"sparkles"});
}

TEST_F(Lab2DViewTest, LayoutPartsNeitherOverlapNorLeaveTheCanvasFrom1024To3840) {
  open("stack_issue3");
  // Canvas sizes of the app's window at these sizes (a 24 em sidebar, menu and status bars).
  for (const auto& [w, h] : {std::pair{640, 720}, std::pair{896, 672}, std::pair{1536, 1032}, std::pair{3456, 2112}}) {
    for (ColourScale scale : {ColourScale::Shared, ColourScale::PerPane}) {
      for (bool patches : {false, true}) {
        SCOPED_TRACE(std::to_string(w) + "x" + std::to_string(h) + (patches ? " patches" : "") +
                     (scale == ColourScale::PerPane ? " per pane" : ""));
        lab().colourScale = scale;
        lab().showPatches = patches;
        imgui.frame([&] {
          const Lab2DLayout l = layoutLab2D(lab(), ImVec2(384, 22), ImVec2(float(w), float(h)));
          const auto parts = l.parts();
          for (size_t i = 0; i < parts.size(); ++i) {
            const ScreenRect& a = parts[i].second;
            if (a.max.x <= a.min.x || a.max.y <= a.min.y) continue;
            EXPECT_TRUE(a.inside(l.canvas)) << parts[i].first;
            for (size_t j = i + 1; j < parts.size(); ++j)
              EXPECT_FALSE(a.overlaps(parts[j].second)) << parts[i].first << " overlaps " << parts[j].first;
          }
          // The panes use the room: at least a fifth of the canvas width each.
          EXPECT_GT(l.data.max().x - l.data.min().x, 0.2f * w);
        });
      }
    }
  }
}

TEST_F(Lab2DViewTest, TitleSaysWhenTheMorphIsAVisualBlend) {
  open("stack_issue3");
  moveTo(1.51);
  EXPECT_EQ(lab2dStageCaption(lab()), "between layer 1 and 2 (visual blend)");
  moveTo(2.0);
  EXPECT_EQ(lab2dStageCaption(lab()), "after 2 of 3 layers");
}

TEST(ParameterLabels, IndicesAreOneBasedSubscripts) {
  EXPECT_EQ(parameterLabel("A00"), "A₁₁");
  EXPECT_EQ(parameterLabel("A01"), "A₁₂");
  EXPECT_EQ(parameterLabel("A10"), "A₂₁");
  EXPECT_EQ(parameterLabel("b0"), "b₁");
  EXPECT_EQ(parameterLabel("b1"), "b₂");
  EXPECT_EQ(parameterLabel("w0"), "w₁");
  EXPECT_EQ(parameterLabel("u1"), "u₂");
  EXPECT_EQ(parameterLabel("U11"), "U₂₂");
  EXPECT_EQ(parameterLabel("z0_1"), "z₀ (2)");
  EXPECT_EQ(parameterLabel("z9"), "z₁₀");  // spline knot 10
  EXPECT_EQ(parameterLabel("0.a"), "1.a");
  EXPECT_EQ(parameterLabel("1.z0"), "2.z₁");
  // Names without an index, and polynomial coefficients (their number is a power), stay.
  for (const char* same : {"a", "b", "alpha", "omega", "s0", "t2"}) EXPECT_EQ(parameterLabel(same), same);
  EXPECT_EQ(oneBasedHelp("matrix entry row 0, column 1"), "matrix entry row 1, column 2");
  EXPECT_EQ(oneBasedHelp("centre coordinate 0"), "centre coordinate 1");
  EXPECT_EQ(oneBasedHelp("knot 3 position in z (base)"), "knot 4 position in z (base)");
  EXPECT_EQ(oneBasedHelp("shift"), "shift");
  EXPECT_EQ(withParameterLabels("layer 1 (linear): A00 = nan is not finite"), "layer 1 (linear): A₁₁ = nan is not finite");
  EXPECT_EQ(withParameterLabels("layer 2 (planar): w0·u0 + w1·u1 = -1.5 < -1"), "layer 2 (planar): w₁·u₁ + w₂·u₂ = -1.5 < -1");
  EXPECT_EQ(withParameterLabels("near z = 2.3 (b = 0.5)"), "near z = 2.3 (b = 0.5)");
}

TEST(TypedNumbers, AcceptNanAndInfAndRefuseGarbage) {
  double v = 0;
  ASSERT_TRUE(parseTypedNumber("nan", v));
  EXPECT_TRUE(std::isnan(v));
  ASSERT_TRUE(parseTypedNumber(" -inf ", v));
  EXPECT_TRUE(std::isinf(v) && v < 0);
  ASSERT_TRUE(parseTypedNumber("1.5e3", v));
  EXPECT_EQ(v, 1500.0);
  EXPECT_FALSE(parseTypedNumber("", v));
  EXPECT_FALSE(parseTypedNumber("abc", v));
  EXPECT_FALSE(parseTypedNumber("1.5x", v));
}

TEST(WrapAtSpaces, NeverSplitsANumber) {
  test::NullImGui imgui;
  imgui.frame([] {
    const std::string text = "x = A z + b with det A = 1.05; at x = (1, 0): z = (0.371, 0.181), log p = -1.972.";
    for (float width : {60.0f, 90.0f, 140.0f, 200.0f}) {
      const std::string wrapped = wrapAtSpaces(text, width);
      // Only spaces became line breaks: the words are exactly the original ones.
      std::string back = wrapped;
      for (char& c : back)
        if (c == '\n') c = ' ';
      EXPECT_EQ(back, text) << width;
      EXPECT_EQ(wrapped.find("0.\n"), std::string::npos);
      EXPECT_NE(wrapped.find("(0.371,"), std::string::npos);
      // Each line fits, unless it is one word wider than the line.
      size_t start = 0;
      while (start < wrapped.size()) {
        const size_t end = std::min(wrapped.find('\n', start), wrapped.size());
        const std::string line = wrapped.substr(start, end - start);
        if (line.find(' ') != std::string::npos) {
          EXPECT_LE(ImGui::CalcTextSize(line.c_str()).x, width) << line;
        }
        start = end + 1;
      }
    }
    EXPECT_EQ(wrapAtSpaces("one\n\ntwo", 500.0f), "one\n\ntwo");
  });
}

}  // namespace
}  // namespace flowlab::app
