// Tier 3: the 2D lab under Xvfb, every bundled 2D preset with each overlay, checked by pixels.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "tests/gui/png_image.h"
#include "tests/support/process.h"

namespace flowlab::test {
namespace {

const std::string kFlowlab = FLOWLAB_BINARY;
const std::string kScenes = std::string(FLOWLAB_SOURCE_DIR) + "/assets/scenes/";

// Inner rectangles of the two panes at --size 1500x950 (sidebar 24 em, 16 px font), with margins.
struct Box {
  int x0, y0, x1, y1;
};
constexpr Box kBasePane{470, 90, 870, 490};
constexpr Box kDataPane{985, 90, 1385, 490};

int luminance(const std::array<int, 3>& c) { return (299 * c[0] + 587 * c[1] + 114 * c[2]) / 1000; }

struct PaneStats {
  int minLum = 255, maxLum = 0, distinct = 0;
  double warningFill = 0, saturated = 0;
};

PaneStats stats(const PngImage& img, Box b) {
  PaneStats s;
  long warning = 0, tinted = 0, total = 0;
  for (int y = b.y0; y < b.y1; ++y)
    for (int x = b.x0; x < b.x1; ++x) {
      const auto c = img.at(x, y);
      s.minLum = std::min(s.minLum, luminance(c));
      s.maxLum = std::max(s.maxLum, luminance(c));
      // The invalid fill: theme kInvalidFill (214, 48, 49, alpha 60) over white.
      warning += std::abs(c[0] - 245) <= 12 && std::abs(c[1] - 208) <= 14 && std::abs(c[2] - 208) <= 14;
      tinted += std::abs(c[0] - c[2]) > 40;
      ++total;
    }
  s.distinct = img.distinctColours(b.x0, b.y0, b.x1, b.y1);
  s.warningFill = double(warning) / total;
  s.saturated = double(tinted) / total;
  return s;
}

class Lab2D : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!haveDisplay()) GTEST_SKIP() << "no DISPLAY: run under xvfb-run (scripts/test does)";
    dir_ = makeTempDir("lab2d");
  }
  void TearDown() override {
    std::error_code ec;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
  }
  PngImage shoot(const std::string& scene, const std::string& overlays, const std::string& name) {
    const std::string png = dir_ + "/" + name + ".png";
    const auto r = runProcess(kFlowlab + " --screenshot " + png + " --size 1500x950 --frames 3 --scene " + scene +
                              " --overlays " + overlays);
    EXPECT_EQ(r.exitCode, 0) << r.err;
    return loadPng(png);
  }
  std::string dir_;
};

const char* kPresets[] = {"linear_004", "rotation", "shear", "planar", "radial", "coupling_003", "banana", "stack_issue3"};

TEST_F(Lab2D, EveryPresetsDensityHasABrightPeakOnADarkBackground) {
  for (const char* preset : kPresets) {
    SCOPED_TRACE(preset);
    const PngImage img = shoot(kScenes + preset + ".json", "density", std::string(preset) + "_density");
    ASSERT_TRUE(img.ok());
    const PaneStats data = stats(img, kDataPane), base = stats(img, kBasePane);
    // Both panes share one colour scale, so a spread-out p_X (radial) is dimmer than p_Z: still visible.
    EXPECT_GT(data.maxLum - data.minLum, 35) << "data pane density has no contrast";
    EXPECT_GT(base.maxLum - base.minLum, 35) << "base pane density has no contrast";
    EXPECT_LT(data.warningFill, 0.01) << "a valid preset shows the warning fill";
  }
}

TEST_F(Lab2D, LinearFlowOf004PeaksAtBAndIsDarkInTheCorner) {
  // x = A z + b puts the density's maximum at x = b = (0.5, -0.2). The data pane shows [-4, 4]²
  // at pixels x 959..1407, y 60..509 (layoutLab2D at 1500x950).
  const PngImage img = shoot(kScenes + "linear_004.json", "density", "linear_peak");
  ASSERT_TRUE(img.ok());
  auto pixel = [&](double x, double y) {
    return img.at(static_cast<int>(959 + (x + 4) / 8 * 448), static_cast<int>(509 - (y + 4) / 8 * 449));
  };
  // The drag handle for b sits on b itself, so probe just beside it (z = A⁻¹(x − b) is still small).
  const int peak = luminance(pixel(0.2, -0.55)), corner = luminance(pixel(-3.5, 3.5));
  EXPECT_GT(peak, corner + 120);
  // Away from b the density falls: two units off it is much dimmer.
  EXPECT_GT(peak, luminance(pixel(-1.5, 1.8)) + 60);
}

TEST_F(Lab2D, EveryPresetDrawsGridPatchesAndSamples) {
  for (const char* preset : kPresets) {
    SCOPED_TRACE(preset);
    const PngImage grid = shoot(kScenes + preset + ".json", "grid", std::string(preset) + "_grid");
    const PngImage patches = shoot(kScenes + preset + ".json", "patches", std::string(preset) + "_patches");
    const PngImage samples = shoot(kScenes + preset + ".json", "samples", std::string(preset) + "_samples");
    ASSERT_TRUE(grid.ok() && patches.ok() && samples.ok());
    // Grid lines: many distinct line colours in both panes over the white panel.
    EXPECT_GT(stats(grid, kBasePane).distinct, 20);
    EXPECT_GT(stats(grid, kDataPane).distinct, 20);
    // Patches: base squares and their images are drawn (many non-white pixels).
    EXPECT_GT(stats(patches, kDataPane).distinct, 10);
    EXPECT_GT(stats(samples, kDataPane).distinct, 10);
  }
}

TEST_F(Lab2D, ContractingLinearMapTintsThePatchesBlue) {
  // A 2x shrink in both axes: log|det| = 2·log(0.5) = -1.39 everywhere, contraction blue.
  const std::string scene = dir_ + "/shrink.json";
  std::ofstream(scene) << R"({"dim": 2, "layers": [{"type": "linear", "A": [[0.5, 0], [0, 0.5]], "b": [0, 0]}]})";
  const PngImage img = shoot(scene, "patches", "shrink");
  ASSERT_TRUE(img.ok());
  long blue = 0, red = 0;
  for (int y = kBasePane.y0; y < kBasePane.y1; ++y)
    for (int x = kBasePane.x0; x < kBasePane.x1; ++x) {
      const auto c = img.at(x, y);
      blue += c[2] > c[0] + 40;
      red += c[0] > c[2] + 40;
    }
  EXPECT_GT(blue, 2000);
  EXPECT_LT(red, blue / 20);
}

TEST_F(Lab2D, InvalidPlanarShowsTheWarningInsteadOfADensity) {
  const std::string scene = dir_ + "/bad_planar.json";
  std::ofstream(scene) << R"({"dim": 2, "layers": [{"type": "planar", "u": [-2.0, 0.0], "w": [1.0, 0.0], "b": 0.0}]})";
  const PngImage img = shoot(scene, "density,grid,patches", "bad_planar");
  ASSERT_TRUE(img.ok());
  const PaneStats data = stats(img, kDataPane);
  EXPECT_GT(data.warningFill, 0.5) << "the data pane should carry the invalid fill";
  // The base pane still shows p_Z.
  EXPECT_GT(stats(img, kBasePane).maxLum - stats(img, kBasePane).minLum, 100);
}

}  // namespace
}  // namespace flowlab::test
