// Tier 3: training scenes open the Training view (flowlab --scene FILE), with the scene's
// configuration; --train-steps trains that configuration, exactly as `flowlab train` would with the
// same settings; a scene with weights continues from them; plain 2D scenes still open the 2D lab.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/gui/png_image.h"
#include "tests/support/process.h"

namespace flowlab::test {
namespace {

const std::string kFlowlab = FLOWLAB_BINARY;
const std::string kScenes = std::string(FLOWLAB_SOURCE_DIR) + "/assets/scenes/";

// The last "trace ..." line's value for `key`.
std::string traceValue(const std::string& out, const std::string& key) {
  std::istringstream lines(out);
  std::string line, last;
  while (std::getline(lines, line))
    if (line.rfind("trace ", 0) == 0) last = line;
  const std::string needle = " " + key + "=";
  const size_t at = last.find(needle);
  if (at == std::string::npos) return "";
  const size_t begin = at + needle.size();
  return last.substr(begin, last.find(' ', begin) - begin);
}

// test_nll at `step` from a `flowlab train --log` CSV (step,batch_nll,train_nll,learning_rate,test_nll).
double loggedTestNll(const std::string& csv, long long step) {
  std::ifstream in(csv);
  for (std::string line; std::getline(in, line);)
    if (line.rfind(std::to_string(step) + ",", 0) == 0 && line.back() != ',') return std::stod(line.substr(line.rfind(',') + 1));
  return -1.0;
}

struct AppRun {
  ProcessResult r;
  PngImage image;
};

class TrainSceneGui : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!haveDisplay()) GTEST_SKIP() << "no DISPLAY: run under xvfb-run (scripts/test does)";
    dir_ = makeTempDir("train_scene");
  }
  void TearDown() override {
    std::error_code ec;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
  }
  AppRun open(const std::string& args, const std::string& name) {
    const std::string png = dir_ + "/" + name + ".png";
    AppRun run;
    run.r = runGuiProcess(kFlowlab + " " + args + " --trace-state --size 1500x950 --screenshot " + png);
    EXPECT_EQ(run.r.exitCode, 0) << run.r.err;
    run.image = loadPng(png);
    return run;
  }
  std::string dir_;
};

// Chapter 5's scene: the Training view at step 200 with the scene's settings, and the same test NLL
// at step 200 as `flowlab train` with the CLI's defaults (the scene is those defaults).
TEST_F(TrainSceneGui, MoonsSceneOpensTheTrainingViewAndTrainsItsConfiguration) {
  const AppRun app = open("--scene " + kScenes + "train_moons.json --train-steps 200", "moons200");
  const std::string& out = app.r.out;
  EXPECT_EQ(traceValue(out, "view"), "train");
  EXPECT_EQ(traceValue(out, "scene"), "train_moons");
  EXPECT_EQ(traceValue(out, "step"), "200");
  EXPECT_EQ(traceValue(out, "synced"), "1");
  EXPECT_EQ(traceValue(out, "dataset"), "moons");
  EXPECT_EQ(traceValue(out, "noise"), "0.05");
  EXPECT_EQ(traceValue(out, "layers"), "6");
  EXPECT_EQ(traceValue(out, "hidden"), "64");
  EXPECT_EQ(traceValue(out, "depth"), "2");
  EXPECT_EQ(traceValue(out, "batch"), "256");
  EXPECT_EQ(traceValue(out, "schedule_steps"), "2000");
  EXPECT_EQ(traceValue(out, "warmup_steps"), "200");
  EXPECT_EQ(traceValue(out, "seed"), "0");
  EXPECT_EQ(traceValue(out, "test_step"), "200");
  const std::string csv = dir_ + "/moons.csv";
  const auto cli = runProcess(kFlowlab + " train --steps 2000 --log " + csv + " --log-every 200");
  ASSERT_EQ(cli.exitCode, 0) << cli.err;
  const double cliNll = loggedTestNll(csv, 200);
  ASSERT_GT(cliNll, 0.0) << "no step-200 entry in " << csv;
  EXPECT_NEAR(std::stod(traceValue(out, "test_nll")), cliNll, 1e-6) << "the same batches and arithmetic";
  // The picture: the density pane shows a heatmap with contrast (not a blank pane).
  ASSERT_TRUE(app.image.ok());
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  std::sscanf(traceValue(out, "density_px").c_str(), "%d,%d,%d,%d", &x0, &y0, &x1, &y1);
  ASSERT_GT(x1 - x0, 100);
  EXPECT_GT(app.image.distinctColours(x0 + 4, y0 + 4, x1 - 4, y1 - 4), 100);
}

// A hand-written scene with other settings: every one reaches the run.
TEST_F(TrainSceneGui, ASceneSettingsBecomeTheRunsSettings) {
  const std::string scene = dir_ + "/circles.json";
  std::ofstream(scene) << R"({"title": "small circles", "chapter": 5, "training": {
      "dataset": "circles", "noise": 0.08, "architecture": {"layers": 3, "hidden": 16, "depth": 1},
      "batch": 64, "learning_rate": 0.003, "schedule_steps": 500, "warmup_steps": 20, "seed": 4}})";
  const AppRun app = open("--scene " + scene + " --train-steps 30", "circles");
  const std::string& out = app.r.out;
  EXPECT_EQ(traceValue(out, "view"), "train");
  EXPECT_EQ(traceValue(out, "step"), "30");
  EXPECT_EQ(traceValue(out, "dataset"), "circles");
  EXPECT_EQ(traceValue(out, "noise"), "0.08");
  EXPECT_EQ(traceValue(out, "layers"), "3");
  EXPECT_EQ(traceValue(out, "hidden"), "16");
  EXPECT_EQ(traceValue(out, "depth"), "1");
  EXPECT_EQ(traceValue(out, "batch"), "64");
  EXPECT_EQ(traceValue(out, "peak_lr"), "0.003");
  EXPECT_EQ(traceValue(out, "schedule_steps"), "500");
  EXPECT_EQ(traceValue(out, "warmup_steps"), "20");
  EXPECT_EQ(traceValue(out, "seed"), "4");
}

// With weights (a checkpoint of a constant-rate run, so --resume continues the same schedule): the
// app continues from its step and lands on the test NLL `flowlab train --resume` prints.
TEST_F(TrainSceneGui, ASceneWithWeightsContinuesFromThemExactly) {
  const std::string model = dir_ + "/model.json";
  const auto saved = runProcess(kFlowlab + " train --dataset 8gaussians --layers 3 --hidden 16 --steps 40 "
                                "--schedule constant --lr 3e-3 --test-size 2048 --seed 2 --out " + model);
  ASSERT_EQ(saved.exitCode, 0) << saved.err;
  const AppRun app = open("--scene " + model + " --train-steps 30", "weights");
  const std::string& out = app.r.out;
  EXPECT_EQ(traceValue(out, "view"), "train");
  EXPECT_EQ(traceValue(out, "step"), "70") << "40 saved + 30";
  EXPECT_EQ(traceValue(out, "dataset"), "8gaussians");
  EXPECT_EQ(traceValue(out, "layers"), "3");
  const std::string csv = dir_ + "/resumed.csv";
  const auto cli = runProcess(kFlowlab + " train --resume " + model + " --steps 30 --log " + csv + " --log-every 30");
  ASSERT_EQ(cli.exitCode, 0) << cli.err;
  const double cliNll = loggedTestNll(csv, 70);
  ASSERT_GT(cliNll, 0.0);
  EXPECT_NEAR(std::stod(traceValue(out, "test_nll")), cliNll, 1e-6);
  // The same file in the 2D lab (asked for) is a plain flow there.
  const AppRun lab = open("--view 2d --scene " + model, "weights_lab");
  EXPECT_EQ(traceValue(lab.r.out, "view"), "2d");
}

TEST_F(TrainSceneGui, APlain2DSceneStillOpensThe2DLab) {
  const AppRun lab = open("--scene " + kScenes + "banana.json", "banana");
  EXPECT_EQ(traceValue(lab.r.out, "view"), "2d");
  const AppRun fromTrain = open("--view train --scene " + kScenes + "banana.json", "banana_from_train");
  EXPECT_EQ(traceValue(fromTrain.r.out, "view"), "2d") << "a flow scene goes to the lab whatever the view";
}

TEST_F(TrainSceneGui, ABadTrainingSceneSaysWhereAndKeepsTheDefaultRun) {
  const std::string scene = dir_ + "/bad.json";
  std::ofstream(scene) << "{\"training\": {\"architecture\": {\"layers\": 99}}}";
  const AppRun app = open("--view train --scene " + scene + " --frames 3", "bad");
  EXPECT_EQ(traceValue(app.r.out, "view"), "train");
  EXPECT_EQ(traceValue(app.r.out, "layers"), "6") << "the default run";
  EXPECT_EQ(traceValue(app.r.out, "scene"), "none");
}

}  // namespace
}  // namespace flowlab::test
