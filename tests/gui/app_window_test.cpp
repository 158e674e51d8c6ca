// Tier 3: the real app in a real window under Xvfb, checked by the pixels of its screenshot.
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/gui/png_image.h"
#include "tests/support/process.h"

namespace flowlab::test {
namespace {

const std::string kFlowlab = FLOWLAB_BINARY;

// Colours of app/ui/theme.h, in 0..255.
constexpr std::array<int, 3> kSidebar{33, 36, 43};
constexpr std::array<int, 3> kCanvas{245, 245, 242};

class AppWindow : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!haveDisplay()) GTEST_SKIP() << "no DISPLAY: run under xvfb-run (scripts/test does)";
    dir_ = makeTempDir("gui");
  }
  void TearDown() override {
    std::error_code ec;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
  }
  std::string dir_;
};

TEST_F(AppWindow, ScreenshotHasTheRequestedSizeAndTheLayoutWhereItBelongs) {
  const std::string png = dir_ + "/welcome.png";
  // A private config dir proves scripted runs ignore and never write user settings.
  const auto r = runProcess("XDG_CONFIG_HOME=" + dir_ + "/cfg " + kFlowlab + " --screenshot " + png +
                            " --size 1280x800 --frames 3 --view welcome");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const PngImage img = loadPng(png);
  ASSERT_TRUE(img.ok());
  EXPECT_EQ(img.width, 1280);
  EXPECT_EQ(img.height, 800);
  // Not blank: the whole picture has many colours.
  EXPECT_GT(img.distinctColours(0, 0, img.width, img.height), 50);
  // The sidebar is on the left: its lower part is mostly the sidebar colour.
  EXPECT_GT(img.fractionNear(10, 500, 300, 700, kSidebar, 6), 0.9);
  // The canvas fills the right: mostly the canvas colour away from the drawing.
  EXPECT_GT(img.fractionNear(1000, 600, 1270, 740, kCanvas, 6), 0.9);
  // And the canvas is not the sidebar colour (the two regions really differ).
  EXPECT_LT(img.fractionNear(1000, 600, 1270, 740, kSidebar, 6), 0.01);
  // The welcome picture (blue base density) is drawn in the canvas.
  EXPECT_GT(img.fractionNear(400, 100, 1280, 700, {52, 120, 198}, 30), 0.0005);
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/cfg/flowlab/settings.json"));
}

TEST_F(AppWindow, SizeFlagSetsTheScreenshotSize) {
  const std::string a = dir_ + "/a.png";
  const auto r = runProcess(kFlowlab + " --screenshot " + a + " --size 900x600 --frames 2");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const PngImage img = loadPng(a);
  ASSERT_TRUE(img.ok());
  EXPECT_EQ(img.width, 900);
  EXPECT_EQ(img.height, 600);
}

TEST_F(AppWindow, InteractiveRunSavesGeometryInTheXdgConfigFolder) {
  const std::string cfg = dir_ + "/cfg";
  const auto r = runProcess("XDG_CONFIG_HOME=" + cfg + " " + kFlowlab + " --frames 2");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_TRUE(std::filesystem::exists(cfg + "/flowlab/settings.json"));
}

}  // namespace
}  // namespace flowlab::test
