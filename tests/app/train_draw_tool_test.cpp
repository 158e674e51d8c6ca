// The Training view's own data on a null ImGui context: the draw tool (D, drag to spray, Shift+drag
// to erase, Ctrl+Z / Ctrl+Y, T to train) and File > Import points; refused data keeps the run.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "app/ui/app_state.h"
#include "app/ui/keys.h"
#include "app/ui/shell.h"
#include "app/views/train/train_own_points.h"
#include "app/views/train/train_view.h"
#include "app/views/view_registry.h"
#include "core/data/dataset.h"
#include "tests/app/null_imgui.h"

namespace flowlab::app {
namespace {

class TrainDrawToolTest : public ::testing::Test {
 protected:
  TrainDrawToolTest() {
    state.views = makeViews();
    state.activate("train");
    view = dynamic_cast<TrainView*>(state.findView("train"));
  }
  void SetUp() override {
    ASSERT_NE(view, nullptr);
    s().drawHeatmap = false;
    s().wake = [](bool) {};
    frame();
    ASSERT_NE(s().runner, nullptr) << s().error;
    ASSERT_TRUE(waitForTraining(s(), 540.0));
    frame();
    ImGui::GetIO().MousePos = ImVec2(-1, -1);
  }
  TrainState& s() { return view->trainState(); }
  const RunnerSnapshot& snap() { return *s().snap; }
  void frame() { imgui.frame([&] { drawShell(state); }); }
  void key(int k, bool ctrl = false) { imgui.pressKey(k, ctrl, [&] { drawShell(state); }); }
  // The density pane's pixel box, as the view reports it.
  void densityBox(float& x0, float& y0, float& x1, float& y1) {
    std::string t;
    view->traceState(t);
    const size_t at = t.find(" density_px=");
    ASSERT_NE(at, std::string::npos);
    ASSERT_EQ(std::sscanf(t.c_str() + at, " density_px=%f,%f,%f,%f", &x0, &y0, &x1, &y1), 4);
  }
  // A stroke from (fx0, fy0) to (fx1, fy1), fractions of the density pane, over `frames` frames.
  void stroke(float fx0, float fy0, float fx1, float fy1, bool shift = false, int frames = 30) {
    float x0, y0, x1, y1;
    densityBox(x0, y0, x1, y1);
    ImGuiIO& io = ImGui::GetIO();
    io.KeyShift = shift;
    for (int i = 0; i <= frames; ++i) {
      const float t = float(i) / float(frames);
      io.MousePos = ImVec2(x0 + (x1 - x0) * (fx0 + (fx1 - fx0) * t), y0 + (y1 - y0) * (fy0 + (fy1 - fy0) * t));
      io.MouseDown[0] = true;
      frame();
    }
    io.MouseDown[0] = false;
    frame();
    io.KeyShift = false;
    io.MousePos = ImVec2(-1, -1);
    frame();
  }
  bool anyError() {
    for (const auto& m : state.messages.all())
      if (m.severity == Severity::Error) return true;
    return false;
  }
  std::string lastError() {
    std::string e;
    for (const auto& m : state.messages.all())
      if (m.severity == Severity::Error) e = m.text;
    return e;
  }

  test::NullImGui imgui{1500, 950};
  AppState state;
  TrainView* view = nullptr;
};

TEST_F(TrainDrawToolTest, DragSpraysPointsUndoRedoAndShiftDragErases) {
  EXPECT_FALSE(s().draw.active);
  stroke(0.2f, 0.5f, 0.8f, 0.5f);
  EXPECT_EQ(s().draw.points.rows(), 0) << "without the tool a drag draws nothing";
  key(keys::D);
  ASSERT_TRUE(s().draw.active);
  stroke(0.2f, 0.5f, 0.8f, 0.5f);
  const Eigen::Index first = s().draw.points.rows();
  EXPECT_GE(first, 5 * s().draw.perDab) << "a drag across the pane lays down many dabs";
  // The points lie along the stroke: y near the middle of the pane's range, x spread across it.
  const Rect& r = s().rect;
  const double midY = 0.5 * (r.yMin + r.yMax);
  EXPECT_NEAR(s().draw.points.col(1).mean(), midY, 4 * s().draw.spread);
  EXPECT_GT(s().draw.points.col(0).maxCoeff() - s().draw.points.col(0).minCoeff(), 0.4 * (r.xMax - r.xMin));
  stroke(0.5f, 0.2f, 0.5f, 0.8f);
  const Eigen::Index second = s().draw.points.rows();
  EXPECT_GT(second, first);
  key(keys::Z, true);
  EXPECT_EQ(s().draw.points.rows(), first) << "Ctrl+Z takes back one stroke";
  key(keys::Y, true);
  EXPECT_EQ(s().draw.points.rows(), second) << "Ctrl+Y brings it back";
  // Shift+drag along the first stroke erases most of it.
  stroke(0.15f, 0.5f, 0.85f, 0.5f, true);
  EXPECT_LT(s().draw.points.rows(), second - first / 2);
  EXPECT_TRUE(s().draw.points.allFinite());
  EXPECT_EQ(s().hoverPane, TrainState::HoverPane::None) << "no probe while drawing";
}

TEST_F(TrainDrawToolTest, TrainingOnTheDrawingStartsARunOnItWithAnEstimatedFloor) {
  key(keys::D);
  // Two blobs: a bimodal distribution a Gaussian cannot fit.
  for (int i = 0; i < 3; ++i) {
    stroke(0.25f, 0.3f + 0.02f * i, 0.35f, 0.35f + 0.02f * i);
    stroke(0.65f, 0.65f + 0.02f * i, 0.75f, 0.7f + 0.02f * i);
  }
  const Batch drawn = s().draw.points;
  ASSERT_GE(drawn.rows(), 100);
  key(keys::T);
  frame();
  ASSERT_FALSE(anyError()) << lastError();
  ASSERT_TRUE(waitForTraining(s(), 540.0));
  frame();
  ASSERT_NE(snap().config.data.points, nullptr) << "the run trains on the drawing";
  EXPECT_EQ(snap().config.data.points->raw, drawn);
  EXPECT_FALSE(s().draw.active) << "the tool closes when its points are used";
  EXPECT_EQ(snap().step, 0);
  ASSERT_TRUE(std::isfinite(snap().floor)) << snap().config.data.points->floorNote;
  EXPECT_LT(snap().floor, kGaussianBaselineNll) << "two tight blobs have far less entropy than N(0, I)";
  const double before = snap().testNll;
  s().pendingSteps = 300;
  frame();
  ASSERT_TRUE(waitForTraining(s(), 540.0));
  frame();
  EXPECT_EQ(snap().step, 300);
  EXPECT_LT(snap().testNll, before - 0.3) << "training on the drawing lowers the held-out NLL";
  std::string t;
  view->traceState(t);
  EXPECT_NE(t.find(" own_points=" + std::to_string(drawn.rows())), std::string::npos) << t;
}

TEST_F(TrainDrawToolTest, TooFewPointsAreRefusedAndTheRunStays) {
  key(keys::D);
  s().draw.perDab = 1;
  s().draw.points = Batch::Zero(3, 2);
  key(keys::T);
  frame();
  EXPECT_TRUE(anyError());
  EXPECT_NE(lastError().find("at least 10"), std::string::npos) << lastError();
  EXPECT_EQ(s().settings.ownPoints, nullptr);
  EXPECT_EQ(snap().config.data.points, nullptr);
  EXPECT_TRUE(s().draw.active) << "the drawing stays open to add more";
}

TEST_F(TrainDrawToolTest, ImportedCsvTrainsAndABadFileNamesItsLineAndKeepsTheData) {
  const auto dir = std::filesystem::temp_directory_path() / ("flowlab_import_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  // Raw moons points written as a user's file would be.
  const Expected<Dataset> moons = Dataset::make("moons");
  ASSERT_TRUE(moons.ok());
  Rng rng(5);
  const Batch raw = moons.value.unstandardize(moons.value.sample(2000, rng));
  {
    std::ofstream out(dir / "moons.csv");
    out << "x,y\n";
    out.precision(17);
    for (Eigen::Index i = 0; i < raw.rows(); ++i) out << raw(i, 0) << "," << raw(i, 1) << "\n";
  }
  {
    std::ofstream out(dir / "bad.csv");
    out << "x,y\n1,2\n3,4\n5,oops\n";
  }
  s().importPath = (dir / "bad.csv").string();
  s().importRequested = true;
  frame();
  EXPECT_NE(lastError().find("bad.csv:4"), std::string::npos) << lastError();
  EXPECT_NE(lastError().find("current data stays"), std::string::npos) << lastError();
  EXPECT_EQ(s().settings.ownPoints, nullptr);

  s().importPath = (dir / "moons.csv").string();
  s().importRequested = true;
  frame();
  ASSERT_TRUE(waitForTraining(s(), 540.0));
  frame();
  ASSERT_NE(snap().config.data.points, nullptr) << lastError();
  EXPECT_EQ(snap().config.data.points->raw.rows(), 2000);
  EXPECT_EQ(s().settings.dataName(), "moons.csv");
  // The estimate of 2000 points lands near the moons' exact floor (standardized alike by the
  // sample's own moments, which are within a few per cent of the analytic ones).
  EXPECT_NEAR(snap().floor, moons.value.entropyFloor(), 0.2);
  // Back to a built-in set from the combo's list is a plain rebuild.
  s().settings.ownPoints.reset();
  s().rebuildRequested = true;
  frame();
  ASSERT_TRUE(waitForTraining(s(), 540.0));
  frame();
  EXPECT_EQ(snap().config.data.points, nullptr);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace flowlab::app
