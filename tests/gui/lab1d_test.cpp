// Tier 3: the 1D lab in a real window under Xvfb, one screenshot per bundled 1D preset, checked by
// the colours inside each panel; and what --scene does with a malformed, 2D or missing file.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
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
  Rect curve, data, base;
  float gapX0, gapX1;  // the empty strip between the p_X panel and the curve panel
};

// The panels of app/views/lab1d/lab1d_canvas.cpp layoutLab1D for a window of width × height, with the
// shell of app/ui/shell.cpp around it: font size em = 16 px (gui_app.cpp kBaseFontPixels, scale 1
// under Xvfb), frame height em + 2·3 px (menu bar and status bar), sidebar 24 em (Settings default).
Panels lab1dPanels(float width, float height) {
  const float em = 16.0f, frame = em + 6.0f;
  const float sidebar = std::min(24.0f * em, width * 0.5f);
  const float ox = sidebar, oy = frame, w = width - sidebar, h = height - 2 * frame;
  const float left = ox + em * 3.5f, top = oy + em * 2.2f;
  const float right = ox + w - em * 1.2f, bottom = oy + h - em * 3.0f;
  const float sideRight = left + std::max(em * 8.0f, (right - left) * 0.24f);
  const float curveLeft = sideRight + em * 0.6f;
  const float curveBottom = top + (bottom - top) * 0.68f;
  const float baseTop = curveBottom + em * 2.6f;
  return Panels{{curveLeft, top, right, curveBottom},
                {left, top, sideRight, curveBottom},
                {curveLeft, baseTop, right, bottom},
                sideRight,
                curveLeft};
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
  PngImage shoot(const std::string& name, const std::string& args, ProcessResult* result = nullptr) {
    const std::string png = (keep_.empty() ? dir_ : keep_) + "/" + name + ".png";
    const auto r = runProcess("XDG_CONFIG_HOME=" + dir_ + "/cfg " + kFlowlab + " --screenshot " + png +
                              " --size " + std::to_string(kWidth) + "x" + std::to_string(kHeight) +
                              " --frames 3 " + args);
    if (result) *result = r;
    EXPECT_EQ(r.exitCode, 0) << r.err;
    return loadPng(png);
  }
  std::string dir_, keep_;
};

class Lab1DPreset : public Lab1DWindow, public ::testing::WithParamInterface<std::string> {};

TEST_P(Lab1DPreset, ScreenshotShowsEachPanelInItsColour) {
  const std::string stem = GetParam();
  const PngImage img = shoot(stem, "--scene " + scenePath(stem));
  ASSERT_TRUE(img.ok());
  ASSERT_EQ(img.width, kWidth);
  ASSERT_EQ(img.height, kHeight);
  const Panels p = lab1dPanels(kWidth, kHeight);
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
                                           "bimodal_spline_1d", "sine_noninvertible_1d"),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

TEST_F(Lab1DWindow, EveryBundled1DSceneIsCoveredAbove) {
  // A new *_1d.json preset must be added to the list above.
  int count = 0;
  for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(scenePath("x")).parent_path()))
    count += e.path().filename().string().ends_with("_1d.json");
  EXPECT_EQ(count, 6);
}

TEST_F(Lab1DWindow, MalformedSceneIsReportedAndTheDefaultSceneStays) {
  const std::string bad = dir_ + "/bad_1d.json";
  std::ofstream(bad) << "{ \"version\": 1, \"dim\": 1, \"layers\": [ {\"type\": \"sine\", \"a\": ";
  ProcessResult r;
  const PngImage img = shoot("malformed", "--view 1d --scene " + bad, &r);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  ASSERT_TRUE(img.ok());
  const Panels p = lab1dPanels(kWidth, kHeight);
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
  const Panels p = lab1dPanels(kWidth, kHeight);
  EXPECT_GT(fraction(img, p.data.inset(4), kDataSpace, 16), 0.002);  // the 1D lab kept its scene
  EXPECT_GT(fraction(img, Rect{0, kHeight - 22.0f, kWidth, float(kHeight)}, kErrorText, 10), 0.001);
}

TEST_F(Lab1DWindow, MissingScenePathIsRejectedBeforeAWindowOpens) {
  const std::string png = dir_ + "/never.png";
  const auto r = runProcess(kFlowlab + " --screenshot " + png + " --scene " + dir_ + "/no_such_scene.json");
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("no_such_scene.json"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(png));
}

}  // namespace
}  // namespace flowlab::test
