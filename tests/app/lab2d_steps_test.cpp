// Guided steps in the 2D lab on a null ImGui context: PageDown walks a lesson forward with each
// change animated over half a second, PageUp walks it back, and the parameters and overlays
// after walking forward and back are exactly those of the scene as opened.
#include <gtest/gtest.h>

#include "app/platform/config_paths.h"
#include "app/ui/app_state.h"
#include "app/ui/keys.h"
#include "app/views/lab2d/lab2d_view.h"
#include "app/views/view_registry.h"
#include "tests/app/null_imgui.h"

namespace flowlab::app {
namespace {

std::vector<double> params(const Flow& f) {
  std::vector<double> out;
  for (int l = 0; l < f.layerCount(); ++l)
    for (const Parameter& p : f.layer(l).parameters()) out.push_back(p.value);
  return out;
}

class Lab2DStepsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    state.views = makeViews();
    state.activate("2d");
    view = dynamic_cast<Lab2DView*>(state.findView("2d"));
    ASSERT_NE(view, nullptr);
    ASSERT_TRUE(view->openScene(state, (dataDir() / "assets" / "scenes" / "planar.json").string()));
    frame();
  }
  Lab2DState& s() { return view->labState(); }
  // The view's update alone (its canvas needs GL): keys, the steps' requests and the animation.
  void update() { view->update(state, 1.0 / 60.0); }
  void frame() { imgui.frame([&] { update(); }); }
  void key(int k) { imgui.pressKey(k, false, [&] { update(); }); }
  // Frames of 1/60 s until the step's animation ends; returns how many it took.
  int settle() {
    int n = 0;
    while (lab2dStepAnimating(s()) && n < 600) frame(), ++n;
    return n;
  }
  test::NullImGui imgui{1400, 900};
  AppState state;
  Lab2DView* view = nullptr;
};

TEST_F(Lab2DStepsTest, PageDownAnimatesEachStepAndPageUpWalksBackExactly) {
  ASSERT_EQ(s().steps.steps.size(), 4u);
  const std::vector<double> opened = params(s().scene.flow);
  const bool patches = s().showPatches, roundTrip = s().showRoundTrip;
  key(keys::PageDown);
  EXPECT_EQ(s().steps.shown, 1);
  // Mid-animation the parameter is on its way (u0 from 1 towards 0), not there yet.
  const double during = s().scene.flow.layer(0).parameters()[0].value;
  EXPECT_GT(during, 0.0);
  EXPECT_LT(during, 1.0);
  const int frames = settle() + 2;  // the key press drew two frames
  EXPECT_NEAR(frames / 60.0, 0.5, 0.05) << "about half a second at 60 frames per second";
  EXPECT_EQ(s().scene.flow.layer(0).parameters()[0].value, 0.0);
  for (int i = 0; i < 3; ++i) key(keys::PageDown), settle();
  EXPECT_EQ(s().steps.shown, 4);
  EXPECT_EQ(s().scene.flow.layer(0).parameters()[0].value, -0.9);
  EXPECT_TRUE(s().showPatches);
  EXPECT_TRUE(s().showRoundTrip);
  key(keys::PageDown), settle();
  EXPECT_EQ(s().steps.shown, 4) << "past the last step nothing moves";
  for (int i = 0; i < 4; ++i) key(keys::PageUp), settle();
  EXPECT_EQ(s().steps.shown, 0);
  EXPECT_EQ(params(s().scene.flow), opened) << "back where the lesson began, bit for bit";
  EXPECT_EQ(s().showPatches, patches);
  EXPECT_EQ(s().showRoundTrip, roundTrip);
}

TEST_F(Lab2DStepsTest, GoToStepShowsAStateWithoutAnimationAndPastTheEndTheLast) {
  ASSERT_TRUE(view->goToStep(2));
  EXPECT_FALSE(lab2dStepAnimating(s()));
  EXPECT_EQ(s().scene.flow.layer(0).parameters()[0].value, 2.0);
  ASSERT_TRUE(view->goToStep(99));
  EXPECT_EQ(s().steps.shown, 4);
  EXPECT_EQ(s().scene.flow.layer(0).parameters()[0].value, -0.9);
  std::string t;
  view->traceState(t);
  EXPECT_NE(t.find(" step=4 steps=4 "), std::string::npos) << t;
  // A scene without steps has none to go to.
  ASSERT_TRUE(view->openScene(state, (dataDir() / "assets" / "scenes" / "radial.json").string()));
  EXPECT_FALSE(view->goToStep(1));
}

// Predict, then reveal (predict_radial.json hides the output density, grid and patches).
class Lab2DRevealTest : public Lab2DStepsTest {
 protected:
  void SetUp() override {
    state.views = makeViews();
    state.activate("2d");
    view = dynamic_cast<Lab2DView*>(state.findView("2d"));
    ASSERT_NE(view, nullptr);
    ASSERT_TRUE(view->openScene(state, (dataDir() / "assets" / "scenes" / "predict_radial.json").string()));
    frame();
  }
  std::string hidden() { return lab2dHiddenNames(s()); }
};

TEST_F(Lab2DRevealTest, HiddenUntilAStepRevealsItThenFadingInAndHiddenAgainWhenWalkingBack) {
  EXPECT_EQ(hidden(), "density,grid,patches");
  EXPECT_EQ(s().steps.density.shown, 0.0);
  key(keys::PageDown);  // step 1 reveals nothing
  EXPECT_EQ(hidden(), "density,grid,patches");
  while (lab2dStepAnimating(s())) frame();
  key(keys::PageDown);  // step 2 reveals the grid, fading in
  EXPECT_EQ(hidden(), "density,patches");
  EXPECT_LT(s().steps.grid.shown, 1.0);
  EXPECT_TRUE(lab2dRevealFading(s()));
  EXPECT_TRUE(view->animating()) << "the loop keeps drawing while the grid fades in";
  int frames = 2;  // the key press drew two
  while (lab2dRevealFading(s()) && frames < 600) frame(), ++frames;
  EXPECT_EQ(s().steps.grid.shown, 1.0);
  EXPECT_NEAR(frames / 60.0, Lab2DSteps::kRevealSeconds, 0.05);
  EXPECT_EQ(s().steps.density.shown, 0.0) << "still hidden";
  key(keys::PageUp);  // back before the reveal: hidden again, at once
  EXPECT_EQ(hidden(), "density,grid,patches");
  EXPECT_EQ(s().steps.grid.shown, 0.0);
}

TEST_F(Lab2DRevealTest, RRevealsEverythingAndHasNothingToDoOnceShown) {
  key(keys::R);
  EXPECT_EQ(hidden(), "none");
  for (int i = 0; i < 60; ++i) frame();
  EXPECT_EQ(s().steps.density.shown, 1.0);
  EXPECT_EQ(s().steps.patches.shown, 1.0);
  EXPECT_FALSE(lab2dRevealFading(s()));
  // Reopening the scene hides them again; a scene without "hidden" hides nothing.
  ASSERT_TRUE(view->openScene(state, (dataDir() / "assets" / "scenes" / "predict_radial.json").string()));
  EXPECT_EQ(hidden(), "density,grid,patches");
  ASSERT_TRUE(view->openScene(state, (dataDir() / "assets" / "scenes" / "radial.json").string()));
  EXPECT_EQ(hidden(), "none");
  EXPECT_EQ(s().steps.density.shown, 1.0);
}

}  // namespace
}  // namespace flowlab::app
