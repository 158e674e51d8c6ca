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
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "app/platform/config_paths.h"
#include "app/ui/app_state.h"
#include "app/ui/dialogs.h"
#include "app/ui/preset_catalog.h"
#include "app/ui/keys.h"
#include "app/ui/shell.h"
#include "app/views/train/train_model_files.h"
#include "app/views/view_registry.h"
#include "core/train/training_scene.h"
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


// --- Overlays, hover, model files (trainview) ---

TEST_F(TrainViewTest, GridAndPatchesOfTheLearnedMapAreDrawnWhenToggled) {
  s().pendingSteps = 50;
  frame();
  settle();
  frame();
  EXPECT_EQ(s().gridLinesDrawn, 0) << "off by default";
  EXPECT_EQ(s().patchesDrawn, 0);
  std::vector<std::string> unknown;
  view->setOverlays({"grid", "patches"}, true, unknown);
  EXPECT_TRUE(unknown.empty());
  frame();  // asks the overlay thread
  ASSERT_NE(s().overlayWorker, nullptr);
  ASSERT_TRUE(s().overlayWorker->waitDone(120.0));
  frame();
  ASSERT_TRUE(s().overlays);
  EXPECT_EQ(s().overlays->step, 50) << "the overlays are of the model shown";
  EXPECT_EQ(s().gridLinesDrawn, 26) << "13 lines per axis, as in the 2D lab";
  EXPECT_EQ(s().patchesDrawn, 144);
  // The image of the grid is not the grid: after 50 steps f bends the line z₁ = 0, which the
  // identity would map to the straight line x₁ = 0.
  const GridWarp& g = s().overlays->grid.value;
  ASSERT_EQ(g.lines.size(), s().overlays->baseGrid.value.lines.size());
  ASSERT_EQ(g.levels(6), 0.0);
  const Batch& middle = g.lines[6];
  EXPECT_GT(middle.col(0).maxCoeff() - middle.col(0).minCoeff(), 0.05);
  const JacobianPatches& p = s().overlays->patches.value;
  EXPECT_GT(p.logAbsDet.cwiseAbs().maxCoeff(), 0.05) << "a trained map changes area somewhere";
  view->setOverlays({"patches"}, true, unknown);
  frame();
  EXPECT_EQ(s().gridLinesDrawn, 0) << "exclusive: the grid went off";
  EXPECT_EQ(s().patchesDrawn, 144);
}

TEST_F(TrainViewTest, HoverOverEitherPaneProbesTheModelAndItsTermsSumToLogP) {
  s().pendingSteps = 100;
  frame();
  settle();
  frame();  // the layout of a frame with the trained model
  std::string trace;
  view->traceState(trace);
  // The density pane's pixel box from the trace (density_px=x0,y0,x1,y1).
  const auto box = [&](const std::string& key) {
    const size_t at = trace.find(" " + key + "=");
    float v[4] = {};
    std::sscanf(trace.c_str() + at + key.size() + 2, "%f,%f,%f,%f", &v[0], &v[1], &v[2], &v[3]);
    return std::array<float, 4>{v[0], v[1], v[2], v[3]};
  };
  for (const char* pane : {"density_px", "base_px"}) {
    const auto b = box(pane);
    ImGui::GetIO().MousePos = ImVec2(b[0] + 0.3f * (b[2] - b[0]), b[1] + 0.6f * (b[3] - b[1]));
    frame();
    frame();
    ASSERT_TRUE(s().hover) << pane << ": " << s().hoverError;
    const PointProbe& h = *s().hover;
    ASSERT_EQ(h.terms.size(), 6u) << "one term per layer";
    double sum = 0.0;
    for (const LayerTerm& t : h.terms) sum += t.logAbsDet;
    EXPECT_NEAR(h.logPz - sum, h.logPx, 1e-9) << "log p_X = log p_Z − Σ log|det J_k|";
    // The probe is of the model shown: its log p matches the trainer's float path.
    const Expected<TrainerConfig> config = trainerConfigFrom(TrainSettings{});
    ASSERT_TRUE(config.ok());
    Trainer t(config.value);
    t.step(100);
    MatrixT<float> x(1, 2);
    x << float(h.x(0)), float(h.x(1));
    EXPECT_NEAR(t.logProb(x)(0), h.logPx, 1e-3) << pane;
    EXPECT_EQ(std::string(pane) == "density_px", s().hoverPane == TrainState::HoverPane::Data);
  }
  ImGui::GetIO().MousePos = ImVec2(-1, -1);
  frame();
  EXPECT_FALSE(s().hover) << "off the panes, no readout";
}

TEST_F(TrainViewTest, SaveThenOpenRestoresStepParametersAndOptimizerBitForBit) {
  const std::string path = (std::filesystem::temp_directory_path() / "flowlab-train-view-test-model.json").string();
  std::filesystem::remove(path);
  s().pendingSteps = 30;
  frame();
  settle();
  const std::vector<float> at30 = snap().params;
  s().savePath = path;
  s().saveRequested = true;
  frame();
  settle();
  ASSERT_TRUE(std::filesystem::exists(path));
  s().pendingSteps = 10;
  frame();
  settle();
  ASSERT_EQ(step(), 40);
  const std::vector<float> at40 = snap().params;
  ASSERT_NE(at40, at30);

  s().openPath = path;
  s().openRequested = true;
  frame();
  settle();
  EXPECT_EQ(step(), 30) << "the saved step";
  EXPECT_EQ(snap().params, at30) << "the saved parameters, bit for bit";
  EXPECT_EQ(snap().config.seed, 0u);
  // The optimizer state came back too: ten more steps land exactly where the unbroken run did.
  s().pendingSteps = 10;
  frame();
  settle();
  EXPECT_EQ(step(), 40);
  EXPECT_EQ(snap().params, at40);
  std::filesystem::remove(path);
}

TEST_F(TrainViewTest, OpeningABadFileKeepsTheCurrentModelAndSaysWhy) {
  s().pendingSteps = 20;
  frame();
  settle();
  const std::vector<float> before = snap().params;
  const std::string path = (std::filesystem::temp_directory_path() / "flowlab-train-view-bad-model.json").string();
  for (const std::string& text : {std::string("not json at all"), std::string(R"({"dim": 2, "layers": []})")}) {
    {
      std::ofstream out(path);
      out << text;
    }
    s().openPath = path;
    s().openRequested = true;
    frame();
    settle();
    EXPECT_EQ(step(), 20);
    EXPECT_EQ(snap().params, before);
    const Message* m = state.messages.latest();
    ASSERT_NE(m, nullptr);
    EXPECT_EQ(m->severity, Severity::Error);
    EXPECT_NE(m->text.find("Open model"), std::string::npos) << m->text;
    EXPECT_NE(m->text.find("the current model stays"), std::string::npos) << m->text;
  }
  std::filesystem::remove(path);
}

// File > Open scene (and --scene) with a training scene: the Training view opens it whatever view
// is shown, with every setting of the scene, and a later sidebar change keeps what the sidebar does
// not edit (depth, schedule).
TEST_F(TrainViewTest, ATrainingSceneOpensHereWithItsSettingsAndSidebarChangesKeepTheRest) {
  const std::string path = (std::filesystem::temp_directory_path() / "flowlab-train-view-scene.json").string();
  std::ofstream(path) << R"({"title": "small circles", "chapter": 5, "description": "three layers",
    "training": {"dataset": "circles", "noise": 0.08, "architecture": {"layers": 3, "hidden": 16, "depth": 1},
                 "batch": 64, "schedule_steps": 500, "warmup_steps": 20, "test_size": 512, "seed": 4}})";
  state.activate("2d");
  ASSERT_TRUE(openSceneFile(state, path));
  EXPECT_EQ(state.activeView->id(), "train");
  frame();
  settle();
  const TrainerConfig* c = &snap().config;
  EXPECT_EQ(c->data.kind, DatasetKind::Circles);
  EXPECT_EQ(c->data.noise, 0.08);
  EXPECT_EQ(c->model.layers, 3);
  EXPECT_EQ(c->model.hidden, 16);
  EXPECT_EQ(c->model.depth, 1);
  EXPECT_EQ(c->batch, 64);
  EXPECT_EQ(c->schedule.total, 500);
  EXPECT_EQ(c->testSize, 512);
  EXPECT_EQ(c->seed, 4u);
  EXPECT_EQ(s().sceneTitle, "small circles");
  EXPECT_EQ(s().settings.layers, 3) << "the sidebar shows the scene's settings";
  s().settings.layers = 4;  // what the layers slider does on release
  s().rebuildRequested = true;
  frame();
  settle();
  c = &snap().config;
  EXPECT_EQ(c->model.layers, 4);
  EXPECT_EQ(c->model.depth, 1) << "kept from the scene";
  EXPECT_EQ(c->schedule.total, 500) << "kept from the scene";
  EXPECT_EQ(c->data.kind, DatasetKind::Circles);
  std::filesystem::remove(path);
}

// A checkpoint is a training scene with weights: in the Training view it continues from them; in
// the 2D lab, when that is the view in use, it is a plain flow.
TEST_F(TrainViewTest, ASceneWithWeightsLoadsHereAndIsAFlowInThe2DLab) {
  const std::string path = (std::filesystem::temp_directory_path() / "flowlab-train-view-weights.json").string();
  std::filesystem::remove(path);
  s().pendingSteps = 25;
  frame();
  settle();
  const std::vector<float> at25 = snap().params;
  s().savePath = path;
  s().saveRequested = true;
  frame();
  settle();
  ASSERT_TRUE(std::filesystem::exists(path));
  s().resetRequested = true;
  frame();
  settle();
  ASSERT_EQ(step(), 0);
  ASSERT_TRUE(openSceneFile(state, path));
  frame();
  settle();
  EXPECT_EQ(state.activeView->id(), "train");
  EXPECT_EQ(step(), 25);
  EXPECT_EQ(snap().params, at25);
  state.activate("2d");
  ASSERT_TRUE(openSceneFile(state, path));
  EXPECT_EQ(state.activeView->id(), "2d");
  std::filesystem::remove(path);
}

TEST_F(TrainViewTest, ABadTrainingSceneSaysWhereAndKeepsTheRun) {
  s().pendingSteps = 10;
  frame();
  settle();
  const std::vector<float> before = snap().params;
  const std::string path = (std::filesystem::temp_directory_path() / "flowlab-train-view-bad-scene.json").string();
  std::ofstream(path) << "{\"training\": {\n  \"batch\": \"many\"}}";
  EXPECT_FALSE(openSceneFile(state, path));
  const Message* m = state.messages.latest();
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->severity, Severity::Error);
  EXPECT_EQ(m->text.rfind(path + ":2:12: training/batch: must be an integer", 0), 0u) << m->text;
  frame();
  settle();
  EXPECT_EQ(step(), 10);
  EXPECT_EQ(snap().params, before);
  std::filesystem::remove(path);
}

// The scene list: the shipped training scenes, chapter 5's six (moons among them) and chapter 6's
// eight; the 2D lab's presets leave them out.
TEST_F(TrainViewTest, TheSceneListHasTheShippedTrainingScenes) {
  const std::vector<TrainingPreset>& scenes = trainingPresets();
  // Chapter 5's six RealNVP scenes, and chapter 6's trained families (assets/scenes/ch6_*.json) and
  // its MAF vs IAF lesson (a training scene that also opens its panel).
  int chapter5 = 0, chapter6 = 0;
  bool moons = false;
  for (const TrainingPreset& p : scenes) {
    EXPECT_TRUE(p.chapter == 5 || p.chapter == 6) << p.path;
    chapter5 += p.chapter == 5;
    chapter6 += p.chapter == 6;
    EXPECT_FALSE(p.title.empty()) << p.path;
    EXPECT_GT(p.description.size(), 200u) << "several sentences: " << p.path;
    moons |= p.path.find("train_moons.json") != std::string::npos;
  }
  EXPECT_EQ(chapter5, 6);
  EXPECT_EQ(chapter6, 8) << "seven families and MAF vs IAF";
  EXPECT_TRUE(moons);
  for (const Preset& p : presets(2)) EXPECT_EQ(p.path.find("train_"), std::string::npos) << p.path;
  // Picking one from the list (what the combo's Selectable does) trains exactly its settings.
  for (const TrainingPreset& p : scenes) {
    SCOPED_TRACE(p.path);
    ASSERT_TRUE(view->openScene(state, p.path));
    frame();
    settle();
    EXPECT_EQ(s().scenePath, p.path);
    EXPECT_EQ(s().error, "");
    const Expected<TrainingScene> t = loadTrainingScene(p.path);
    ASSERT_TRUE(t.ok());
    const TrainerConfig& c = snap().config;
    EXPECT_EQ(snap().family, t.value.family);  // a chapter 6 scene trains its family
    EXPECT_EQ(c.data.kind, t.value.config.data.kind);
    EXPECT_EQ(c.data.noise, t.value.config.data.noise >= 0 ? t.value.config.data.noise : defaultNoise(c.data.kind));
    EXPECT_EQ(c.model, t.value.config.model);
    EXPECT_EQ(c.schedule, t.value.config.schedule);
    EXPECT_EQ(c.batch, t.value.config.batch);
    EXPECT_EQ(c.learningRate, t.value.config.learningRate);
  }
}

// File > Open model on a training scene without weights opens it as a scene (its settings).
TEST_F(TrainViewTest, OpenModelOnASettingsOnlySceneOpensTheScene) {
  const std::string path = (dataDir() / "assets" / "scenes" / "train_pinwheel.json").string();
  s().openPath = path;
  s().openRequested = true;
  frame();
  settle();
  EXPECT_EQ(s().scenePath, path);
  EXPECT_EQ(snap().config.data.kind, DatasetKind::Pinwheel);
  EXPECT_EQ(snap().config.model.layers, 8);
  EXPECT_EQ(step(), 0);
}

TEST_F(TrainViewTest, PickingAFamilyTrainsItAndItsGridPatchesAndStagesAreDrawn) {
  EXPECT_FALSE(snap().family) << "RealNVP on the fast path by default";
  s().settings.flow = "maf";  // what the flow combo sets
  s().settings.layers = 4;
  s().settings.hidden = 32;
  s().rebuildRequested = true;
  frame();
  settle();
  ASSERT_TRUE(snap().family) << s().error;
  EXPECT_EQ(snap().family->kind, FamilyKind::Maf);
  EXPECT_EQ(snap().family->layers, 4);
  EXPECT_EQ(snap().family->hidden, 32);
  EXPECT_NEAR(snap().testNll, kGaussianBaselineNll, 0.35) << "a fresh MAF is near the identity";
  s().pendingSteps = 300;
  frame();
  settle();
  EXPECT_EQ(step(), 300);
  EXPECT_LT(snap().testNll, kGaussianBaselineNll - 0.6) << "300 MAF steps on moons learn";
  EXPECT_GT(snap().testNll, snap().floor - 0.05);
  // The same parameters as the generic trainer for the same settings.
  const Expected<RunConfig> run = runConfigFrom(s().settings);
  ASSERT_TRUE(run.ok()) << run.status.message();
  FamilyTrainer t(familyTrainerConfig(run.value.config, *run.value.family));
  t.step(300);
  const Vector& p = t.state().params;
  EXPECT_EQ(snap().familyParams, std::vector<double>(p.data(), p.data() + p.size()));
  // The overlays and the probe of the family's map.
  std::vector<std::string> unknown;
  view->setOverlays({"grid", "patches"}, true, unknown);
  frame();
  ASSERT_NE(s().overlayWorker, nullptr);
  ASSERT_TRUE(s().overlayWorker->waitDone(120.0));
  frame();
  ASSERT_TRUE(s().overlays);
  EXPECT_EQ(s().overlays->step, 300);
  EXPECT_EQ(s().gridLinesDrawn, 26);
  EXPECT_EQ(s().patchesDrawn, 144);
  EXPECT_GT(s().overlays->patches.value.logAbsDet.cwiseAbs().maxCoeff(), 0.05);
  // The pull-back slider counts the family's layers.
  ASSERT_TRUE(waitForTraining(s(), 120.0, true));
  frame();
  EXPECT_EQ(snap().layers, 4);
  ASSERT_TRUE(snap().fields);
  EXPECT_EQ(snap().fields->stages.size(), 5u);
  // The sidebar's settings of the run are the ones that built it.
  const TrainSettings back = settingsFrom(snap().config, snap().family);
  EXPECT_EQ(back.flow, "maf");
  EXPECT_EQ(back.layers, 4);
  EXPECT_EQ(back.hidden, 32);
}

TEST_F(TrainViewTest, ABadFamilyKnobSaysWhichAndKeepsTheRun) {
  s().settings.flow = "nsf";
  s().settings.bins = 6;
  s().rebuildRequested = true;
  frame();
  settle();
  ASSERT_TRUE(snap().family);
  EXPECT_EQ(snap().family->bins, 6);
  const std::uint64_t generation = snap().generation;
  s().settings.bins = 1;  // no spline has one bin
  s().rebuildRequested = true;
  frame();
  settle();
  EXPECT_NE(s().error.find("bins"), std::string::npos) << s().error;
  EXPECT_EQ(snap().generation, generation) << "the current run stays";
  s().settings.flow = "no-such-flow";
  s().settings.bins = 6;
  s().rebuildRequested = true;
  frame();
  EXPECT_NE(s().error.find("no-such-flow"), std::string::npos) << s().error;
  s().settings.flow = "realnvp";
  s().rebuildRequested = true;
  frame();
  settle();
  EXPECT_TRUE(s().error.empty()) << s().error;
  EXPECT_FALSE(snap().family) << "back on the fast path";
  EXPECT_FALSE(snap().params.empty());
}

}  // namespace
}  // namespace flowlab::app
