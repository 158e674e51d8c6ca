// Tier 3: the Energy view under Xvfb, through --screenshot with --trace-state. The fit starts by
// itself: after some frames both panes are heatmaps with contrast, the flow pane carries the
// sample cloud, the curve pane is drawn, the panes do not overlap at three window sizes, and a
// scene with a "target" opens in this view with its settings.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "tests/gui/png_image.h"
#include "tests/support/process.h"

namespace flowlab::test {
namespace {

const std::string kFlowlab = FLOWLAB_BINARY;

std::string lastTraceValue(const std::string& out, const std::string& key) {
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

struct Box {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};
Box box(const std::string& out, const std::string& key) {
  Box b;
  std::sscanf(lastTraceValue(out, key).c_str(), "%d,%d,%d,%d", &b.x0, &b.y0, &b.x1, &b.y1);
  return b;
}
bool overlap(const Box& a, const Box& b) { return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1; }

TEST(EnergyView, FitsByItselfAndDrawsTargetFlowAndCurve) {
  if (!haveDisplay()) GTEST_SKIP() << "no display (run under xvfb-run)";
  for (const std::string size : {"1024x768", "1280x800", "1920x1080"}) {
    const std::string dir = makeTempDir("energy_view_" + size);
    const std::string png = dir + "/energy.png";
    // Frames take a few milliseconds each, and the fit runs on its own thread at its own pace:
    // render longer until the worker has published steps (a loaded machine needs more frames).
    ProcessResult r;
    for (int frames = 90; frames <= 2430; frames *= 3) {
      r = runGuiProcess("XDG_CONFIG_HOME=" + dir + " " + kFlowlab + " --view energy --trace-state --frames " +
                        std::to_string(frames) + " --screenshot " + png + " --size " + size);
      ASSERT_EQ(r.exitCode, 0) << r.err;
      const std::string step = lastTraceValue(r.out, "energy_step");
      if (!step.empty() && std::stoll(step) > 0 && lastTraceValue(r.out, "energy_samples") != "0") break;
    }
    EXPECT_EQ(lastTraceValue(r.out, "view"), "energy");
    EXPECT_GT(std::stoll(lastTraceValue(r.out, "energy_step")), 0) << size;
    EXPECT_EQ(lastTraceValue(r.out, "energy_target"), "u1");
    EXPECT_EQ(lastTraceValue(r.out, "energy_samples"), "1500");
    EXPECT_FALSE(lastTraceValue(r.out, "energy_log_z").empty());
    const Box t = box(r.out, "energy_target_box"), f = box(r.out, "energy_flow_box"), c = box(r.out, "energy_curve_box");
    const int m = 3;  // the boxes' edge pixels are the canvas background
    EXPECT_FALSE(overlap(t, f)) << size;
    EXPECT_FALSE(overlap(t, c)) << size;
    EXPECT_FALSE(overlap(f, c)) << size;
    EXPECT_GT(t.x1 - t.x0, 150) << size;
    const PngImage img = loadPng(png);
    ASSERT_TRUE(img.ok());
    // Heatmaps: many colours in each pane; the flow pane has its near-white sample dots.
    EXPECT_GT(img.distinctColours(t.x0 + m, t.y0 + m, t.x1 - m, t.y1 - m), 40) << size;
    EXPECT_GT(img.distinctColours(f.x0 + m, f.y0 + m, f.x1 - m, f.y1 - m), 40) << size;
    // The dots: white at 2/3 opacity over the dark heatmap, a grey no colormap entry is near.
    const std::array<int, 3> dot{185, 185, 195};
    EXPECT_GT(img.fractionNear(f.x0 + m, f.y0 + m, f.x1 - m, f.y1 - m, dot, 45), 0.002) << size;
    EXPECT_LT(img.fractionNear(t.x0 + m, t.y0 + m, t.x1 - m, t.y1 - m, dot, 45), 0.0002) << size << ": no dots on the target";
    // The curve pane is the white plot area.
    EXPECT_GT(img.fractionNear(c.x0 + m, c.y0 + m, c.x1 - m, c.y1 - m, {255, 255, 255}, 3), 0.8) << size;
  }
}

TEST(EnergyView, ASceneWithATargetOpensHereWithItsSettings) {
  if (!haveDisplay()) GTEST_SKIP() << "no display (run under xvfb-run)";
  const std::string dir = makeTempDir("energy_view_scene");
  const std::string scene = dir + "/fit.json";
  const auto fit = runProcess(kFlowlab + " train --target banana --flow planar --layers 12 --steps 40 --seed 4 --out " + scene);
  ASSERT_EQ(fit.exitCode, 0) << fit.err;
  const auto r = runGuiProcess("XDG_CONFIG_HOME=" + dir + " " + kFlowlab + " --scene " + scene +
                               " --trace-state --frames 30 --screenshot " + dir + "/s.png --size 1280x800");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(lastTraceValue(r.out, "view"), "energy");
  EXPECT_EQ(lastTraceValue(r.out, "energy_target"), "banana");
  EXPECT_EQ(lastTraceValue(r.out, "energy_flow"), "planar");
  EXPECT_EQ(lastTraceValue(r.out, "energy_layers"), "12");
  EXPECT_EQ(lastTraceValue(r.out, "energy_steps"), "40");
}

// The mode-seeking lesson: a target that can be sampled gets the forward-KL pane beside the
// reverse-KL one, both with their sample clouds, none overlapping.
TEST(EnergyView, ASampledTargetShowsForwardKlBesideReverseKl) {
  if (!haveDisplay()) GTEST_SKIP() << "no display (run under xvfb-run)";
  const std::string dir = makeTempDir("energy_view_forward");
  const std::string png = dir + "/f.png";
  ProcessResult r;
  for (int frames = 60; frames <= 1620; frames *= 3) {
    r = runGuiProcess("XDG_CONFIG_HOME=" + dir + " " + kFlowlab + " --scene " + std::string(FLOWLAB_SOURCE_DIR) +
                      "/assets/scenes/ch6_reverse_kl_mode_seeking.json --trace-state --frames " + std::to_string(frames) +
                      " --screenshot " + png + " --size 1280x800");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    if (lastTraceValue(r.out, "energy_forward_samples") == "1500" && lastTraceValue(r.out, "energy_samples") == "1500") break;
  }
  EXPECT_EQ(lastTraceValue(r.out, "energy_target"), "mixture");
  EXPECT_EQ(lastTraceValue(r.out, "energy_forward"), "1");
  const Box t = box(r.out, "energy_target_box"), f = box(r.out, "energy_flow_box"), w = box(r.out, "energy_forward_box"),
            c = box(r.out, "energy_curve_box");
  for (const Box* a : {&t, &f, &w})
    for (const Box* b : {&t, &f, &w, &c})
      if (a != b) EXPECT_FALSE(overlap(*a, *b));
  const PngImage img = loadPng(png);
  ASSERT_TRUE(img.ok());
  const std::array<int, 3> dot{185, 185, 195};
  EXPECT_GT(img.fractionNear(w.x0 + 3, w.y0 + 3, w.x1 - 3, w.y1 - 3, dot, 45), 0.002) << "forward KL's samples";
  EXPECT_GT(img.fractionNear(f.x0 + 3, f.y0 + 3, f.x1 - 3, f.y1 - 3, dot, 45), 0.002) << "reverse KL's samples";
}

}  // namespace
}  // namespace flowlab::test
