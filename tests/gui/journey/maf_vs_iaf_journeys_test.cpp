// Journeys to the MAF vs IAF panel with real X input: the chapter-6 lesson opens it and starts
// measuring, the rows arrive with the pass counts the layers ran (MAF density K, sampling K·D;
// IAF the reverse), Cancel stops it and Measure again restarts it; the Training view's button
// opens it too. The UI keeps drawing frames while the worker measures.
#include <gtest/gtest.h>

#include <string>

#include "tests/gui/journey/journey.h"

namespace flowlab::test {
namespace {

class MafVsIafJourney : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const std::string why = Journey::unavailable(); !why.empty()) GTEST_SKIP() << why;
  }
};

const std::string kLesson = std::string(FLOWLAB_SOURCE_DIR) + "/assets/scenes/ch6_maf_vs_iaf.json";

TEST_F(MafVsIafJourney, TheLessonMeasuresCancelsAndMeasuresAgain) {
  Journey j(JourneyOptions{1280, 800, {"--scene", kLesson}});
  ASSERT_TRUE(j.ready()) << j.error();
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.text("mafiaf_state") == "running"; }, 20)) << j.state().raw();
  EXPECT_EQ(j.state().text("view"), "train");
  EXPECT_EQ(j.state().number("mafiaf_open"), 1);
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.number("mafiaf_done") >= 2; }, 120)) << j.state().raw();
  // 4 layers: per batch call MAF density/sampling, then IAF density/sampling.
  EXPECT_EQ(j.state().text("mafiaf_d2"), "4/8,8/4");
  EXPECT_EQ(j.state().text("mafiaf_d4"), "4/16,16/4");
  j.capture(j.dir() + "/maf_vs_iaf_rows.png");
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.text("mafiaf_state") == "finished"; }, 120)) << j.state().raw();
  EXPECT_EQ(j.state().number("mafiaf_done"), 4);
  // Measure again starts over (D = 2 and 4 take well under a second on a quiet machine, so the
  // empty table may already have its first rows when the trace is read)...
  j.click(Point{int(j.state().point("mafiaf_run_px").x), int(j.state().point("mafiaf_run_px").y)});
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.text("mafiaf_state") == "running" && t.number("mafiaf_done") < 4; },
                        20)) << j.state().raw();
  // ...and the UI answers a click while the worker measures: Cancel stops it between steps.
  j.click(Point{int(j.state().point("mafiaf_cancel_px").x), int(j.state().point("mafiaf_cancel_px").y)});
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.text("mafiaf_state") == "cancelled"; }, 20)) << j.state().raw();
  EXPECT_LT(j.state().number("mafiaf_done"), 4) << "cancelled before the last dimension";
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
