// Tier 3: the Training view under Xvfb, through --screenshot with --trace-state (the view prints
// its pane rectangles and numbers). After N steps (--train-steps) the density pane shows a heatmap
// with contrast and the NLL plot shows the train and test curves under the baseline line; at step 0
// the plot has no curve yet and p_X is the wide N(0, I). At 2000 steps the app reproduces
// `flowlab train --steps 2000` exactly. At 1024x768, 1280x720 and 1920x1080 no panes overlap and
// every label stays inside the canvas.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/gui/png_image.h"
#include "tests/support/process.h"

namespace flowlab::test {
namespace {

const std::string kFlowlab = FLOWLAB_BINARY;

struct Box {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool valid() const { return x1 > x0 && y1 > y0; }
  Box inset(int m) const { return Box{x0 + m, y0 + m, x1 - m, y1 - m}; }
};

bool overlap(const Box& a, const Box& b) { return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1; }
bool inside(const Box& a, const Box& outer) {
  return a.x0 >= outer.x0 && a.y0 >= outer.y0 && a.x1 <= outer.x1 && a.y1 <= outer.y1;
}
std::ostream& operator<<(std::ostream& o, const Box& b) {
  return o << b.x0 << "," << b.y0 << "," << b.x1 << "," << b.y1;
}

// The last "trace ..." line's value for `key`.
std::string traceValue(const std::string& out, const std::string& key) {
  std::istringstream lines(out);
  std::string line, last;
  while (std::getline(lines, line))
    if (line.rfind("trace ", 0) == 0) last = line;
  const std::string needle = " " + key + "=";
  const size_t at = last.find(needle);
  if (at == std::string::npos) return "";
  const size_t begin = at + needle.size();
  return last.substr(begin, last.find(' ', begin) - begin);
}

Box traceBox(const std::string& out, const std::string& key) {
  Box b;
  std::sscanf(traceValue(out, key).c_str(), "%d,%d,%d,%d", &b.x0, &b.y0, &b.x1, &b.y1);
  return b;
}

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

struct Shot {
  PngImage image;
  std::string out;
};

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
  Shot shoot(int steps, const std::string& name, const std::string& size = "1500x950") {
    const std::string png = dir_ + "/" + name + ".png";
    const auto r = runGuiProcess(kFlowlab + " --view train --trace-state --screenshot " + png + " --size " + size +
                              " --frames 3 --train-steps " + std::to_string(steps));
    EXPECT_EQ(r.exitCode, 0) << r.err;
    return Shot{loadPng(png), r.out};
  }
  std::string dir_;
};

TEST_F(TrainGui, AfterTrainingTheHeatmapHasContrastAndTheCurvesAreDrawn) {
  const Shot trained = shoot(600, "trained");
  const Shot fresh = shoot(0, "fresh");
  ASSERT_TRUE(trained.image.ok());
  ASSERT_TRUE(fresh.image.ok());
  const Box density = traceBox(trained.out, "density_px").inset(4), curve = traceBox(trained.out, "curve_px").inset(3);
  ASSERT_TRUE(density.valid() && curve.valid()) << trained.out.substr(0, 400);
  const Stats d = stats(trained.image, density), d0 = stats(fresh.image, density);
  EXPECT_GT(d.maxLum - d.minLum, 120) << "the trained density has no contrast";
  EXPECT_GT(d.distinct, 100);
  // The moons are thin: little of the pane is near the peak colour; N(0, I) at the same scale is
  // one broad blob. Either way both show a heatmap, not a blank pane.
  EXPECT_GT(d0.maxLum - d0.minLum, 120);
  EXPECT_LT(d.bright, 0.25);
  // Curves: train (dark grey) and test (purple) appear only after steps; the baseline line (blue)
  // is there from step 0.
  const std::array<int, 3> trainColour{40, 40, 48}, testColour{160, 60, 170}, baseline{52, 120, 198};
  EXPECT_GT(near(trained.image, curve, testColour, 30), 0.001) << "no test curve";
  EXPECT_GT(near(trained.image, curve, trainColour, 20), 0.003) << "no train curve";
  EXPECT_GT(near(trained.image, curve, baseline, 30), 0.001) << "no baseline line";
  EXPECT_GT(near(fresh.image, curve, baseline, 30), 0.001) << "no baseline line at step 0";
  EXPECT_LT(near(fresh.image, curve, trainColour, 20), near(trained.image, curve, trainColour, 20) * 0.5);
  // The test curve is sampled during the scripted steps (every 100): a curve, not one dot.
  EXPECT_EQ(traceValue(trained.out, "test_points"), "7");
  EXPECT_EQ(traceValue(fresh.out, "test_points"), "1");
}

// Chapter 5 at the defaults: 2000 steps in the app give the CLI's test NLL for the same seed
// (same batches, same arithmetic; the CLI's log prints it with 6 decimals, the trace too).
TEST_F(TrainGui, TwoThousandStepsAtTheDefaultsReproduceTheCli) {
  const Shot app = shoot(2000, "chapter5", "1280x720");
  ASSERT_EQ(traceValue(app.out, "step"), "2000");
  const double appNll = std::stod(traceValue(app.out, "test_nll"));
  const std::string csv = dir_ + "/curve.csv";
  const auto cli = runGuiProcess(kFlowlab + " train --steps 2000 --log " + csv + " --log-every 2000");
  ASSERT_EQ(cli.exitCode, 0) << cli.err;
  std::ifstream in(csv);
  std::string line, last;
  while (std::getline(in, line))
    if (!line.empty()) last = line;
  // step,batch_nll,train_nll,learning_rate,test_nll
  ASSERT_EQ(last.rfind("2000,", 0), 0u) << last;
  const double cliNll = std::stod(last.substr(last.rfind(',') + 1));
  EXPECT_LE(appNll, 1.24) << "chapter 5: below 1.24 nats by step 2000";
  EXPECT_NEAR(appNll, cliNll, 1e-6);
  EXPECT_EQ(traceValue(app.out, "lr"), "0") << "the schedule ended at step 2000 (cosine to 0)";
  // And the 2000-step picture: the moons are plain in the density (thin bright ridges).
  const Stats d = stats(app.image, traceBox(app.out, "density_px").inset(4));
  EXPECT_GT(d.maxLum - d.minLum, 150);
  EXPECT_LT(d.bright, 0.15);
}

// Panes never overlap and every text box stays inside the canvas, from projector sizes up.
TEST_F(TrainGui, LayoutReflowsWithoutOverlapAt1024_1280_1920) {
  for (const std::string size : {"1024x768", "1280x720", "1920x1080"}) {
    const Shot shot = shoot(200, "layout" + size, size);
    ASSERT_TRUE(shot.image.ok()) << size;
    const Box canvas = traceBox(shot.out, "canvas_px");
    const Box density = traceBox(shot.out, "density_px"), bar = traceBox(shot.out, "bar_px"),
              curve = traceBox(shot.out, "curve_px"), base = traceBox(shot.out, "base_px"),
              title = traceBox(shot.out, "title_px"), legend = traceBox(shot.out, "legend_px");
    const Box boxes[] = {density, bar, curve, base, title, legend};
    const char* names[] = {"density", "colour bar", "curve", "base", "title", "legend"};
    for (int i = 0; i < 6; ++i) {
      ASSERT_TRUE(boxes[i].valid()) << size << " " << names[i] << " " << boxes[i];
      EXPECT_TRUE(inside(boxes[i], canvas)) << size << ": " << names[i] << " " << boxes[i] << " leaves " << canvas;
      for (int j = i + 1; j < 6; ++j)
        EXPECT_FALSE(overlap(boxes[i], boxes[j])) << size << ": " << names[i] << " " << boxes[i] << " overlaps "
                                                  << names[j] << " " << boxes[j];
    }
    // The NLL chart is a chart, not a sliver (it was ~110 px at 1024x768): at least 30% of the
    // canvas and 300 px wide.
    EXPECT_GE(curve.x1 - curve.x0, std::max(300, (canvas.x1 - canvas.x0) * 3 / 10)) << size;
    // Room below the curve for its tick labels and below the squares for theirs.
    EXPECT_GE(canvas.y1 - curve.y1, 30) << size;
  }
}

}  // namespace
}  // namespace flowlab::test
