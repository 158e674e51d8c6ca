// Journeys to the MAF vs IAF panel with real X input: the chapter-6 lesson opens it and starts
// measuring, the rows arrive with the pass counts the layers ran (MAF density K, sampling K·D;
// IAF the reverse), Cancel stops it and Measure again restarts it; the Training view's button
// opens it too. The UI keeps drawing frames while the worker measures.
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "tests/gui/journey/journey.h"
#include "tests/support/process.h"

namespace flowlab::test {
namespace {

class MafVsIafJourney : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const std::string why = Journey::unavailable(); !why.empty()) GTEST_SKIP() << why;
  }
};

const std::string kLesson = std::string(FLOWLAB_SOURCE_DIR) + "/assets/scenes/ch6_maf_vs_iaf.json";

// A run too long to finish between two trace lines (D up to 64, 5000 training steps each), so that
// Cancel and Measure again meet a running worker on any machine.
std::string writeLongRunScene(const std::string& dir) {
  const std::string path = dir + "/long_maf_vs_iaf.json";
  std::ofstream(path) << R"({"version": 1, "dim": 2, "title": "long MAF vs IAF", "training": {"dataset": "moons"},
    "maf_vs_iaf": {"dims": [2, 4, 8, 16, 32, 64], "layers": 4, "hidden": 32, "depth": 2, "train_steps": 5000,
                   "batch": 256, "points": 10000, "chunk": 1000, "seed": 0, "autostart": true}})";
  return path;
}

TEST_F(MafVsIafJourney, TheLessonOpensThePanelAndMeasuresEveryDimension) {
  Journey j(JourneyOptions{1280, 800, {"--scene", kLesson}});
  ASSERT_TRUE(j.ready()) << j.error();
  // The lesson starts measuring by itself; on a fast machine it may finish before the first trace.
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.number("mafiaf_done") >= 2; }, 120)) << j.state().raw();
  EXPECT_EQ(j.state().text("view"), "train");
  EXPECT_EQ(j.state().number("mafiaf_open"), 1);
  // 4 layers: per batch call MAF density/sampling, then IAF density/sampling.
  EXPECT_EQ(j.state().text("mafiaf_d2"), "4/8,8/4");
  EXPECT_EQ(j.state().text("mafiaf_d4"), "4/16,16/4");
  j.capture(j.dir() + "/maf_vs_iaf_rows.png");
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.text("mafiaf_state") == "finished"; }, 120)) << j.state().raw();
  EXPECT_EQ(j.state().number("mafiaf_done"), 4);
  EXPECT_EQ(j.state().text("mafiaf_d16"), "4/64,64/4");
  EXPECT_EQ(j.state().number("errors"), 0);
}

TEST_F(MafVsIafJourney, CancelStopsALongRunAndMeasureAgainStartsOver) {
  const std::string scene = writeLongRunScene(makeTempDir("mafiaf_long"));
  Journey j(JourneyOptions{1280, 800, {"--scene", scene}});
  ASSERT_TRUE(j.ready()) << j.error();
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.text("mafiaf_state") == "running"; }, 20)) << j.state().raw();
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.point("mafiaf_cancel_px").x > 0; }, 10));
  // The UI answers a click while the worker measures: Cancel stops it between steps...
  j.click(j.state().point("mafiaf_cancel_px"));
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.text("mafiaf_state") == "cancelled"; }, 20)) << j.state().raw();
  const double kept = j.state().number("mafiaf_done");
  EXPECT_LT(kept, 6) << "cancelled before the last dimension";
  // ...the finished dimensions stay, and Measure again runs again, as long.
  j.click(j.state().point("mafiaf_run_px"));
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.text("mafiaf_state") == "running"; }, 20)) << j.state().raw();
  j.click(j.state().point("mafiaf_cancel_px"));
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.text("mafiaf_state") == "cancelled"; }, 20)) << j.state().raw();
  EXPECT_LT(j.state().number("mafiaf_done"), 6);
  EXPECT_EQ(j.state().number("errors"), 0);
}

TEST_F(MafVsIafJourney, TheTrainingViewsButtonOpensThePanel) {
  Journey j(JourneyOptions{1280, 800, {"--view", "train"}});
  ASSERT_TRUE(j.ready()) << j.error();
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.point("mafiaf_button_px").x > 0; }, 20)) << j.state().raw();
  EXPECT_EQ(j.state().number("mafiaf_open"), 0);
  j.click(j.state().point("mafiaf_button_px"));
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.number("mafiaf_open") == 1; }, 10)) << j.state().raw();
  EXPECT_EQ(j.state().text("mafiaf_state"), "idle") << "opened from the button it waits for Measure";
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.point("mafiaf_run_px").x > 0; }, 10));
  j.click(j.state().point("mafiaf_run_px"));
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.number("mafiaf_done") >= 1; }, 120)) << j.state().raw();
  EXPECT_EQ(j.state().text("mafiaf_d2"), "4/8,8/4");
  j.capture(j.dir() + "/maf_vs_iaf_button.png");
  EXPECT_EQ(j.state().number("errors"), 0);
}

}  // namespace
}  // namespace flowlab::test
