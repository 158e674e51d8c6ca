// Tier 3: the Training view under Xvfb. After N steps (--train-steps) the density pane shows a
// heatmap with contrast and the NLL plot shows the train and test curves under the baseline line;
// at step 0 the plot has no curve yet and p_X is the wide N(0, I).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "tests/gui/png_image.h"
#include "tests/support/process.h"

namespace flowlab::test {
namespace {

const std::string kFlowlab = FLOWLAB_BINARY;

// Inner rectangles at --size 1500x950 (sidebar 24 em, 16 px font), with margins.
struct Box {
  int x0, y0, x1, y1;
};
constexpr Box kDensityPane{460, 90, 990, 610};
constexpr Box kCurvePane{1160, 85, 1480, 420};

int luminance(const std::array<int, 3>& c) { return (299 * c[0] + 587 * c[1] + 114 * c[2]) / 1000; }

struct Stats {
  int minLum = 255, maxLum = 0, distinct = 0;
  double bright = 0;  // fraction of pixels with luminance > 160 (the yellow end of the colormap)
};

Stats stats(const PngImage& img, Box b) {
  Stats s;
  long bright = 0, total = 0;
  for (int y = b.y0; y < b.y1; ++y)
    for (int x = b.x0; x < b.x1; ++x) {
      const int l = luminance(img.at(x, y));
      s.minLum = std::min(s.minLum, l);
      s.maxLum = std::max(s.maxLum, l);
      bright += l > 160;
      ++total;
    }
  s.distinct = img.distinctColours(b.x0, b.y0, b.x1, b.y1);
  s.bright = double(bright) / total;
  return s;
}

double near(const PngImage& img, Box b, std::array<int, 3> colour, int tol) {
  return img.fractionNear(b.x0, b.y0, b.x1, b.y1, colour, tol);
}

class TrainGui : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!haveDisplay()) GTEST_SKIP() << "no DISPLAY: run under xvfb-run (scripts/test does)";
    dir_ = makeTempDir("train");
  }
  void TearDown() override {
    std::error_code ec;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
  }
  PngImage shoot(int steps, const std::string& name) {
    const std::string png = dir_ + "/" + name + ".png";
    const auto r = runProcess(kFlowlab + " --view train --screenshot " + png + " --size 1500x950 --frames 3 --train-steps " +
                              std::to_string(steps));
    EXPECT_EQ(r.exitCode, 0) << r.err;
    return loadPng(png);
  }
  std::string dir_;
};

TEST_F(TrainGui, AfterTrainingTheHeatmapHasContrastAndTheCurvesAreDrawn) {
  const PngImage trained = shoot(600, "trained");
  const PngImage fresh = shoot(0, "fresh");
  ASSERT_TRUE(trained.ok());
  ASSERT_TRUE(fresh.ok());
  const Stats d = stats(trained, kDensityPane), d0 = stats(fresh, kDensityPane);
  EXPECT_GT(d.maxLum - d.minLum, 120) << "the trained density has no contrast";
  EXPECT_GT(d.distinct, 100);
  // The moons are thin: little of the pane is near the peak colour; N(0, I) at the same scale is
  // one broad blob. Either way both show a heatmap, not a blank pane.
  EXPECT_GT(d0.maxLum - d0.minLum, 120);
  EXPECT_LT(d.bright, 0.25);
  // Curves: train (dark grey) and test (purple) appear only after steps; the baseline line (blue)
  // is there from step 0.
  const std::array<int, 3> trainColour{40, 40, 48}, testColour{160, 60, 170}, baseline{52, 120, 198};
  // --train-steps runs every step in the first frame, so the test NLL is one marker at the end.
  EXPECT_GT(near(trained, kCurvePane, testColour, 30), 0.00005) << "no test NLL marker";
  EXPECT_GT(near(trained, kCurvePane, trainColour, 20), 0.003) << "no train curve";
  EXPECT_GT(near(trained, kCurvePane, baseline, 30), 0.001) << "no baseline line";
  EXPECT_GT(near(fresh, kCurvePane, baseline, 30), 0.001) << "no baseline line at step 0";
  EXPECT_LT(near(fresh, kCurvePane, trainColour, 20), near(trained, kCurvePane, trainColour, 20) * 0.5);
}

}  // namespace
}  // namespace flowlab::test
