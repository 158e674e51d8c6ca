// Journeys with your own data in the Training view, with real X input: press D, drag on the
// density pane to spray points (Shift+drag erases, Ctrl+Z takes a stroke back), press T to train
// on them, and Run; and File > Import points (Ctrl+I) with a bad file, then a good one.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "tests/gui/journey/journey.h"

namespace flowlab::test {
namespace {

struct Box {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  Point at(double u, double v) const { return Point{int(x0 + u * (x1 - x0)), int(y0 + v * (y1 - y0))}; }
};

Box box(const TraceLine& t, const std::string& key) {
  Box b;
  std::sscanf(t.text(key).c_str(), "%d,%d,%d,%d", &b.x0, &b.y0, &b.x1, &b.y1);
  return b;
}

class OwnDataJourney : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const std::string why = Journey::unavailable(); !why.empty()) GTEST_SKIP() << why;
  }
};

TEST_F(OwnDataJourney, DrawTwoStrokesUndoOneTrainOnTheRestAndRun) {
  Journey j(JourneyOptions{1280, 800, {"--view", "train"}});
  ASSERT_TRUE(j.ready()) << j.error();
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.number("step") == 0 && t.has("density_px"); }, 30));
  j.key("d");
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.number("draw_tool") == 1; }, 10)) << j.state().raw();
  const Box pane = box(j.state(), "density_px");
  j.drag(pane.at(0.2, 0.3), pane.at(0.45, 0.35), "", 20);
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.number("draw_points") > 30; }, 10)) << j.state().raw();
  const double first = j.state().number("draw_points");
  j.drag(pane.at(0.55, 0.7), pane.at(0.8, 0.65), "", 20);
  ASSERT_TRUE(j.waitFor([&](const TraceLine& t) { return t.number("draw_points") > first + 30; }, 10));
  const double both = j.state().number("draw_points");
  j.capture(j.dir() + "/drawing.png");
  j.key("ctrl+z");
  ASSERT_TRUE(j.waitFor([&](const TraceLine& t) { return t.number("draw_points") == first; }, 10)) << j.state().raw();
  j.key("ctrl+y");
  ASSERT_TRUE(j.waitFor([&](const TraceLine& t) { return t.number("draw_points") == both; }, 10)) << j.state().raw();
  j.key("t");
  ASSERT_TRUE(j.waitFor([&](const TraceLine& t) { return t.number("own_points") == both && t.number("draw_tool") == 0; },
                        20))
      << j.state().raw();
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.number("synced") == 1 && t.number("step") == 0; }, 60));
  const double untrained = j.state().number("test_nll");
  j.key("space");
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.number("step") > 300; }, 120)) << j.state().raw();
  j.key("space");
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.number("running") == 0 && t.number("synced") == 1; }, 20));
  ASSERT_TRUE(j.waitSettled(0.6, 30));
  const TraceLine trained = j.state();
  EXPECT_LT(trained.number("test_nll"), untrained - 0.3) << trained.raw();
  j.capture(j.dir() + "/trained_on_drawing.png");
  if (const char* keep = std::getenv("FLOWLAB_JOURNEY_KEEP"); keep && *keep)
    std::filesystem::copy(j.dir(), keep, std::filesystem::copy_options::recursive | std::filesystem::copy_options::overwrite_existing);
}

TEST_F(OwnDataJourney, ImportABadCsvKeepsTheDataAndAGoodOneTrains) {
  const std::string dir = (std::filesystem::temp_directory_path() / ("flowlab-import-" + std::to_string(getpid()))).string();
  std::filesystem::create_directories(dir);
  {
    std::ofstream bad(dir + "/bad.csv");
    bad << "x,y\n0,1\n2,nan\n";
    std::ofstream good(dir + "/ring.csv");
    for (int i = 0; i < 400; ++i) good << std::cos(i * 0.1) * (3 + 0.01 * (i % 7)) << "," << std::sin(i * 0.1) * 3 << "\n";
  }
  Journey j(JourneyOptions{1280, 800, {"--view", "train"}});
  ASSERT_TRUE(j.ready()) << j.error();
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.number("step") == 0; }, 30));
  const double errorsBefore = j.state().number("errors");
  j.key("ctrl+i");
  j.waitFrames(3);
  j.key("ctrl+a");
  j.type(dir + "/bad.csv");
  j.key("Return");
  ASSERT_TRUE(j.waitFor([&](const TraceLine& t) { return t.number("errors") == errorsBefore + 1; }, 10))
      << j.state().raw();
  ASSERT_TRUE(j.waitSettled());
  j.capture(j.dir() + "/bad_import.png");
  EXPECT_EQ(j.state().number("own_points"), 0);
  j.key("ctrl+i");
  j.waitFrames(3);
  j.key("ctrl+a");
  j.type(dir + "/ring.csv");
  j.key("Return");
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.number("own_points") == 400; }, 20)) << j.state().raw();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace flowlab::test
