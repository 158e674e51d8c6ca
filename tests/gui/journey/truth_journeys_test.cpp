// Journeys through the labs' truth overlays with real X input: turn the round-trip overlay on with
// its checkbox and see its maximum marked; hover a point and read each layer's log-det check; open
// layer 2, Ctrl+click one of its parameters, type nan, and see the first-NaN mark name layer 2, in
// the 2D lab and in the 1D lab.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <sstream>
#include <string>

#include "tests/gui/journey/journey.h"

namespace flowlab::test {
namespace {

const std::string kScenes = FLOWLAB_SOURCE_DIR "/assets/scenes/";

struct Box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};
// Pixel rectangles are printed x0,y0,x1,y1.
Box pixels(const TraceLine& t, const std::string& key) {
  Box b;
  std::sscanf(t.text(key).c_str(), "%lf,%lf,%lf,%lf", &b.x0, &b.y0, &b.x1, &b.y1);
  return b;
}
Point centre(const Box& b) { return {static_cast<int>((b.x0 + b.x1) / 2), static_cast<int>((b.y0 + b.y1) / 2)}; }

int sliderCount(const TraceLine& t) {
  int n = 0;
  while (t.has("slider" + std::to_string(n))) ++n;
  return n;
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

// Opens layer 2 in the stack editor by clicking its row, just under layer 1's last slider; the
// sliders the trace reports are then layer 2's (a different count: the scenes' layers 1 and 2 have
// 6 and 5 (2D), 2 and 3 (1D) parameters).
bool openLayer2(Journey& j) {
  const TraceLine before = j.state();
  const int n = sliderCount(before);
  if (n == 0) return false;
  const Box last = pixels(before, "slider" + std::to_string(n - 1));
  j.click(Point{static_cast<int>(last.x0) + 50, static_cast<int>(last.y1) + 14});
  const bool opened = j.waitFor([&](const TraceLine& t) { return sliderCount(t) > 0 && sliderCount(t) != n; }, 10);
  j.move(Point{1270, 790});  // off the row: its tooltip keeps the app drawing
  return opened;
}

// Ctrl+click the first slider and type nan.
void typeNanIntoFirstSlider(Journey& j) {
  const Point p = centre(pixels(j.state(), "slider0"));
  j.drag(p, p, "ctrl", 1);  // Ctrl+click
  // Not waitSettled: the 2D lab keeps drawing while a field is active (it counts as interacting).
  j.waitFrames(5);
  for (const char* k : {"n", "a", "n", "Return"}) j.key(k);
}

class TruthJourney : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const std::string why = Journey::unavailable(); !why.empty()) GTEST_SKIP() << why;
  }
};

TEST_F(TruthJourney, RoundTripCheckboxShowsTheMaximumAndTheProbeChecksEveryLayer) {
  Journey j(JourneyOptions{1280, 800, {"--view", "2d", "--scene", kScenes + "stack_issue3.json"}});
  ASSERT_TRUE(j.ready()) << j.error();
  ASSERT_TRUE(j.waitSettled());
  const TraceLine off = j.state();
  ASSERT_EQ(off.text("roundtrip"), "0") << off.raw();
  EXPECT_FALSE(off.has("roundtrip_max"));
  j.click(centre(pixels(off, "roundtrip_box")));
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.has("roundtrip_px"); }, 10)) << j.state().raw();
  j.hover(Point{1270, 790});  // away from the checkbox, so its tooltip covers nothing
  j.waitSettled();
  const TraceLine on = j.state();
  EXPECT_EQ(on.text("roundtrip"), "1");
  EXPECT_LT(on.number("roundtrip_max"), 1e-12) << "a healthy stack round-trips to rounding";
  EXPECT_GT(on.number("roundtrip_max"), 0.0);
  const PngImage img = j.capture(j.dir() + "/roundtrip.png");
  const Point mark = on.point("roundtrip_px");
  const Box base = pixels(on, "base_frame");
  EXPECT_TRUE(mark.x >= base.x0 && mark.x <= base.x1 && mark.y >= base.y0 && mark.y <= base.y1) << on.raw();
  EXPECT_GT(redPixels(img, mark, 14), 20) << "the worst cell is ringed";
  // Hover the data pane: three rows, each analytic log-det within 1e-6 of its finite difference.
  j.hover(centre(pixels(on, "data_frame")));
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.has("probe_rows"); }, 10)) << j.state().raw();
  const TraceLine probe = j.state();
  EXPECT_EQ(probe.text("probe_rows"), "3");
  EXPECT_EQ(probe.text("probe_logdet_off"), "0");
  std::istringstream diffs(probe.text("probe_logdet_diff"));
  std::string d;
  int rows = 0;
  while (std::getline(diffs, d, ',')) {
    EXPECT_LT(std::abs(std::atof(d.c_str())), 1e-6) << probe.text("probe_logdet_diff");
    ++rows;
  }
  EXPECT_EQ(rows, 3);
  EXPECT_EQ(probe.number("readout_overflow"), 0.0) << "the probe table fits its box";
  j.capture(j.dir() + "/probe.png");
}

TEST_F(TruthJourney, NanInLayer2IsLocatedAndNamedInThe2DLab) {
  Journey j(JourneyOptions{1280, 800, {"--view", "2d", "--scene", kScenes + "stack_issue3.json"}});
  ASSERT_TRUE(j.ready()) << j.error();
  ASSERT_TRUE(j.waitSettled());
  ASSERT_EQ(j.state().text("nonfinite"), "0");
  ASSERT_TRUE(openLayer2(j)) << j.state().raw();
  j.waitSettled();
  EXPECT_EQ(sliderCount(j.state()), 5) << "planar: u₁, u₂, w₁, w₂, b";
  typeNanIntoFirstSlider(j);
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.has("nonfinite_px"); }, 10)) << j.state().raw();
  j.waitSettled();
  const TraceLine t = j.state();
  EXPECT_EQ(t.text("valid"), "0");
  EXPECT_EQ(t.text("nonfinite_layer"), "2");
  EXPECT_EQ(t.text("nonfinite_label"), "layer_2_(planar)");
  const Point mark = t.point("nonfinite_px");
  const Box data = pixels(t, "data_frame");
  EXPECT_TRUE(mark.x >= data.x0 && mark.x <= data.x1 && mark.y >= data.y0 && mark.y <= data.y1) << t.raw();
  const PngImage img = j.capture(j.dir() + "/nan2d.png");
  EXPECT_GT(redPixels(img, mark, 14), 30) << "the mark is drawn";
  // Undo: the flow is finite again and the mark goes.
  j.key("ctrl+z");
  EXPECT_TRUE(j.waitFor([](const TraceLine& s) { return s.text("nonfinite") == "0" && !s.has("nonfinite_px"); }, 10))
      << j.state().raw();
}

TEST_F(TruthJourney, NanInLayer2IsLocatedAlongTheAxisInThe1DLab) {
  Journey j(JourneyOptions{1280, 800, {"--view", "1d", "--scene", kScenes + "composition_1d.json"}});
  ASSERT_TRUE(j.ready()) << j.error();
  ASSERT_TRUE(j.waitSettled());
  ASSERT_EQ(j.state().text("nonfinite"), "0") << j.state().raw();
  ASSERT_TRUE(openLayer2(j)) << j.state().raw();
  j.waitSettled();
  typeNanIntoFirstSlider(j);
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.has("nonfinite_px"); }, 10)) << j.state().raw();
  j.waitSettled();
  const TraceLine t = j.state();
  EXPECT_EQ(t.text("nonfinite_layer"), "2");
  EXPECT_EQ(t.text("nonfinite_label"), "layer_2_(sine)");
  EXPECT_NEAR(t.number("nonfinite_at"), 1.0, 0.05) << "the middle of x in [−7, 9]";
  EXPECT_EQ(t.number("layout_problems"), 0) << t.text("layout_problem");
  const PngImage img = j.capture(j.dir() + "/nan1d.png");
  EXPECT_GT(redPixels(img, t.point("nonfinite_px"), 14), 30);
}

}  // namespace
}  // namespace flowlab::test
