// The Training view on a null ImGui context (tier 2): its transport (Step, Run/Pause by Space,
// Reset) drives the training thread through whole frames of the shell; the NLL falls below the
// Gaussian baseline; idle paused frames do not step; the density it draws holds unit mass; the
// app's session gives the same parameters as core's Trainer for the same seed.
#include "app/views/train/train_view.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <numbers>
#include <thread>

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
    s().wake = [](bool) {};   // no window to wake
    frame();
    ASSERT_NE(s().runner, nullptr) << s().error;
    settle();
  }
  TrainState& s() { return view->trainState(); }
  const RunnerSnapshot& snap() { return *s().snap; }
  void frame() { imgui.frame([&] { drawShell(state); }); }
  // Lets the training thread finish what the frames asked, then draws a frame with its result.
  void settle() {
    // Generous: this waits for the thread to finish the requested steps; it is not a speed check.
    ASSERT_TRUE(waitForTraining(s(), 540.0));
    frame();
  }
  // Frames until `pred` holds (the thread works meanwhile); false after ~20 s.
  template <class P>
  bool framesUntil(P pred) {
    for (int i = 0; i < 2000; ++i) {
      frame();
      if (pred()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }
  long long step() { return snap().step; }

  test::NullImGui imgui{1500, 950};
  AppState state;
  TrainView* view = nullptr;
};

TEST_F(TrainViewTest, RegisteredThirdWithTheCliDefaults) {
  ASSERT_GE(state.views.size(), 4u);
  EXPECT_EQ(state.views[3]->id(), "train");
  EXPECT_EQ(state.views[3]->title(), "Training");
  const TrainerConfig& c = snap().config;
  EXPECT_EQ(c.data.kind, DatasetKind::Moons);
  EXPECT_DOUBLE_EQ(c.data.noise, 0.05);
  EXPECT_EQ(c.model.layers, 6);
  EXPECT_EQ(c.model.hidden, 64);
  EXPECT_EQ(c.batch, 256);
  EXPECT_DOUBLE_EQ(c.learningRate, TrainerConfig{}.learningRate);  // the CLI's default too
  EXPECT_EQ(c.seed, 0u);
  // The CLI's schedule: 200-step warm-up, cosine to 0 at step 2000 (no open-ended floor).
  EXPECT_EQ(c.schedule, LrSchedule{});
  EXPECT_EQ(c.schedule.total, 2000);
  EXPECT_EQ(c.schedule.finalFraction, 0.0);
  EXPECT_EQ(snap().scheduleEnd, 2000);
  EXPECT_DOUBLE_EQ(kGaussianBaselineNll, std::log(2.0 * std::numbers::pi * std::numbers::e));
}

TEST_F(TrainViewTest, StepsLowerTheNllBelowTheBaselineAndResetReturnsToIt) {
  // At step 0 the flow is the identity: the test NLL is the Gaussian baseline.
  EXPECT_EQ(step(), 0);
  EXPECT_NEAR(snap().testNll, kGaussianBaselineNll, 0.03);
  s().pendingSteps = 1;  // what "+1" sets
  frame();
  settle();
  EXPECT_EQ(step(), 1);
  for (int i = 0; i < 3; ++i) s().pendingSteps += 100;  // "+100" three times in one frame
  frame();
  settle();
  EXPECT_EQ(step(), 301);
  ASSERT_TRUE(std::isfinite(snap().trainNll));
  EXPECT_LT(snap().trainNll, kGaussianBaselineNll - 0.8) << "300 steps on moons should learn a lot";
  EXPECT_LT(snap().testNll, kGaussianBaselineNll - 0.8);
  EXPECT_GT(snap().testNll, snap().floor - 0.05) << "no model beats the entropy floor";
  EXPECT_EQ(snap().testStep, 301);
  EXPECT_GE(snap().train.steps.size(), 30u);
  // The test curve is a curve: sampled every 100 steps during the Step requests.
  EXPECT_GE(snap().test.steps.size(), 4u);
  EXPECT_EQ(snap().test.steps.back(), 301.0);
  EXPECT_EQ(snap().rollbacks, 0);

  s().resetRequested = true;  // what "|<" and R set
  frame();
  settle();
  EXPECT_EQ(step(), 0);
  EXPECT_TRUE(snap().train.steps.empty());
  EXPECT_TRUE(std::isnan(snap().trainNll));
  EXPECT_NEAR(snap().testNll, kGaussianBaselineNll, 0.03);
}

TEST_F(TrainViewTest, TheSessionGivesTheTrainersParametersForTheSameSeed) {
  s().pendingSteps = 64;
  frame();
  settle();
  ASSERT_EQ(step(), 64);
  const Expected<TrainerConfig> config = trainerConfigFrom(TrainSettings{});
  ASSERT_TRUE(config.ok());
  Trainer t(config.value);
  t.step(64);
  const VectorT<float>& p = t.state().params;
  EXPECT_EQ(snap().params, std::vector<float>(p.data(), p.data() + p.size()));
  EXPECT_EQ(snap().testNll, t.testNll());
}

TEST_F(TrainViewTest, SpaceRunsAndPausesAndIdleFramesDoNotStep) {
  imgui.pressKey(keys::Space, false, [&] { drawShell(state); });
  EXPECT_TRUE(s().running()) << "Run shows at once, before the thread applies it";
  ASSERT_TRUE(framesUntil([&] { return step() > 5; })) << "running did not step";
  const long long started = step();
  ASSERT_TRUE(framesUntil([&] { return step() > started; }));
  imgui.pressKey(keys::Space, false, [&] { drawShell(state); });
  EXPECT_FALSE(s().running());
  settle();
  EXPECT_FALSE(snap().running);
  const long long paused = step();
  for (int i = 0; i < 5; ++i) {
    frame();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(step(), paused) << "a paused view stepped on idle frames";
  // Paused: the fields come to show the current step at full resolution.
  ASSERT_TRUE(framesUntil([&] { return snap().fields && snap().fields->resolution == 256; }));
  EXPECT_EQ(snap().fields->step, paused);
}

TEST_F(TrainViewTest, TheDrawnDensityIntegratesToOneOverTheBox) {
  s().pendingSteps = 200;
  frame();
  settle();
  ASSERT_TRUE(snap().fields);
  ASSERT_EQ(snap().fields->step, 200);
  ASSERT_TRUE(framesUntil([&] { return snap().fields->resolution == 256; }));
  const RunnerFields& f = *snap().fields;
  ASSERT_TRUE(f.density.ok()) << f.density.status.message();
  const DensityGrid& g = f.density.value;
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
  ASSERT_TRUE(f.latent.ok());
  EXPECT_TRUE(f.latent.value.allFinite());
  // Samples of the model lie near the moons: under the data's own density they score far higher
  // than the N(0, I) points they came from.
  ASSERT_TRUE(f.samples.ok());
  const Expected<Dataset> data = Dataset::make("moons");
  ASSERT_TRUE(data.ok());
  const double samplesLogP = data.value.logProb(f.samples.value).mean();
  const double baseLogP = data.value.logProb(*snap().basePoints).mean();
  EXPECT_GT(samplesLogP, baseLogP + 2.0) << samplesLogP << " vs " << baseLogP;
}

TEST_F(TrainViewTest, ChangingASettingStartsANewRunAndAHugeLearningRateIsRolledBack) {
  s().settings.hidden = 16;
  s().rebuildRequested = true;
  frame();
  settle();
  EXPECT_EQ(snap().config.model.hidden, 16);
  EXPECT_EQ(step(), 0);
  s().pendingSteps = 20;
  frame();
  settle();
  s().settings.learningRate = 1e45;  // beyond the slider: the float step size is inf
  s().lrChanged = true;
  s().pendingSteps = 3;
  frame();
  settle();
  EXPECT_EQ(snap().rollbacks, 3) << "every step with an infinite step size is rolled back";
  EXPECT_EQ(step(), 20) << "rolled-back steps are not counted";
  EXPECT_FALSE(s().running());
  bool warned = false;
  for (const auto& m : state.messages.all()) warned |= m.text.find("rolled back") != std::string::npos;
  EXPECT_TRUE(warned);
  ASSERT_TRUE(snap().fields && snap().fields->density.ok());
  EXPECT_TRUE(snap().fields->density.value.density.allFinite());
  for (float v : snap().params) ASSERT_TRUE(std::isfinite(v));
  EXPECT_EQ(snap().rollbackSteps.size(), 3u) << "each rollback is marked on the curve";
}

// Chapter 5: after 2000 steps at the defaults the data pulled back through f⁻¹ is close to
// N(0, I) (near-zero mean, near-unit covariance), and Play walks the layer slider to z.
TEST_F(TrainViewTest, AfterTwoThousandStepsThePulledBackDataLooksGaussian) {
  s().pendingSteps = 2000;
  frame();
  settle();
  ASSERT_EQ(step(), 2000);
  EXPECT_LE(snap().testNll, 1.24);
  ASSERT_TRUE(framesUntil([&] { return snap().fields && !snap().fields->stages.empty(); }));
  const std::vector<Batch>& stages = snap().fields->stages;
  ASSERT_EQ(stages.size(), 7u);
  const Batch& z = stages.back();
  const Eigen::RowVector2d mean = z.colwise().mean();
  const Batch centred = z.rowwise() - mean;
  const Eigen::Matrix2d cov = centred.transpose() * centred / double(z.rows() - 1);
  EXPECT_LT(mean.cwiseAbs().maxCoeff(), 0.1) << mean;
  EXPECT_LT((cov - Eigen::Matrix2d::Identity()).cwiseAbs().maxCoeff(), 0.15) << cov;
  // The data itself (stage 0) is far from Gaussian in shape but standardized: it is the scatter.
  EXPECT_LT((stages.front() - *snap().dataPoints).cwiseAbs().maxCoeff(), 1e-12);

  s().playRequested = true;
  frame();
  EXPECT_TRUE(view->animating());
  EXPECT_EQ(s().layerShown, 0);
  ImGui::GetIO().DeltaTime = 0.7f;
  for (int i = 0; i < 10 && s().layerPlay; ++i) frame();
  EXPECT_FALSE(s().layerPlay);
  EXPECT_EQ(s().layerShown, -1) << "Play ends on z";
}

TEST_F(TrainViewTest, AStepLimitStopsARunAndRunAgainContinues) {
  s().stopAtEnabled = true;
  s().stopAt = 30;
  s().controlsChanged = true;
  s().toggleRequested = true;
  frame();
  settle();
  EXPECT_EQ(step(), 30);
  EXPECT_EQ(snap().stopped, StopReason::StepLimit);
  EXPECT_FALSE(s().running());
}

}  // namespace
}  // namespace flowlab::app
