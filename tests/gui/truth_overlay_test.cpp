// Tier 3: the truth overlays in real screenshots under Xvfb. Injected trouble shows where it is:
// a planar layer near its fold lights up the round-trip heatmap along the fold; a stack whose
// second layer overflows gets the first-NaN mark and names layer 2, in the 2D and the 1D lab.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <map>
#include "tests/gui/png_image.h"
#include "tests/support/process.h"

namespace flowlab::test {
namespace {

const std::string kFlowlab = FLOWLAB_BINARY;
const std::string kScenes = std::string(FLOWLAB_SOURCE_DIR) + "/assets/scenes/";

// x = z + u·tanh(w·z) with w·u = −0.99999: invertible, but nearly folded along w·z = 0.
const char* kNearFold = R"({"version": 1, "dim": 2, "name": "Planar near its fold",
  "layers": [{"type": "planar", "u": [1.0, 0.0], "w": [-0.99999, 0.3], "b": 0.0}],
  "view": {"x_range": [-4, 4], "y_range": [-4, 4]}})";
// Valid, but log p's inverse pass overflows in layer 2 wherever |x₁| or |x₂| > 1.8
// (layer 3 multiplies by 1e150, layer 2 by 1e158 more).
const char* kOverflow2D = R"({"version": 1, "dim": 2, "name": "Overflow in layer 2",
  "layers": [{"type": "linear", "A": [[1.2, 0.3], [0.1, 0.9]], "b": [0, 0]},
             {"type": "linear", "A": [[1e-158, 0], [0, 1e-158]], "b": [0, 0]},
             {"type": "linear", "A": [[1e-150, 0], [0, 1e-150]], "b": [0, 0]}],
  "view": {"x_range": [-4, 4], "y_range": [-4, 4]}})";
const char* kOverflow1D = R"({"version": 1, "dim": 1, "name": "Overflow in layer 2",
  "layers": [{"type": "affine", "a": 1.5, "b": 0.2}, {"type": "affine", "a": 1e-158, "b": 0},
             {"type": "affine", "a": 1e-150, "b": 0}],
  "view": {"x_range": [-4, 4]}})";

struct Point {
  int x = 0, y = 0;
};

// One --trace-state line as key=value pairs (the journeys' TraceLine lives in their own library).
class TraceLine {
 public:
  TraceLine() = default;
  explicit TraceLine(const std::string& line) : raw_(line) {
    std::istringstream in(line);
    std::string token;
    while (in >> token)
      if (const size_t eq = token.find('='); eq != std::string::npos) values_[token.substr(0, eq)] = token.substr(eq + 1);
  }
  bool has(const std::string& key) const { return values_.count(key) > 0; }
  std::string text(const std::string& key) const { return has(key) ? values_.at(key) : ""; }
  double number(const std::string& key) const { return has(key) ? std::atof(values_.at(key).c_str()) : NAN; }
  Point point(const std::string& key) const {
    Point p;
    std::sscanf(text(key).c_str(), "%d,%d", &p.x, &p.y);
    return p;
  }
  const std::string& raw() const { return raw_; }

 private:
  std::map<std::string, std::string> values_;
  std::string raw_;
};

class TruthOverlay : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!haveDisplay()) GTEST_SKIP() << "no DISPLAY: run under xvfb-run (scripts/test does)";
    dir_ = makeTempDir("truth");
  }
  void TearDown() override {
    std::error_code ec;
    if (!dir_.empty() && !std::getenv("FLOWLAB_KEEP_TRUTH")) std::filesystem::remove_all(dir_, ec);
  }
  std::string scene(const std::string& name, const char* json) {
    const std::string path = dir_ + "/" + name + ".json";
    std::ofstream(path) << json;
    return path;
  }
  // Screenshot and the last --trace-state line.
  PngImage shoot(const std::string& scenePath, const std::string& extra, const std::string& name, TraceLine& trace,
                 const std::string& size = "1280x800") {
    const std::string png = dir_ + "/" + name + ".png";
    const auto r = runGuiProcess(kFlowlab + " --screenshot " + png + " --size " + size + " --frames 3 --trace-state --scene " +
                              scenePath + " " + extra);
    EXPECT_EQ(r.exitCode, 0) << r.err;
    std::istringstream lines(r.out);
    std::string line, last;
    while (std::getline(lines, line))
      if (line.rfind("trace ", 0) == 0) last = line;
    trace = TraceLine(last);
    return loadPng(png);
  }
  std::string dir_;
};

int luminance(const std::array<int, 3>& c) { return (299 * c[0] + 587 * c[1] + 114 * c[2]) / 1000; }

// Mean luminance of a square of half-width r around p.
double meanLuminance(const PngImage& img, Point p, int r) {
  double sum = 0;
  int n = 0;
  for (int y = p.y - r; y <= p.y + r; ++y)
    for (int x = p.x - r; x <= p.x + r; ++x) sum += luminance(img.at(x, y)), ++n;
  return sum / n;
}

// Pixels near the theme's warning red (214, 48, 49) in a square of half-width r around p.
int redPixels(const PngImage& img, Point p, int r) {
  int n = 0;
  for (int y = p.y - r; y <= p.y + r; ++y)
    for (int x = p.x - r; x <= p.x + r; ++x) {
      const auto c = img.at(x, y);
      n += std::abs(c[0] - 214) < 30 && std::abs(c[1] - 48) < 30 && std::abs(c[2] - 49) < 30;
    }
  return n;
}

TEST_F(TruthOverlay, RoundTripHeatmapLightsUpAlongAPlanarFoldAndStaysDarkForAHealthyPreset) {
  TraceLine healthy, fold;
  const PngImage a = shoot(kScenes + "planar.json", "--overlays density,roundtrip", "healthy", healthy);
  const PngImage b = shoot(scene("fold", kNearFold), "--overlays density,roundtrip", "fold", fold);
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_EQ(healthy.text("roundtrip"), "1") << healthy.raw();
  ASSERT_TRUE(fold.has("roundtrip_max")) << fold.raw();
  std::printf("round trip: planar preset max %s, near the fold max %s at %s\n", healthy.text("roundtrip_max").c_str(),
              fold.text("roundtrip_max").c_str(), fold.text("roundtrip_at").c_str());
  EXPECT_LT(healthy.number("roundtrip_max"), 1e-13);
  EXPECT_GT(fold.number("roundtrip_max"), 1000 * std::max(healthy.number("roundtrip_max"), 1e-16));
  // The worst cell is on the fold line w·z = 0.
  double z1 = NAN, z2 = NAN;
  std::sscanf(fold.text("roundtrip_at").c_str(), "%lf,%lf", &z1, &z2);
  EXPECT_LT(std::abs(-0.99999 * z1 + 0.3 * z2), 0.3);
  // It is marked (a red ring) and the heatmap there is much brighter than the pane's corner.
  const Point mark = fold.point("roundtrip_px");
  double f0 = 0, f1 = 0, f2 = 0, f3 = 0;
  std::sscanf(fold.text("base_frame").c_str(), "%lf,%lf,%lf,%lf", &f0, &f1, &f2, &f3);
  ASSERT_GT(mark.x, f0);
  ASSERT_LT(mark.x, f2);
  EXPECT_GT(redPixels(b, mark, 14), 20);
  // Along the fold, away from the ring: the fold line passes through (0.3, 0.99999)·t.
  const double sx = (f2 - f0) / 7.0, sy = (f3 - f1) / 7.0;  // ±3.5 in z
  const Point onFold{static_cast<int>(f0 + (1.5 * 0.3 / 0.99999 + 3.5) * sx), static_cast<int>(f3 - (1.5 + 3.5) * sy)};
  const Point corner{static_cast<int>(f2 - 0.4 * sx), static_cast<int>(f1 + 0.4 * sy)};
  std::printf("luminance on the fold %.0f, in the corner %.0f; healthy on the fold %.0f\n", meanLuminance(b, onFold, 2),
              meanLuminance(b, corner, 2), meanLuminance(a, onFold, 2));
  EXPECT_GT(meanLuminance(b, onFold, 2), meanLuminance(b, corner, 2) + 60);
  EXPECT_LT(meanLuminance(a, onFold, 2), 110) << "a healthy layer's round trip is dark everywhere";
}

TEST_F(TruthOverlay, FirstNanMarkNamesLayer2InThe2DLab) {
  TraceLine t;
  const PngImage img = shoot(scene("overflow2d", kOverflow2D), "--view 2d", "overflow2d", t);
  ASSERT_TRUE(img.ok());
  EXPECT_EQ(t.text("valid"), "1") << "valid parameters, non-finite values: " << t.raw();
  ASSERT_EQ(t.text("nonfinite"), "1") << t.raw();
  EXPECT_EQ(t.text("nonfinite_layer"), "2");
  EXPECT_EQ(t.text("nonfinite_label"), "layer_2_(linear)");
  // The mark sits at the broken region's edge nearest the middle, |x| ≈ 1.8 from the centre.
  double x1 = NAN, x2 = NAN;
  std::sscanf(t.text("nonfinite_at").c_str(), "%lf,%lf", &x1, &x2);
  EXPECT_NEAR(std::max(std::abs(x1), std::abs(x2)), 1.85, 0.07);
  const Point mark = t.point("nonfinite_px");
  EXPECT_GT(redPixels(img, mark, 14), 30) << "the ring is drawn at the mark";
  // No mark for a healthy stack.
  TraceLine healthy;
  shoot(kScenes + "stack_issue3.json", "--view 2d", "healthy2d", healthy);
  EXPECT_EQ(healthy.text("nonfinite"), "0");
  EXPECT_FALSE(healthy.has("nonfinite_px"));
}

TEST_F(TruthOverlay, FirstNanMarkNamesLayer2InThe1DLab) {
  TraceLine t;
  const PngImage img = shoot(scene("overflow1d", kOverflow1D), "--view 1d", "overflow1d", t);
  ASSERT_TRUE(img.ok());
  ASSERT_EQ(t.text("nonfinite"), "1") << t.raw();
  EXPECT_EQ(t.text("nonfinite_layer"), "2");
  EXPECT_EQ(t.text("nonfinite_label"), "layer_2_(affine)");
  EXPECT_NEAR(std::abs(t.number("nonfinite_at")), 1.8, 0.05);
  EXPECT_GT(redPixels(img, t.point("nonfinite_px"), 14), 30);
  EXPECT_EQ(t.number("layout_problems"), 0) << t.text("layout_problem");
}

}  // namespace
}  // namespace flowlab::test
