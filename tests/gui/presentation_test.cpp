// Tier 3: presentation mode is readable from the back of a hall. At 1920x1080, F5's mode
// (--presentation) sets body text at least 28 px tall: checked on the font size the app reports
// and on the ink of a line of text in the screenshot, against the same line outside the mode.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <sstream>
#include <string>

#include "tests/gui/png_image.h"
#include "tests/support/process.h"

namespace flowlab::test {
namespace {

struct Shot {
  PngImage image;
  double fontPx = 0;
  int box[4] = {0, 0, 0, 0};  // the first chapter card of the Welcome view
};

Shot welcome(const std::string& extra, const std::string& png) {
  Shot s;
  const ProcessResult r = runGuiProcess(std::string(FLOWLAB_BINARY) + " --view welcome --size 1920x1080 --frames 4 " +
                                        "--trace-state --screenshot " + png + extra);
  EXPECT_EQ(r.exitCode, 0) << r.err;
  std::istringstream lines(r.out);
  std::string line, last;
  while (std::getline(lines, line))
    if (line.rfind("trace ", 0) == 0) last = line;
  if (const size_t at = last.find(" font_px="); at != std::string::npos) s.fontPx = std::stod(last.substr(at + 9));
  if (const size_t at = last.find(" chapter1_px="); at != std::string::npos)
    std::sscanf(last.c_str() + at, " chapter1_px=%d,%d,%d,%d", &s.box[0], &s.box[1], &s.box[2], &s.box[3]);
  s.image = loadPng(png);
  return s;
}

// Height in pixels of the first line of dark text inside the card: the rows from the top of its
// tallest letter to the bottom of its lowest descender.
int firstLineInkHeight(const Shot& s) {
  const auto dark = [&](int x, int y) {
    const auto p = s.image.at(x, y);
    return std::max({p[0], p[1], p[2]}) < 80;
  };
  int start = -1;
  for (int y = s.box[1] + 3; y < s.box[3] - 3; ++y) {
    bool ink = false;
    for (int x = s.box[0] + 3; x < s.box[2] - 3 && !ink; ++x) ink = dark(x, y);
    if (ink && start < 0) start = y;
    if (!ink && start >= 0) return y - start;
  }
  return 0;
}

class Presentation : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!haveDisplay()) GTEST_SKIP() << "no display (run under xvfb-run)";
    dir_ = (std::filesystem::temp_directory_path() / ("flowlab_presentation_" + std::to_string(::getpid()))).string();
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string dir_;
};

TEST_F(Presentation, BodyTextIsAtLeast28PixelsTallAt1920x1080) {
  const Shot normal = welcome("", dir_ + "/normal.png");
  const Shot shown = welcome(" --presentation", dir_ + "/presentation.png");
  ASSERT_TRUE(normal.image.ok() && shown.image.ok());
  ASSERT_EQ(shown.image.width, 1920);
  ASSERT_GT(shown.box[2], shown.box[0]) << "no chapter card reported";
  EXPECT_GE(shown.fontPx, 28.0);
  EXPECT_LT(normal.fontPx, 28.0);
  // "1  Change of variables in 1D": from the top of 'h' and 'l' to the bottom of 'g' is about
  // 0.9 em of DejaVu Sans.
  const int big = firstLineInkHeight(shown), small = firstLineInkHeight(normal);
  std::printf("presentation: font %.1f px, first line ink %d px; normal: font %.1f px, ink %d px\n", shown.fontPx, big,
              normal.fontPx, small);
  EXPECT_GE(big, int(0.8 * 28)) << "presentation text ink " << big << " px";
  EXPECT_LT(small, int(0.8 * 28)) << "the measure tells the two apart";
  EXPECT_GT(small, 8) << "normal text found too";
  // The chrome is light: the sidebar's background is not the dark theme's.
  const auto side = shown.image.at(20, 1000);
  EXPECT_GT(side[0] + side[1] + side[2], 3 * 180) << "sidebar " << side[0] << "," << side[1] << "," << side[2];
}

}  // namespace
}  // namespace flowlab::test
