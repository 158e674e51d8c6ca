// Guided steps in the 1D lab on a null ImGui context (the walker the 2D lab shares): PageDown
// animates each step's parameter changes over half a second, PageUp walks back to exactly the
// earlier state, --step K (goToStep) shows a state at once, and a scene without steps has none.
#include <gtest/gtest.h>

#include "app/platform/config_paths.h"
#include "app/ui/app_state.h"
#include "app/ui/keys.h"
#include "app/views/lab1d/lab1d_view.h"
#include "app/views/view_registry.h"
#include "tests/app/null_imgui.h"

namespace flowlab::app {
namespace {

class Lab1DStepsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    state.views = makeViews();
    state.activate("1d");
    view = dynamic_cast<Lab1DView*>(state.findView("1d"));
    ASSERT_NE(view, nullptr);
    ASSERT_TRUE(view->openScene(state, (dataDir() / "assets" / "scenes" / "affine_1d.json").string()));
    frame();
  }
  Lab1DState& s() { return view->labState(); }
  double a() { return s().scene.flow.layer(0).parameters()[0].value; }
  double b() { return s().scene.flow.layer(0).parameters()[1].value; }
  void update() { view->update(state, 1.0 / 60.0); }
  void frame() { imgui.frame([&] { update(); }); }
  void key(int k) { imgui.pressKey(k, false, [&] { update(); }); }
  int settle() {
    int n = 0;
    while (s().steps.animating() && n < 600) frame(), ++n;
    return n;
  }
  test::NullImGui imgui{1400, 900};
  AppState state;
  Lab1DView* view = nullptr;
};

TEST_F(Lab1DStepsTest, PageDownAnimatesEachStepAndPageUpWalksBackExactly) {
  ASSERT_EQ(s().steps.steps.size(), 5u);
  EXPECT_EQ(a(), 2.0);
  EXPECT_EQ(b(), 1.0);
  key(keys::PageDown);  // step 1: the identity
  EXPECT_EQ(s().steps.shown, 1);
  EXPECT_GT(a(), 1.0) << "on its way from 2 to 1, not there yet";
  EXPECT_LT(a(), 2.0);
  EXPECT_TRUE(view->animating());
  const int frames = settle() + 2;
  EXPECT_NEAR(frames / 60.0, GuidedSteps::kAnimationSeconds, 0.05);
  EXPECT_EQ(a(), 1.0);
  EXPECT_EQ(b(), 0.0);
  key(keys::PageDown);
  settle();
  key(keys::PageDown);
  settle();
  EXPECT_EQ(s().steps.shown, 3);
  EXPECT_EQ(a(), 2.0);
  EXPECT_EQ(b(), 1.0);
  for (int i = 0; i < 3; ++i) key(keys::PageUp), settle();
  EXPECT_EQ(s().steps.shown, 0);
  EXPECT_EQ(a(), 2.0) << "back to the scene as opened, exactly";
  EXPECT_EQ(b(), 1.0);
  key(keys::PageUp);  // before the first step: stays
  settle();
  EXPECT_EQ(s().steps.shown, 0);
}

TEST_F(Lab1DStepsTest, GoToStepShowsAStateAtOnceAndAPlainSceneHasNoSteps) {
  ASSERT_TRUE(view->goToStep(4));
  EXPECT_FALSE(s().steps.animating());
  EXPECT_EQ(a(), 0.5);
  EXPECT_EQ(b(), 1.0);
  ASSERT_TRUE(view->goToStep(99));  // past the last: the last
  EXPECT_EQ(s().steps.shown, 5);
  EXPECT_EQ(a(), -1.5);
  ASSERT_TRUE(view->openScene(state, (dataDir() / "assets" / "scenes" / "sine_1d.json").string()));
  EXPECT_FALSE(view->goToStep(1));
  EXPECT_TRUE(s().steps.steps.empty());
}

}  // namespace
}  // namespace flowlab::app
