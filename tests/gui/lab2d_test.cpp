// Tier 3: the 2D lab under Xvfb, every bundled 2D preset with each overlay, checked by pixels.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <vector>

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
    const auto r = runGuiProcess(kFlowlab + " --screenshot " + png + " --size 1500x950 --frames 3 --scene " + scene +
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

// The last --trace-state line of a scripted run, as key=value pairs.
std::map<std::string, std::string> lastTrace(const std::string& out) {
  std::map<std::string, std::string> kv;
  std::istringstream lines(out);
  std::string line, last;
  while (std::getline(lines, line))
    if (line.rfind("trace ", 0) == 0) last = line;
  std::istringstream words(last);
  std::string w;
  while (words >> w)
    if (const auto eq = w.find('='); eq != std::string::npos) kv[w.substr(0, eq)] = w.substr(eq + 1);
  return kv;
}

struct Rect4 {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};
Rect4 rectOf(const std::map<std::string, std::string>& kv, const std::string& key) {
  Rect4 r;
  if (auto it = kv.find(key); it != kv.end()) std::sscanf(it->second.c_str(), "%d,%d,%d,%d", &r.x0, &r.y0, &r.x1, &r.y1);
  return r;
}

struct TracedShot {
  PngImage img;
  std::map<std::string, std::string> trace;
};

class Lab2DTraced : public Lab2D {
 protected:
  TracedShot shootTraced(const std::string& scene, const std::string& size, const std::string& extra,
                         const std::string& name) {
    const std::string png = dir_ + "/" + name + ".png";
    const auto r = runGuiProcess(kFlowlab + " --screenshot " + png + " --size " + size + " --frames 4 --trace-state --scene " +
                              scene + " " + extra);
    EXPECT_EQ(r.exitCode, 0) << r.err;
    return TracedShot{loadPng(png), lastTrace(r.out)};
  }
};

std::string traced(const TracedShot& shot, const std::string& key) {
  const auto it = shot.trace.find(key);
  return it == shot.trace.end() ? "" : it->second;
}

TEST_F(Lab2DTraced, RadialPerPaneScaleShowsABrightPeakInBothPanes) {
  // The radial flow spreads p_X thin: on one shared scale its pane is nearly black.
  std::ifstream in(kScenes + "radial.json");
  std::stringstream text;
  text << in.rdbuf();
  std::string scene = text.str();
  const auto at = scene.find("\"view\": {");
  ASSERT_NE(at, std::string::npos);
  scene.insert(at + 9, "\"colour_scale\": \"per_pane\", ");
  std::ofstream(dir_ + "/radial_per_pane.json") << scene;
  const TracedShot shot = shootTraced(dir_ + "/radial_per_pane.json", "1500x950", "--overlays density", "radial_per_pane");
  ASSERT_TRUE(shot.img.ok());
  EXPECT_EQ(traced(shot, "colour_scale"), "per_pane");
  const PaneStats base = stats(shot.img, kBasePane), data = stats(shot.img, kDataPane);
  // The colormap's top is a light yellow (luminance ~225): each pane reaches it at its own peak.
  EXPECT_GT(base.maxLum, 200);
  EXPECT_GT(data.maxLum, 200) << "the data pane has no bright peak";
  // Two colour bars: one beside each pane.
  EXPECT_TRUE(shot.trace.count("part_base_bar"));
}

TEST_F(Lab2DTraced, SharedScaleKeepsOneColourForOneDensity) {
  const TracedShot shot = shootTraced(kScenes + "radial.json", "1500x950", "--overlays density", "radial_shared");
  ASSERT_TRUE(shot.img.ok());
  EXPECT_EQ(traced(shot, "colour_scale"), "shared");
  EXPECT_FALSE(shot.trace.count("part_base_bar"));
  // p_X of the radial flow peaks far below p_Z's 1/2π: its pane stays dimmer than the base pane.
  EXPECT_LT(stats(shot.img, kDataPane).maxLum + 40, stats(shot.img, kBasePane).maxLum);
}

// Light pixels in a rectangle (the white readout box).
double fractionWhite(const PngImage& img, Rect4 r) { return img.fractionNear(r.x0 + 2, r.y0 + 2, r.x1 - 2, r.y1 - 2, {255, 255, 255}, 3); }

TEST_F(Lab2DTraced, LayoutReflowsWithoutOverlapOrClippingAtProjectorSizes) {
  for (const char* size : {"1024x768", "1280x720", "1920x1080"}) {
    for (const auto& [scene, overlays] : {std::pair{"linear_004", "density,patches"}, std::pair{"stack_issue3", "density,per_pane"}}) {
      {
        SCOPED_TRACE(std::string(size) + " " + scene + " " + overlays);
        const TracedShot shot = shootTraced(kScenes + scene + ".json", size, std::string("--overlays ") + overlays,
                                            std::string("layout_") + size + scene + overlays[8]);
        ASSERT_TRUE(shot.img.ok());
        const Rect4 canvas = rectOf(shot.trace, "canvas");
        ASSERT_GT(canvas.x1 - canvas.x0, 300) << "no canvas in the trace";
        EXPECT_LE(canvas.x1, shot.img.width);
        EXPECT_LE(canvas.y1, shot.img.height);
        std::vector<std::pair<std::string, Rect4>> parts;
        for (const auto& [k, v] : shot.trace)
          if (k.rfind("part_", 0) == 0) parts.push_back({k, rectOf(shot.trace, k)});
        ASSERT_GE(parts.size(), 6u);
        for (size_t i = 0; i < parts.size(); ++i) {
          const Rect4 a = parts[i].second;
          if (a.x1 <= a.x0 || a.y1 <= a.y0) continue;  // an empty part (no legend)
          EXPECT_TRUE(a.x0 >= canvas.x0 && a.y0 >= canvas.y0 && a.x1 <= canvas.x1 && a.y1 <= canvas.y1)
              << parts[i].first << " leaves the canvas";
          for (size_t j = i + 1; j < parts.size(); ++j) {
            const Rect4 b = parts[j].second;
            // Rectangles are rounded outwards to whole pixels: touching is not overlapping.
            const bool overlap = a.x0 < b.x1 - 1 && b.x0 < a.x1 - 1 && a.y0 < b.y1 - 1 && b.y0 < a.y1 - 1;
            EXPECT_FALSE(overlap) << parts[i].first << " overlaps " << parts[j].first;
          }
        }
        // Pixels: the readout box is drawn whole (white inside, above the status bar) and holds text.
        const Rect4 readout = rectOf(shot.trace, "part_readout");
        EXPECT_GT(fractionWhite(shot.img, readout), 0.6);
        EXPECT_GT(shot.img.distinctColours(readout.x0 + 4, readout.y0 + 4, readout.x1 - 4, readout.y1 - 4), 8);
        // The data pane's title is inside its rectangle: orange ink there, none right of the canvas.
        const Rect4 title = rectOf(shot.trace, "part_data_title");
        EXPECT_GT(shot.img.fractionNear(title.x0, title.y0, title.x1, title.y1, {222, 112, 38}, 40), 0.005);
      }
    }
  }
}

TEST_F(Lab2DTraced, AnInvalidSceneOpenedFreshDoesNotOfferUndo) {
  const std::string scene = dir_ + "/bad.json";
  std::ofstream(scene) << R"({"dim": 2, "layers": [{"type": "planar", "u": [-2.0, 0.0], "w": [1.0, 0.0], "b": 0.0}]})";
  const TracedShot shot = shootTraced(scene, "1280x800", "--overlays density", "bad_fresh");
  ASSERT_TRUE(shot.img.ok());
  EXPECT_EQ(traced(shot, "invalid_hint"), "fix");
}

}  // namespace
}  // namespace flowlab::test
