// Journeys through the teaching series with real X input: the Welcome view's chapter cards open
// each chapter's first lesson in its view, and F2's Lessons browser opens any lesson by a click.
#include <gtest/gtest.h>

#include <cstdio>

#include "tests/gui/journey/journey.h"

namespace flowlab::test {
namespace {

struct Box {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  Point centre() const { return Point{(x0 + x1) / 2, (y0 + y1) / 2}; }
};

Box box(const TraceLine& t, const std::string& key) {
  Box b;
  std::sscanf(t.text(key).c_str(), "%d,%d,%d,%d", &b.x0, &b.y0, &b.x1, &b.y1);
  return b;
}

class LessonsJourney : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const std::string why = Journey::unavailable(); !why.empty()) GTEST_SKIP() << why;
  }
};

TEST_F(LessonsJourney, ChapterCardsOpenTheFirstLessonOfEachChapterInItsView) {
  Journey j(JourneyOptions{1280, 800, {"--view", "welcome"}});
  ASSERT_TRUE(j.ready()) << j.error();
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.has("chapter6_px"); }, 20)) << j.state().raw();
  j.capture(j.dir() + "/welcome.png");
  const struct {
    const char* card;
    const char* view;
    const char* scene;
  } cases[] = {{"chapter1_px", "1d", "affine_1d"}, {"chapter3_px", "2d", "linear_004"}, {"chapter4_px", "2d", "coupling_003"}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.card);
    j.key("ctrl+1");
    ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.text("view") == "welcome" && t.has("chapter1_px"); }, 10));
    j.click(box(j.state(), c.card).centre());
    ASSERT_TRUE(j.waitFor([&](const TraceLine& t) { return t.text("view") == c.view && t.text("scene") == c.scene; }, 10))
        << j.state().raw();
  }
  EXPECT_EQ(j.state().number("errors"), 0);
}

TEST_F(LessonsJourney, F2OpensTheBrowserAndAClickOpensALesson) {
  Journey j(JourneyOptions{1280, 800, {"--view", "welcome"}});
  ASSERT_TRUE(j.ready()) << j.error();
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.has("lessons"); }, 20));
  j.key("F2");
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.number("lessons") == 1; }, 10)) << j.state().raw();
  ASSERT_TRUE(j.waitSettled());
  const PngImage shown = j.capture(j.dir() + "/lessons.png");
  // The browser opens centred with chapter 1 first: its first lesson is the first line of the
  // list. Rather than guess pixels, walk down the window's middle until a lesson opens.
  bool opened = false;
  for (int y = 300; y < 560 && !opened; y += 12) {
    j.click(Point{640, y});
    j.waitFrames(2);
    opened = j.state().text("scene") != "none";
  }
  ASSERT_TRUE(opened) << j.state().raw();
  EXPECT_EQ(j.state().number("lessons"), 0) << "opening a lesson gives the canvas back";
  EXPECT_TRUE(j.state().text("view") == "1d" || j.state().text("view") == "2d") << j.state().raw();
  EXPECT_EQ(j.state().number("errors"), 0);
  (void)shown;
}

TEST_F(LessonsJourney, F5PresentsBBlanksAndF11FillsTheScreen) {
  Journey j(JourneyOptions{1280, 800, {"--scene", std::string(FLOWLAB_SOURCE_DIR) + "/assets/scenes/planar.json"}});
  ASSERT_TRUE(j.ready()) << j.error();
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.text("view") == "2d"; }, 20)) << j.state().raw();
  const double normalFont = j.state().number("font_px");
  j.key("F5");
  ASSERT_TRUE(j.waitFor([&](const TraceLine& t) { return t.number("presentation") == 1 && t.number("font_px") >= 28; }, 10))
      << j.state().raw();
  EXPECT_GE(j.state().number("font_px"), 1.9 * normalFont);
  j.key("b");
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.number("blanked") == 1; }, 10)) << j.state().raw();
  ASSERT_TRUE(j.waitSettled());
  const PngImage blank = j.capture(j.dir() + "/blank.png");
  // A plain screen: one colour everywhere (the canvas background).
  EXPECT_LE(blank.distinctColours(0, 0, blank.width, blank.height), 2);
  j.key("b");
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.number("blanked") == 0; }, 10));
  ASSERT_TRUE(j.waitSettled());
  const PngImage back = j.capture(j.dir() + "/presenting.png");
  EXPECT_GT(back.distinctColours(0, 0, back.width, back.height), 50) << "the lesson is back";
  j.key("F11");
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.number("fullscreen") == 1; }, 10)) << j.state().raw();
  j.key("F5");
  ASSERT_TRUE(j.waitFor([&](const TraceLine& t) { return t.number("presentation") == 0 && t.number("font_px") == normalFont; }, 10))
      << j.state().raw();
  EXPECT_TRUE(j.appRunning());
}

TEST_F(LessonsJourney, AClickerWalksTheGuidedStepsForwardAndBack) {
  Journey j(JourneyOptions{1280, 800, {"--scene", std::string(FLOWLAB_SOURCE_DIR) + "/assets/scenes/planar.json"}});
  ASSERT_TRUE(j.ready()) << j.error();
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.number("steps") == 4 && t.number("step") == 0; }, 20))
      << j.state().raw();
  const std::string opened = j.state().text("handle1_value");  // u (handle 0 is w)
  for (int k = 1; k <= 4; ++k) {
    j.key("Page_Down");  // what a presenter's clicker sends
    ASSERT_TRUE(j.waitFor([&](const TraceLine& t) { return t.number("step") == k && t.number("step_animating") == 0; }, 10))
        << j.state().raw();
  }
  EXPECT_TRUE(j.state().text("handle1_value").rfind("-0.9000,", 0) == 0) << j.state().raw();
  ASSERT_TRUE(j.waitSettled());
  j.capture(j.dir() + "/step4.png");
  for (int k = 3; k >= 0; --k) {
    j.key("Page_Up");
    ASSERT_TRUE(j.waitFor([&](const TraceLine& t) { return t.number("step") == k && t.number("step_animating") == 0; }, 10))
        << j.state().raw();
  }
  EXPECT_EQ(j.state().text("handle1_value"), opened) << "back to the scene as opened";
  EXPECT_EQ(j.state().number("errors"), 0);
}

}  // namespace
}  // namespace flowlab::test
