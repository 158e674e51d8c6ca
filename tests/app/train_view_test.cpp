// The Training view on a null ImGui context (tier 2): its transport (Step, Run/Pause by Space,
// Reset) drives the trainer through whole frames of the shell; the NLL falls below the Gaussian
// baseline; idle paused frames do not step; the density it draws holds unit mass.
#include "app/views/train/train_view.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "app/ui/app_state.h"
#include "app/ui/keys.h"
#include "app/ui/shell.h"
#include "app/views/view_registry.h"
#include "tests/app/null_imgui.h"

namespace flowlab::app {
namespace {

class TrainViewTest : public ::testing::Test {
 protected:
  TrainViewTest() {
    state.views = makeViews();
    state.activate("train");
    view = dynamic_cast<TrainView*>(state.findView("train"));
  }
  void SetUp() override {
    ASSERT_NE(view, nullptr) << "no view with id train";
    s().drawHeatmap = false;  // no GL on a null context
    frame();
    ASSERT_NE(s().trainer, nullptr) << s().error;
  }
  TrainState& s() { return view->trainState(); }
  void frame() { imgui.frame([&] { drawShell(state); }); }
  long long step() { return s().trainer->stepCount(); }

  test::NullImGui imgui{1500, 950};
  AppState state;
  TrainView* view = nullptr;
};

TEST_F(TrainViewTest, RegisteredThirdWithTheCliDefaults) {
  ASSERT_GE(state.views.size(), 4u);
  EXPECT_EQ(state.views[3]->id(), "train");
  EXPECT_EQ(state.views[3]->title(), "Training");
  const TrainerConfig& c = s().trainer->config();
  EXPECT_EQ(s().trainer->dataset().name(), "moons");
  EXPECT_DOUBLE_EQ(c.data.noise, 0.05);
  EXPECT_EQ(c.model.layers, 6);
  EXPECT_EQ(c.model.hidden, 64);
  EXPECT_EQ(c.batch, 256);
  EXPECT_DOUBLE_EQ(c.learningRate, TrainerConfig{}.learningRate);  // the CLI's default too
  EXPECT_EQ(c.seed, 0u);
  EXPECT_DOUBLE_EQ(kGaussianBaselineNll, std::log(2.0 * std::numbers::pi * std::numbers::e));
}

TEST_F(TrainViewTest, StepsLowerTheNllBelowTheBaselineAndResetReturnsToIt) {
  // At step 0 the flow is the identity: the test NLL is the Gaussian baseline.
  EXPECT_EQ(step(), 0);
  EXPECT_NEAR(s().lastTestNll, kGaussianBaselineNll, 0.03);
  s().pendingSteps = 1;  // what "+1" sets
  frame();
  EXPECT_EQ(step(), 1);
  for (int i = 0; i < 3; ++i) {
    s().pendingSteps += 100;  // "+100"
    frame();
  }
  EXPECT_EQ(step(), 301);
  ASSERT_TRUE(std::isfinite(s().trainer->trainNll()));
  EXPECT_LT(s().trainer->trainNll(), kGaussianBaselineNll - 0.8) << "300 steps on moons should learn a lot";
  EXPECT_LT(s().lastTestNll, kGaussianBaselineNll - 0.8);
  EXPECT_GT(s().lastTestNll, s().trainer->entropyFloor() - 0.05) << "no model beats the entropy floor";
  EXPECT_EQ(s().lastTestStep, 301);
  EXPECT_GE(s().trainSteps.size(), 300u);
  EXPECT_EQ(s().testSteps.back(), 301.0);
  EXPECT_EQ(s().rollbacks, 0);

  s().resetRequested = true;  // what "|<" sets
  frame();
  EXPECT_EQ(step(), 0);
  EXPECT_TRUE(s().trainSteps.empty());
  EXPECT_TRUE(std::isnan(s().trainer->trainNll()));
  EXPECT_NEAR(s().lastTestNll, kGaussianBaselineNll, 0.03);
}

TEST_F(TrainViewTest, SpaceRunsAndPausesAndIdleFramesDoNotStep) {
  s().budgetMs = 2.0;
  imgui.pressKey(keys::Space, false, [&] { drawShell(state); });
  EXPECT_TRUE(s().running);
  EXPECT_TRUE(view->animating());
  const long long started = step();
  EXPECT_GT(started, 0) << "running frames should step";
  frame();
  EXPECT_GT(step(), started);
  imgui.pressKey(keys::Space, false, [&] { drawShell(state); });
  EXPECT_FALSE(s().running);
  EXPECT_FALSE(view->animating());
  const long long paused = step();
  ImGui::GetIO().DeltaTime = 0.2f;  // idle frames long enough for the full-resolution field
  for (int i = 0; i < 5; ++i) frame();
  EXPECT_EQ(step(), paused) << "a paused view stepped on idle frames";
  // Paused: the fields show the current step at full resolution.
  EXPECT_EQ(s().fields.step, paused);
  EXPECT_EQ(s().fields.resolution, 256);
}

TEST_F(TrainViewTest, TheDrawnDensityIntegratesToOneOverTheBox) {
  s().pendingSteps = 200;
  frame();
  ASSERT_EQ(s().fields.step, 200);
  EXPECT_EQ(s().fields.resolution, 128) << "right after steps the field is coarse";
  ImGui::GetIO().DeltaTime = 0.2f;
  for (int i = 0; i < 3; ++i) frame();
  ASSERT_TRUE(s().fields.density.ok()) << s().fields.density.status.message();
  const DensityGrid& g = s().fields.density.value;
  ASSERT_EQ(g.grid.width, 256);
  ASSERT_TRUE(g.density.allFinite());
  // Independent midpoint sum over the box [-3, 3]² that holds the (standardized) data's mass.
  double sum = 0.0;
  for (int i = 0; i < g.density.size(); ++i) sum += g.density(i);
  const double mass = sum * g.grid.cellArea();
  EXPECT_NEAR(mass, 1.0, 0.02);
  EXPECT_NEAR(g.mass, mass, 1e-9);
  // Trained on moons, the density is far from the flat-ish N(0, I): its peak is several times higher.
  EXPECT_GT(g.maxDensity, 3.0 / (2.0 * std::numbers::pi));
  // The latent picture exists and is finite.
  ASSERT_TRUE(s().fields.latent.ok());
  EXPECT_TRUE(s().fields.latent.value.value.allFinite());
}

TEST_F(TrainViewTest, ChangingASettingStartsANewRunAndAHugeLearningRateIsRolledBack) {
  s().settings.hidden = 16;
  s().rebuildRequested = true;
  frame();
  EXPECT_EQ(s().trainer->config().model.hidden, 16);
  EXPECT_EQ(step(), 0);
  s().pendingSteps = 20;
  frame();
  s().settings.learningRate = 1e45;  // beyond the slider: the float step size is inf
  s().lrChanged = true;
  s().pendingSteps = 3;
  frame();
  EXPECT_EQ(s().rollbacks, 3) << "every step with an infinite step size is rolled back";
  EXPECT_EQ(step(), 20) << "rolled-back steps are not counted";
  EXPECT_TRUE(s().running == false);
  bool warned = false;
  for (const auto& m : state.messages.all()) warned |= m.text.find("rolled back") != std::string::npos;
  EXPECT_TRUE(warned);
  ASSERT_TRUE(s().fields.density.ok());
  EXPECT_TRUE(s().fields.density.value.density.allFinite());
  EXPECT_TRUE(s().trainer->state().params.allFinite());
}

}  // namespace
}  // namespace flowlab::app
