// Journeys through the shell, with real X input: text size, tooltips, F1, F12, idle redraws and
// scripted screenshots that do not depend on the pointer.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "tests/gui/journey/journey.h"
#include "tests/support/process.h"

namespace flowlab::test {
namespace {

// Light pixels (text of the dark theme) in a rectangle.
int brightPixels(const PngImage& img, int x0, int y0, int x1, int y1) {
  int n = 0;
  for (int y = std::max(0, y0); y < std::min(img.height, y1); ++y)
    for (int x = std::max(0, x0); x < std::min(img.width, x1); ++x) {
      const auto c = img.at(x, y);
      if (c[0] > 170 && c[1] > 170 && c[2] > 170) ++n;
    }
  return n;
}

class ShellJourney : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const std::string why = Journey::unavailable(); !why.empty()) GTEST_SKIP() << why;
  }
};

TEST_F(ShellJourney, TextSizeUpDownAndBackKeepsEveryLabelDrawn) {
  Journey j(JourneyOptions{1280, 800, {"--view", "welcome"}});
  ASSERT_TRUE(j.ready()) << j.error();
  const double px0 = j.state().number("font_px");
  const PngImage before = j.capture();
  const int sidebar0 = brightPixels(before, 0, 40, 300, 400), menu0 = brightPixels(before, 0, 0, 400, 22);
  ASSERT_GT(sidebar0, 300);
  ASSERT_GT(menu0, 40);
  // Up twice, down four times, up twice: every step must still draw text in the sidebar, the
  // menu bar and the canvas.
  const char* steps[] = {"ctrl+equal", "ctrl+equal", "ctrl+minus", "ctrl+minus", "ctrl+minus", "ctrl+minus",
                         "ctrl+equal", "ctrl+equal"};
  double px = px0;
  for (const char* combo : steps) {
    j.key(combo);
    ASSERT_TRUE(j.waitFor([&](const TraceLine& t) { return t.number("font_px") != px; }, 10)) << combo;
    j.waitSettled();
    px = j.state().number("font_px");
    const PngImage img = j.capture();
    EXPECT_GT(brightPixels(img, 0, 40, 300, 400), sidebar0 / 3) << "sidebar text after " << combo << " at " << px << " px";
    EXPECT_GT(brightPixels(img, 0, 0, 400, static_cast<int>(px) + 4), menu0 / 3) << "menu text after " << combo;
    // The welcome canvas keeps its light background and its dark title.
    EXPECT_GT(img.fractionNear(700, 400, 1270, 780, {245, 245, 242}, 6), 0.5) << combo;
  }
  EXPECT_NEAR(j.state().number("font_px"), px0, 0.01);
}

TEST_F(ShellJourney, TooltipOverA2DHandleIsLightTextOnAnOpaqueDarkBox) {
  Journey j(JourneyOptions{1280, 800, {"--view", "2d", "--scene", FLOWLAB_SOURCE_DIR "/assets/scenes/linear_004.json"}});
  ASSERT_TRUE(j.ready()) << j.error();
  const Point tip = j.state().point("handle0");
  ASSERT_GT(tip.x, 0) << j.state().raw();
  j.hover(tip);
  const PngImage img = j.capture(j.dir() + "/tooltip.png");
  // ImGui opens a tooltip just below and right of the pointer.
  const auto [box, ink] = backgroundAndInk(img, tip.x + 14, tip.y + 12, tip.x + 150, tip.y + 40);
  EXPECT_GE(contrastRatio(box, ink), 7.0) << "box " << box[0] << "," << box[1] << "," << box[2] << " text " << ink[0]
                                          << "," << ink[1] << "," << ink[2];
  EXPECT_GT(countInk(img, tip.x + 14, tip.y + 12, tip.x + 150, tip.y + 40, box, 60), 20) << "no text in the tooltip";
}

TEST_F(ShellJourney, F1ListsTheViewKeysAndClosesAgain) {
  Journey j(JourneyOptions{1280, 800, {"--view", "2d"}});
  ASSERT_TRUE(j.ready()) << j.error();
  j.key("F1");
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.text("help") == "1"; }, 10));
  j.waitSettled();
  const PngImage img = j.capture(j.dir() + "/f1.png");
  // A window full of text in the middle of the screen.
  EXPECT_GT(brightPixels(img, 440, 150, 840, 650), 1500);
  j.key("F1");
  EXPECT_TRUE(j.waitFor([](const TraceLine& t) { return t.text("help") == "0"; }, 10));
}

TEST_F(ShellJourney, F12TwiceWithinASecondSavesTwoNumberedFiles) {
  Journey j(JourneyOptions{1024, 768, {"--view", "welcome"}});
  ASSERT_TRUE(j.ready()) << j.error();
  j.key("F12");
  j.key("F12");
  ASSERT_TRUE(j.waitFor([&](const TraceLine&) { return j.outputLines("screenshot_saved=").size() >= 2; }, 20))
      << j.output().substr(0, 400);
  const auto lines = j.outputLines("screenshot_saved=");
  const std::string a = lines[0].substr(17), b = lines[1].substr(17);
  EXPECT_NE(a, b);
  for (const std::string& p : {a, b}) {
    EXPECT_TRUE(std::filesystem::path(p).is_absolute()) << p;
    EXPECT_EQ(std::filesystem::path(p).parent_path(), std::filesystem::path(j.dir() + "/pictures")) << p;
    const PngImage img = loadPng(p);
    EXPECT_EQ(img.width, 1024) << p;
    EXPECT_EQ(img.height, 768) << p;
  }
  // The keys pressed while saving were not lost: the app still answers at once.
  j.key("ctrl+equal");
  EXPECT_TRUE(j.waitFor([](const TraceLine& t) { return t.number("ui_scale") > 1.05; }, 5));
}

TEST_F(ShellJourney, IdleAppDoesNotRedraw) {
  Journey j(JourneyOptions{1280, 800, {"--view", "2d"}});
  ASSERT_TRUE(j.ready()) << j.error();
  ASSERT_TRUE(j.waitSettled());
  const int f0 = j.frame();
  std::this_thread::sleep_for(std::chrono::seconds(3));
  EXPECT_LE(j.frame() - f0, 1) << "frames drawn in 3 idle seconds";
  EXPECT_EQ(j.state().text("idle"), "1");
  // And input wakes it at once.
  j.move(Point{700, 300});
  EXPECT_GT(j.frame(), f0);
}

TEST_F(ShellJourney, ScriptedScreenshotDoesNotDependOnThePointer) {
  Journey j(JourneyOptions{1280, 800, {"--view", "welcome"}});
  ASSERT_TRUE(j.ready()) << j.error();
  // A second, scripted FlowLab on the same display, with the pointer over its data pane, then away.
  const std::string scene = FLOWLAB_SOURCE_DIR "/assets/scenes/linear_004.json";
  std::vector<std::string> shots;
  for (Point p : {Point{900, 300}, Point{5, 795}}) {
    j.move(p);
    const std::string out = j.dir() + "/shot" + std::to_string(shots.size()) + ".png";
    const auto r = runProcess("DISPLAY=" + j.display() + " " + FLOWLAB_BINARY + " --screenshot " + out +
                              " --size 1280x800 --frames 4 --scene " + scene);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    shots.push_back(out);
  }
  const PngImage a = loadPng(shots[0]), b = loadPng(shots[1]);
  ASSERT_TRUE(a.ok() && b.ok());
  // The canvas (right of the sidebar, above the status bar; both print timings) is the same picture.
  const int sidebar = 400, statusBar = 30;
  int differing = 0;
  for (int y = 0; y < a.height - statusBar; ++y)
    for (int x = sidebar; x < a.width; ++x) differing += a.at(x, y) != b.at(x, y);
  EXPECT_EQ(differing, 0) << "pixels that changed with the pointer position";
}

}  // namespace
}  // namespace flowlab::test
