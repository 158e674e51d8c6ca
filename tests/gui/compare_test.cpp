// Tier 3: the Compare view under Xvfb: at three window sizes its four panes (A, B, the difference
// and the curves) do not overlap, both density panes are heatmaps, and both runs are at step 0
// until Run both.
#include <gtest/gtest.h>

#include <cstdio>
#include <sstream>

#include "tests/gui/png_image.h"
#include "tests/support/process.h"

namespace flowlab::test {
namespace {

std::string lastValue(const std::string& out, const std::string& key) {
  std::istringstream lines(out);
  std::string line, last;
  while (std::getline(lines, line))
    if (line.rfind("trace ", 0) == 0) last = line;
  const size_t at = last.find(" " + key + "=");
  if (at == std::string::npos) return "";
  const size_t begin = at + key.size() + 2;
  return last.substr(begin, last.find(' ', begin) - begin);
}

struct Box {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};
Box box(const std::string& out, const std::string& key) {
  Box b;
  std::sscanf(lastValue(out, key).c_str(), "%d,%d,%d,%d", &b.x0, &b.y0, &b.x1, &b.y1);
  return b;
}
bool overlap(const Box& a, const Box& b) { return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1; }

TEST(CompareView, FourPanesSideBySideAtEverySize) {
  if (!haveDisplay()) GTEST_SKIP() << "no display (run under xvfb-run)";
  for (const std::string size : {"1024x768", "1280x800", "1920x1080"}) {
    const std::string dir = makeTempDir("compare_view_" + size);
    ProcessResult r;
    // The runners build their first fields on their own threads: render until both have.
    for (int frames = 20; frames <= 540; frames *= 3) {
      r = runGuiProcess("XDG_CONFIG_HOME=" + dir + " " + std::string(FLOWLAB_BINARY) +
                        " --view compare --trace-state --screenshot " + dir + "/c.png --frames " + std::to_string(frames) +
                        " --size " + size);
      ASSERT_EQ(r.exitCode, 0) << r.err;
      if (lastValue(r.out, "compare_diff") == "1") break;
    }
    EXPECT_EQ(lastValue(r.out, "view"), "compare");
    EXPECT_EQ(lastValue(r.out, "compare_a_step"), "0");
    EXPECT_EQ(lastValue(r.out, "compare_b_step"), "0");
    EXPECT_EQ(lastValue(r.out, "compare_a_layers"), "6");
    EXPECT_EQ(lastValue(r.out, "compare_b_layers"), "2");
    EXPECT_EQ(lastValue(r.out, "compare_diff"), "1");
    const Box boxes[4] = {box(r.out, "compare_a_box"), box(r.out, "compare_b_box"), box(r.out, "compare_diff_box"),
                          box(r.out, "compare_curve_box")};
    for (int i = 0; i < 4; ++i) {
      EXPECT_GT(boxes[i].x1 - boxes[i].x0, 100) << size << " pane " << i;
      for (int j = i + 1; j < 4; ++j) EXPECT_FALSE(overlap(boxes[i], boxes[j])) << size << " panes " << i << ", " << j;
    }
    const PngImage img = loadPng(dir + "/c.png");
    ASSERT_TRUE(img.ok());
    for (int i = 0; i < 2; ++i)
      EXPECT_GT(img.distinctColours(boxes[i].x0 + 3, boxes[i].y0 + 3, boxes[i].x1 - 3, boxes[i].y1 - 3), 40)
          << size << " pane " << i << " is no heatmap";
  }
}

}  // namespace
}  // namespace flowlab::test
