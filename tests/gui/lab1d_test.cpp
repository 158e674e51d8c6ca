// Tier 3: the 1D lab in a real window under Xvfb, one screenshot per bundled 1D preset, checked by
// the colours inside each panel; and what --scene does with a malformed, 2D or missing file.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "tests/gui/png_image.h"
#include "tests/support/process.h"

namespace flowlab::test {
namespace {

const std::string kFlowlab = FLOWLAB_BINARY;

// The bundled scenes in the source tree (FLOWLAB_SOURCE_DIR comes with flowlab_ui).
std::string scenePath(const std::string& stem) {
  const auto root = std::filesystem::path(FLOWLAB_SOURCE_DIR);
  return (root / "assets" / "scenes" / (stem + ".json")).string();
}

// Colours of app/ui/theme.h, in 0..255.
constexpr std::array<int, 3> kBaseSpace{52, 120, 198};  // p_Z curve
constexpr std::array<int, 3> kDataSpace{222, 112, 38};  // p_X curve
constexpr std::array<int, 3> kCurve{40, 40, 48};        // x = f(z)
constexpr std::array<int, 3> kInvalid{214, 48, 49};     // warning text, border, f' <= 0
// kInvalidFill = (214, 48, 49, alpha 60) over the white panel: 255 - 60/255·(255 - c) per channel.
constexpr std::array<int, 3> kInvalidOverWhite{245, 206, 206};
constexpr std::array<int, 3> kPanel{255, 255, 255};
constexpr std::array<int, 3> kCanvas{245, 245, 242};
constexpr std::array<int, 3> kErrorText{255, 107, 97};  // theme::kErrorText (status bar messages)

struct Rect {
  float x0, y0, x1, y1;
  // Shrunk by `m` pixels on every side (so frames, borders and antialiasing stay out).
  Rect inset(float m) const { return {x0 + m, y0 + m, x1 - m, y1 - m}; }
};

double fraction(const PngImage& img, const Rect& r, std::array<int, 3> colour, int tol) {
  return img.fractionNear(int(std::ceil(r.x0)), int(std::ceil(r.y0)), int(r.x1), int(r.y1), colour, tol);
}

struct Panels {
  Rect curve, data, base, readout, canvas;
  float gapX0, gapX1;  // the empty strip between the p_X panel and the curve panel
};

// The value of `key` in the app's last --trace-state line ("" when missing).
std::string traceValue(const std::string& out, const std::string& key) {
  const size_t line = out.rfind("trace frame=");
  if (line == std::string::npos) return "";
  const std::string last = out.substr(line, out.find('\n', line) - line);
  const size_t at = last.find(" " + key + "=");
  if (at == std::string::npos) return "";
  const size_t from = at + key.size() + 2;
  return last.substr(from, last.find(' ', from) - from);
}

Rect traceRect(const std::string& out, const std::string& key) {
  Rect r{0, 0, 0, 0};
  std::sscanf(traceValue(out, key).c_str(), "%f,%f,%f,%f", &r.x0, &r.y0, &r.x1, &r.y1);
  return r;
}

// The panels as the app laid them out (app/views/lab1d/lab1d_layout.cpp), from its trace.
Panels lab1dPanels(const std::string& traceOut) {
  Panels p{traceRect(traceOut, "panel_curve"), traceRect(traceOut, "panel_data"), traceRect(traceOut, "panel_base"),
           traceRect(traceOut, "readout"), traceRect(traceOut, "canvas"), 0, 0};
  p.gapX0 = p.data.x1;
  p.gapX1 = p.curve.x0;
  return p;
}

bool overlap(const Rect& a, const Rect& b) { return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1; }
bool inside(const Rect& a, const Rect& outer) {
  return a.x0 >= outer.x0 && a.y0 >= outer.y0 && a.x1 <= outer.x1 && a.y1 <= outer.y1;
}

constexpr int kWidth = 1500, kHeight = 950;

class Lab1DWindow : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!haveDisplay()) GTEST_SKIP() << "no DISPLAY: run under xvfb-run (scripts/test does)";
    dir_ = makeTempDir("lab1d");
    // FLOWLAB_KEEP_PNG=dir keeps the screenshots for a human to look at.
    if (const char* keep = std::getenv("FLOWLAB_KEEP_PNG"); keep && *keep) keep_ = keep;
  }
  void TearDown() override {
    std::error_code ec;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
  }
  // Runs the app on `args` and returns the screenshot (empty when the run failed).
  // The app's stdout (its --trace-state lines) lands in `trace_`.
  PngImage shoot(const std::string& name, const std::string& args, ProcessResult* result = nullptr,
                 int width = kWidth, int height = kHeight) {
    const std::string png = (keep_.empty() ? dir_ : keep_) + "/" + name + ".png";
    const auto r = runProcess("XDG_CONFIG_HOME=" + dir_ + "/cfg " + kFlowlab + " --screenshot " + png +
                              " --size " + std::to_string(width) + "x" + std::to_string(height) +
                              " --frames 3 --trace-state " + args);
    trace_ = r.out;
    if (result) *result = r;
    EXPECT_EQ(r.exitCode, 0) << r.err;
    return loadPng(png);
  }
  std::string dir_, keep_, trace_;
};

class Lab1DPreset : public Lab1DWindow, public ::testing::WithParamInterface<std::string> {};

TEST_P(Lab1DPreset, ScreenshotShowsEachPanelInItsColour) {
  const std::string stem = GetParam();
  const PngImage img = shoot(stem, "--scene " + scenePath(stem));
  ASSERT_TRUE(img.ok());
  ASSERT_EQ(img.width, kWidth);
  ASSERT_EQ(img.height, kHeight);
  const Panels p = lab1dPanels(trace_);
  const float m = 4.0f;  // keeps the frame lines and the 2 px warning border out

  // The derived layout is the drawn one: the panels are white inside, the strip between the p_X
  // panel and the curve panel is the canvas colour.
  // (where f' <= 0 the curve panel is washed in the warning colour instead)
  EXPECT_GT(fraction(img, p.curve.inset(m), kPanel, 3) + fraction(img, p.curve.inset(m), kInvalidOverWhite, 4), 0.7);
  EXPECT_GT(fraction(img, Rect{p.gapX0 + 2, p.curve.y0 + 10, p.gapX1 - 2, p.curve.y1 - 10}, kCanvas, 3), 0.9);

  // The base density p_Z, blue, in the lower panel (the same for every preset).
  EXPECT_GT(fraction(img, p.base.inset(m), kBaseSpace, 16), 0.003);
  // The map x = f(z) in the middle panel (below its "x = f(z)" label, whose text is near-black too).
  const Rect curveBody{p.curve.x0 + m, p.curve.y0 + 40, p.curve.x1 - m, p.curve.y1 - m};
  EXPECT_GT(fraction(img, curveBody, kCurve, 8), 0.002);

  const Rect data = p.data.inset(m);
  if (stem == "sine_noninvertible_1d") {
    // p_X is undefined: the panel is washed in the warning colour with the message in it, no orange.
    EXPECT_GT(fraction(img, data, kInvalidOverWhite, 4), 0.5);
    EXPECT_GT(fraction(img, data, kInvalid, 12), 0.002);
    EXPECT_LT(fraction(img, data, kDataSpace, 30), 1e-4);
    // The fold is marked on the curve too (red segments and the f' <= 0 strips).
    EXPECT_GT(fraction(img, p.curve.inset(m), kInvalid, 12), 0.001);
  } else {
    EXPECT_GT(fraction(img, data, kDataSpace, 16), 0.002);
    EXPECT_LT(fraction(img, data, kInvalidOverWhite, 4), 0.01);
    EXPECT_LT(fraction(img, p.curve.inset(m), kInvalid, 12), 1e-4);
  }
}

INSTANTIATE_TEST_SUITE_P(EveryPreset, Lab1DPreset,
                         ::testing::Values("affine_1d", "sine_1d", "composition_1d", "sinh_arcsinh_1d",
                                           "bimodal_spline_1d", "sine_noninvertible_1d", "spike_1d"),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

// Projector and laptop sizes: the panels the app laid out do not overlap, sit inside the canvas
// with the readout box, every label the canvas drew is inside it and clear of the others
// (layout_problems, the app's own check of what it drew), the readout fits its box, and both
// density panels draw one density at one length.
struct SizeAndScene {
  int width, height;
  const char* stem;
};

class Lab1DLayoutAtSize : public Lab1DWindow, public ::testing::WithParamInterface<SizeAndScene> {};

TEST_P(Lab1DLayoutAtSize, PanelsAndLabelsReflowWithoutOverlapOrClipping) {
  const SizeAndScene c = GetParam();
  const std::string name = std::string(c.stem) + "_" + std::to_string(c.width) + "x" + std::to_string(c.height);
  const PngImage img = shoot(name, "--view 1d --scene " + scenePath(c.stem), nullptr, c.width, c.height);
  ASSERT_TRUE(img.ok());
  ASSERT_EQ(img.width, c.width);
  const Panels p = lab1dPanels(trace_);
  ASSERT_GT(p.canvas.x1, p.canvas.x0) << trace_.substr(trace_.rfind("trace frame="));
  const Rect all[] = {p.curve, p.data, p.base, p.readout};
  for (int i = 0; i < 4; ++i) {
    EXPECT_TRUE(inside(all[i], p.canvas)) << "rectangle " << i;
    EXPECT_GT(all[i].x1 - all[i].x0, 120.0f) << "rectangle " << i;
    EXPECT_GT(all[i].y1 - all[i].y0, 120.0f) << "rectangle " << i;
    for (int j = i + 1; j < 4; ++j) EXPECT_FALSE(overlap(all[i], all[j])) << "rectangles " << i << " and " << j;
  }
  EXPECT_EQ(traceValue(trace_, "layout_problems"), "0") << traceValue(trace_, "layout_problem");
  EXPECT_EQ(traceValue(trace_, "readout_overflow"), "0.0");
  EXPECT_GT(std::stoi(traceValue(trace_, "labels")), 20);
  EXPECT_EQ(traceValue(trace_, "pz_px_per_unit"), traceValue(trace_, "px_px_per_unit"));
  // Pixels agree: the canvas margin right of the panels holds no text (only tick labels' halves,
  // which stay within 1.2 em), and the bottom rows of the canvas above the status bar are empty.
  const float em = 16.0f;
  EXPECT_GT(fraction(img, Rect{p.curve.x1 + em * 0.6f, p.curve.y0, p.canvas.x1 - 1, p.base.y1}, kCanvas, 3), 0.99);
  EXPECT_GT(fraction(img, Rect{p.base.x0, p.canvas.y1 - 5, p.canvas.x1 - 1, p.canvas.y1 - 1}, kCanvas, 3), 0.99);
  // The readout box's right edge is not crossed by its text.
  EXPECT_GT(fraction(img, Rect{p.readout.x1 - 5, p.readout.y0 + 2, p.readout.x1 - 2, p.readout.y1 - 2}, kPanel, 3), 0.99);
}

INSTANTIATE_TEST_SUITE_P(ProjectorSizes, Lab1DLayoutAtSize,
                         ::testing::Values(SizeAndScene{1024, 768, "composition_1d"}, SizeAndScene{1024, 768, "sine_noninvertible_1d"},
                                           SizeAndScene{1280, 720, "composition_1d"}, SizeAndScene{1280, 720, "spike_1d"},
                                           SizeAndScene{1920, 1080, "bimodal_spline_1d"}, SizeAndScene{1920, 1080, "sine_noninvertible_1d"}),
                         [](const ::testing::TestParamInfo<SizeAndScene>& p) {
                           return std::string(p.param.stem) + "_" + std::to_string(p.param.width) + "x" +
                                  std::to_string(p.param.height);
                         });

TEST_F(Lab1DWindow, ASpikeOfPXIsClippedWithAMarkAndALabel) {
  const PngImage img = shoot("spike", "--view 1d --scene " + scenePath("spike_1d"));
  ASSERT_TRUE(img.ok());
  const Panels p = lab1dPanels(trace_);
  ASSERT_EQ(traceValue(trace_, "px_clipped"), "1");
  int mx = -1, my = -1;
  std::sscanf(traceValue(trace_, "clip0").c_str(), "%d,%d", &mx, &my);
  // At the panel's outer edge, at x = 0 (the middle of the x range [-4, 4]), in the warning colour,
  // with the "clipped" label beside it.
  EXPECT_NEAR(mx, p.data.x0, 1);
  EXPECT_NEAR(my, (p.data.y0 + p.data.y1) / 2, 3);
  EXPECT_GT(fraction(img, Rect{float(mx), my - 6.0f, mx + 14.0f, my + 6.0f}, kInvalid, 30), 0.2);
  EXPECT_GT(fraction(img, Rect{mx + 16.0f, my - 8.0f, mx + 140.0f, my + 8.0f}, kInvalid, 60), 0.03);
  // p_Z's peak (the topmost p_Z pixel above z = 0) stands at least 40% of its panel high: the
  // spike, five times higher, did not squash the shared scale.
  const int column = int((p.base.x0 + p.base.x1) / 2);
  int peakRow = -1;
  for (int y = int(p.base.y0) + 2; y < int(p.base.y1) && peakRow < 0; ++y)
    if (img.fractionNear(column - 1, y, column + 2, y + 1, kBaseSpace, 40) > 0) peakRow = y;
  ASSERT_GT(peakRow, 0);
  EXPECT_GT((p.base.y1 - peakRow) / (p.base.y1 - p.base.y0), 0.4);
}

TEST_F(Lab1DWindow, EveryBundled1DSceneIsCoveredAbove) {
  // A new *_1d.json preset must be added to the list above.
  int count = 0;
  for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(scenePath("x")).parent_path()))
    count += e.path().filename().string().ends_with("_1d.json");
  EXPECT_EQ(count, 7);
}

TEST_F(Lab1DWindow, MalformedSceneIsReportedAndTheDefaultSceneStays) {
  const std::string bad = dir_ + "/bad_1d.json";
  std::ofstream(bad) << "{ \"version\": 1, \"dim\": 1, \"layers\": [ {\"type\": \"sine\", \"a\": ";
  ProcessResult r;
  const PngImage img = shoot("malformed", "--view 1d --scene " + bad, &r);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  ASSERT_TRUE(img.ok());
  const Panels p = lab1dPanels(trace_);
  // Still the default scene (the sine warp, valid): orange p_X, no warning wash.
  EXPECT_GT(fraction(img, p.data.inset(4), kDataSpace, 16), 0.002);
  EXPECT_LT(fraction(img, p.data.inset(4), kInvalidOverWhite, 4), 0.01);
  // The error is in the status bar (bottom row), in the error colour.
  EXPECT_GT(fraction(img, Rect{0, kHeight - 22.0f, kWidth, float(kHeight)}, kErrorText, 10), 0.001);
}

TEST_F(Lab1DWindow, SceneOfADimensionNoViewShowsIsReportedAndTheLabKeepsItsScene) {
  // Well-formed JSON whose dimension no view shows. (A dim = 2 scene opens in the 2D lab when that view
  // is built in, so the 1D lab's own refusal of dim = 2 is tested on a null context, lab1d_view_test.cpp.)
  const std::string odd = dir_ + "/dim3.json";
  std::ofstream(odd) << R"({"version": 1, "dim": 3, "layers": []})";
  ProcessResult r;
  const PngImage img = shoot("dim3", "--view 1d --scene " + odd, &r);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  ASSERT_TRUE(img.ok());
  const Panels p = lab1dPanels(trace_);
  EXPECT_GT(fraction(img, p.data.inset(4), kDataSpace, 16), 0.002);  // the 1D lab kept its scene
  EXPECT_GT(fraction(img, Rect{0, kHeight - 22.0f, kWidth, float(kHeight)}, kErrorText, 10), 0.001);
}

TEST_F(Lab1DWindow, MissingScenePathIsRejectedBeforeAWindowOpens) {
  const std::string png = dir_ + "/never.png";
  const auto r = runGuiProcess(kFlowlab + " --screenshot " + png + " --scene " + dir_ + "/no_such_scene.json");
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("no_such_scene.json"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(png));
}

}  // namespace
}  // namespace flowlab::test
