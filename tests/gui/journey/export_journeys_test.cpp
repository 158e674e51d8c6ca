// Journeys through export, with real X input: Shift+F12 saves the canvas alone (not the sidebar)
// at screen size, Ctrl+F12 draws it again at twice the size, F9 records a GIF and F9 saves it.
// (`flowlab --scene FILE --gif OUT.gif` is tested in tests/gui/gif_export_test.cpp.)
#include <gtest/gtest.h>

#include <gif_lib.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <thread>

#include <unistd.h>

#include "tests/gui/journey/journey.h"

namespace flowlab::test {
namespace {

struct GifInfo {
  int width = 0, height = 0, frames = 0, error = 0;
};

GifInfo readGif(const std::string& path) {
  GifInfo info;
  GifFileType* gif = DGifOpenFileName(path.c_str(), &info.error);
  if (!gif) return info;
  if (DGifSlurp(gif) == GIF_OK) info.width = gif->SWidth, info.height = gif->SHeight, info.frames = gif->ImageCount;
  else info.error = gif->Error;
  DGifCloseFile(gif, nullptr);
  return info;
}

// The canvas rectangle the app reports: x, y, width, height in pixels.
std::array<int, 4> canvasRect(const TraceLine& t) {
  std::array<int, 4> r{};
  std::sscanf(t.text("canvas_rect").c_str(), "%d,%d,%d,%d", &r[0], &r[1], &r[2], &r[3]);
  return r;
}

class ExportJourney : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const std::string why = Journey::unavailable(); !why.empty()) GTEST_SKIP() << why;
  }
};

TEST_F(ExportJourney, ShiftF12SavesTheCanvasAloneAndCtrlF12DrawsItAgainAtTwiceTheSize) {
  Journey j(JourneyOptions{1280, 800, {"--view", "2d"}});
  ASSERT_TRUE(j.ready()) << j.error();
  ASSERT_TRUE(j.waitSettled());
  const std::array<int, 4> canvas = canvasRect(j.state());
  const double fontPx = j.state().number("font_px");
  ASSERT_GT(canvas[0], 100) << "the sidebar is left of the canvas";
  j.key("shift+F12");
  ASSERT_TRUE(j.waitFor([&](const TraceLine&) { return j.outputLines("screenshot_saved=").size() >= 1; }, 20));
  j.key("ctrl+F12");
  ASSERT_TRUE(j.waitFor([&](const TraceLine&) { return j.outputLines("screenshot_saved=").size() >= 2; }, 30))
      << j.errors();
  const auto lines = j.outputLines("screenshot_saved=");
  const std::string one = lines[0].substr(17), two = lines[1].substr(17);
  EXPECT_NE(std::filesystem::path(one).filename().string().find("flowlab-canvas-"), std::string::npos) << one;
  const PngImage a = loadPng(one), b = loadPng(two);
  EXPECT_EQ(a.width, canvas[2]);
  EXPECT_EQ(a.height, canvas[3]);
  EXPECT_EQ(b.width, 2 * canvas[2]);
  EXPECT_EQ(b.height, 2 * canvas[3]);
  // The 1x export is the screen's canvas pixel for pixel (no sidebar in it).
  const PngImage screen = j.capture(j.dir() + "/screen.png");
  ASSERT_TRUE(screen.ok());
  int differing = 0;
  for (int y = 0; y < a.height; y += 7)
    for (int x = 0; x < a.width; x += 7) {
      const auto p = a.at(x, y), q = screen.at(x + canvas[0], y + canvas[1]);
      differing += std::abs(p[0] - q[0]) + std::abs(p[1] - q[1]) + std::abs(p[2] - q[2]) > 24;
    }
  EXPECT_LT(differing, (a.width / 7) * (a.height / 7) / 50) << "the export differs from the canvas on screen";
  // Twice the size is drawn again, not enlarged: it has finer detail (more distinct colours) than
  // the 1x picture has.
  EXPECT_GT(b.distinctColours(0, 0, b.width, b.height), a.distinctColours(0, 0, a.width, a.height));
  // The window went back to its own scale: the UI did not stay twice as large.
  j.waitFrames(2);
  EXPECT_NEAR(j.state().number("font_px"), fontPx, 0.01);
  const std::array<int, 4> after = canvasRect(j.state());
  EXPECT_EQ(after, canvas);
}

TEST_F(ExportJourney, F9RecordsTheCanvasAndF9AgainSavesAGifThatDecodes) {
  Journey j(JourneyOptions{1024, 768, {"--view", "2d"}});
  ASSERT_TRUE(j.ready()) << j.error();
  ASSERT_TRUE(j.waitSettled());
  const std::array<int, 4> canvas = canvasRect(j.state());
  j.key("F9");
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.text("gif_recording") == "1"; }, 10));
  j.key("space");  // play the layer morph while recording
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  j.key("F9");
  ASSERT_TRUE(j.waitFor([&](const TraceLine&) { return !j.outputLines("gif_saved=").empty(); }, 30)) << j.errors();
  const std::string path = j.outputLines("gif_saved=")[0].substr(10);
  const GifInfo gif = readGif(path);
  ASSERT_EQ(gif.error, 0) << GifErrorString(gif.error) << " " << path;
  EXPECT_EQ(gif.width, canvas[2]);
  EXPECT_EQ(gif.height, canvas[3]);
  EXPECT_GE(gif.frames, 10) << "1.5 s at 15 frames a second";
  EXPECT_EQ(j.state().text("gif_recording"), "0");
}

}  // namespace
}  // namespace flowlab::test
