// Journeys through the 1D lab with real X input: drag the affine line, Shift+drag to turn it (p_Z
// stays as drawn, p_X's spike is marked where it is clipped), drag a spline knot, undo with Ctrl+Z,
// read the tooltips over the line and the knots, and read the whole readout on a small screen.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "tests/gui/journey/journey.h"

namespace flowlab::test {
namespace {

const std::string kScenes = FLOWLAB_SOURCE_DIR "/assets/scenes/";

constexpr std::array<int, 3> kBaseSpace{52, 120, 198};  // theme::kBaseSpace: p_Z
constexpr std::array<int, 3> kDataSpace{222, 112, 38};  // theme::kDataSpace: p_X
constexpr std::array<int, 3> kInvalid{214, 48, 49};     // theme::kInvalid: the clip mark

struct Box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool ok() const { return x1 > x0 && y1 > y0; }
};

// "x0,y0,x1,y1" values of the lab's trace (panel_data, panel_base, readout, ...).
Box box(const TraceLine& t, const std::string& key) {
  Box b;
  std::sscanf(t.text(key).c_str(), "%lf,%lf,%lf,%lf", &b.x0, &b.y0, &b.x1, &b.y1);
  return b;
}

bool near(std::array<int, 3> c, std::array<int, 3> want, int tol) {
  for (int k = 0; k < 3; ++k)
    if (std::abs(c[k] - want[k]) > tol) return false;
  return true;
}

// Mean row of the pixels near `colour` in a box (NaN when there are none): where p_X sits.
double meanRow(const PngImage& img, const Box& b, std::array<int, 3> colour, int tol) {
  double sum = 0;
  int n = 0;
  for (int y = int(b.y0) + 2; y < int(b.y1) - 1; ++y)
    for (int x = int(b.x0) + 2; x < int(b.x1) - 1; ++x)
      if (near(img.at(x, y), colour, tol)) sum += y, ++n;
  return n ? sum / n : std::nan("");
}

// The topmost row in columns [x - 2, x + 2] of a box holding the p_Z curve's colour: its peak.
int topRow(const PngImage& img, const Box& b, int x, std::array<int, 3> colour, int tol) {
  for (int y = int(b.y0) + 2; y < int(b.y1) - 1; ++y)
    for (int dx = -2; dx <= 2; ++dx)
      if (near(img.at(x + dx, y), colour, tol)) return y;
  return -1;
}

// The layer parameters the lab prints, in stack order.
std::vector<double> params(const TraceLine& t) {
  std::vector<double> out;
  const std::string v = t.text("params");
  size_t i = 0;
  while (i < v.size()) {
    const size_t j = std::min(v.find(',', i), v.size());
    out.push_back(std::stod(v.substr(i, j - i)));
    i = j + 1;
  }
  return out;
}

// Pixel row of data value x in the curve panel (x from xMin at the bottom to xMax at the top).
int rowOf(const Box& curve, double x, double xMin, double xMax) {
  return int(std::lround(curve.y1 - (x - xMin) / (xMax - xMin) * (curve.y1 - curve.y0)));
}

// The tooltip near the pointer (Dear ImGui puts it right of or below the pointer, whichever fits):
// found as the bounding box of the tooltip background, its text must contrast with it.
void expectReadableTooltip(Journey& j, Point at, const std::string& name) {
  j.hover(at);
  const PngImage img = j.capture(j.dir() + "/" + name + ".png");
  constexpr std::array<int, 3> kTooltipBg{20, 20, 26};  // theme::kTooltipBg (0.08, 0.08, 0.10)
  // Rows and columns holding many pixels of the box colour (a stray dark pixel elsewhere is no box).
  const int ax = std::max(0, at.x - 40), bx = std::min(img.width, at.x + 600);
  const int ay = std::max(0, at.y - 40), by = std::min(img.height, at.y + 120);
  std::vector<int> rows(by - ay, 0), cols(bx - ax, 0);
  for (int y = ay; y < by; ++y)
    for (int x = ax; x < bx; ++x)
      if (near(img.at(x, y), kTooltipBg, 4)) ++rows[y - ay], ++cols[x - ax];
  int x0 = img.width, y0 = img.height, x1 = -1, y1 = -1, n = 0;
  for (int y = ay; y < by; ++y)
    if (rows[y - ay] >= 30) y0 = std::min(y0, y), y1 = std::max(y1, y), n += rows[y - ay];
  for (int x = ax; x < bx; ++x)
    if (cols[x - ax] >= 5) x0 = std::min(x0, x), x1 = std::max(x1, x);
  ASSERT_GT(n, 500) << name << ": no tooltip box near " << at.x << "," << at.y;
  const auto [bg, ink] = backgroundAndInk(img, x0, y0, x1 + 1, y1 + 1);
  EXPECT_GE(contrastRatio(bg, ink), 7.0) << name << ": box " << bg[0] << "," << bg[1] << "," << bg[2] << " text "
                                         << ink[0] << "," << ink[1] << "," << ink[2];
  EXPECT_GT(countInk(img, x0, y0, x1 + 1, y1 + 1, bg, 60), 100) << name << ": no text in the tooltip";
  // Opaque: the box's own colour fills most of it (the white panel does not show through).
  EXPECT_GT(double(n) / ((x1 - x0 + 1) * (y1 - y0 + 1)), 0.5) << name;
}

class Lab1DJourney : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const std::string why = Journey::unavailable(); !why.empty()) GTEST_SKIP() << why;
  }
};

TEST_F(Lab1DJourney, DraggingTheLineMovesBAndPXThenCtrlZRestoresIt) {
  Journey j(JourneyOptions{1280, 800, {"--view", "1d", "--scene", kScenes + "affine_1d.json"}});  // x = 2z + 1
  ASSERT_TRUE(j.ready()) << j.error();
  ASSERT_TRUE(j.waitSettled());
  const TraceLine t0 = j.state();
  ASSERT_EQ(params(t0), (std::vector<double>{2, 1})) << t0.raw();
  const Point grab = t0.point("line0");  // the line at z = -2
  ASSERT_GT(grab.x, 0) << t0.raw();
  const Box data = box(t0, "panel_data");
  const double row0 = meanRow(j.capture(j.dir() + "/before.png"), data, kDataSpace, 12);
  ASSERT_FALSE(std::isnan(row0));

  j.drag(grab, Point{grab.x, grab.y - 60});
  ASSERT_TRUE(j.waitSettled());
  const TraceLine t1 = j.state();
  const auto p1 = params(t1);
  ASSERT_EQ(p1.size(), 2u) << t1.raw();
  EXPECT_EQ(p1[0], 2.0) << "a plain drag must not turn the line";
  // 60 px up in a curve panel of about 330 px for 16 units of x: b grows by about 2.9.
  EXPECT_GT(p1[1], 2.5) << t1.raw();
  EXPECT_EQ(t1.text("dragging"), "0");
  // The line moved with the pointer, and p_X moved up the x axis with it.
  EXPECT_NEAR(t1.point("line0").y, grab.y - 60, 3);
  const double row1 = meanRow(j.capture(j.dir() + "/after.png"), data, kDataSpace, 12);
  EXPECT_LT(row1, row0 - 30) << "p_X pixels did not follow b";

  j.key("ctrl+z");
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return params(t) == std::vector<double>{2, 1}; }, 5))
      << j.state().raw();
  EXPECT_NEAR(j.state().point("line0").y, grab.y, 1);
}

TEST_F(Lab1DJourney, ShiftDragTurnsTheLineWithoutRescalingPZAndMarksTheClippedSpike) {
  Journey j(JourneyOptions{1280, 800, {"--view", "1d", "--scene", kScenes + "affine_1d.json"}});
  ASSERT_TRUE(j.ready()) << j.error();
  ASSERT_TRUE(j.waitSettled());
  const TraceLine t0 = j.state();
  const Point grab = t0.point("line1");  // the line at z = 2: x = 5
  const Box curve = box(t0, "panel_curve"), base = box(t0, "panel_base");
  ASSERT_TRUE(curve.ok() && base.ok()) << t0.raw();
  EXPECT_EQ(t0.number("pz_px_per_unit"), t0.number("px_px_per_unit"));
  EXPECT_EQ(t0.number("px_clipped"), 0);
  const int peakColumn = int(std::lround((base.x0 + base.x1) / 2));  // z = 0 (z from -4 to 4)
  const int peak0 = topRow(j.capture(j.dir() + "/before.png"), base, peakColumn, kBaseSpace, 20);
  ASSERT_GT(peak0, base.y0);

  // Shift+drag the point at z = 2 down to x = 2: the slope goes from 2 to 0.5, b stays 1.
  const Point to{grab.x, rowOf(curve, 2.0, -7, 9)};
  j.drag(grab, to, "shift");
  ASSERT_TRUE(j.waitSettled());
  const TraceLine t1 = j.state();
  const auto p1 = params(t1);
  ASSERT_EQ(p1.size(), 2u) << t1.raw();
  EXPECT_NEAR(p1[0], 0.5, 0.08) << t1.raw();
  EXPECT_EQ(p1[1], 1.0) << "Shift+drag turns the line about (0, b)";
  // p_Z is drawn exactly as before, in every frame of the drag: same pixels per unit of density,
  // the same in both panels; and the same peak height in pixels afterwards.
  int frames = 0, dragging = 0;
  for (const std::string& line : j.outputLines("trace ")) {
    const TraceLine t(line);
    if (!t.has("pz_px_per_unit")) continue;
    ++frames;
    dragging += t.text("dragging") == "1";
    EXPECT_EQ(t.text("pz_px_per_unit"), t0.text("pz_px_per_unit")) << "frame " << t.text("frame");
    EXPECT_EQ(t.text("px_px_per_unit"), t0.text("pz_px_per_unit")) << "frame " << t.text("frame");
  }
  EXPECT_GE(dragging, 5) << "frames drawn while dragging, of " << frames;
  EXPECT_EQ(t1.text("pz_px_per_unit"), t0.text("pz_px_per_unit"));
  EXPECT_EQ(t1.text("px_px_per_unit"), t0.text("pz_px_per_unit"));
  const PngImage after = j.capture(j.dir() + "/after.png");
  EXPECT_NEAR(topRow(after, base, peakColumn, kBaseSpace, 20), peak0, 1);
  // p_X now peaks at 0.8, beyond its panel: one clip mark, at x = b, drawn in the warning colour.
  ASSERT_EQ(t1.number("px_clipped"), 1) << t1.raw();
  const Point mark = t1.point("clip0");
  EXPECT_NEAR(mark.y, rowOf(curve, 1.0, -7, 9), 3);
  int red = 0;
  for (int y = mark.y - 6; y <= mark.y + 6; ++y)
    for (int x = mark.x; x <= mark.x + 14; ++x) red += near(after.at(x, y), kInvalid, 30);
  EXPECT_GT(red, 20) << "no clip mark drawn at " << mark.x << "," << mark.y;
}

TEST_F(Lab1DJourney, DraggingASplineKnotMovesItAndCtrlZRestoresIt) {
  Journey j(JourneyOptions{1280, 800, {"--view", "1d", "--scene", kScenes + "bimodal_spline_1d.json"}});
  ASSERT_TRUE(j.ready()) << j.error();
  ASSERT_TRUE(j.waitSettled());
  const TraceLine t0 = j.state();
  const auto before = params(t0);
  ASSERT_EQ(before.size(), 15u) << t0.raw();  // 5 knots: z, x, derivative each
  const Point knot = t0.point("knot3");       // (z, x) = (1, 2.5)
  ASSERT_GT(knot.x, 0) << t0.raw();
  j.drag(knot, Point{knot.x, knot.y - 25});
  ASSERT_TRUE(j.waitSettled());
  const TraceLine t1 = j.state();
  const auto after = params(t1);
  ASSERT_EQ(after.size(), 15u);
  EXPECT_GT(after[10], before[10] + 0.5) << "knot 4's x did not follow the pointer";
  EXPECT_NEAR(after[9], before[9], 0.1) << "a vertical drag barely moves z";
  EXPECT_NEAR(t1.point("knot3").y, knot.y - 25, 2);
  EXPECT_EQ(t1.text("valid"), "1");
  j.key("ctrl+z");
  ASSERT_TRUE(j.waitFor([&](const TraceLine& t) { return params(t) == before; }, 5)) << j.state().raw();
  EXPECT_EQ(j.state().point("knot3").y, knot.y);
}

TEST_F(Lab1DJourney, TooltipOverTheAffineLineIsReadable) {
  Journey j(JourneyOptions{1280, 800, {"--view", "1d", "--scene", kScenes + "affine_1d.json"}});
  ASSERT_TRUE(j.ready()) << j.error();
  ASSERT_TRUE(j.waitSettled());
  const Point on = j.state().point("line0");
  ASSERT_GT(on.x, 0) << j.state().raw();
  expectReadableTooltip(j, on, "line_tooltip");
}

TEST_F(Lab1DJourney, TooltipOverASplineKnotIsReadable) {
  Journey j(JourneyOptions{1280, 800, {"--view", "1d", "--scene", kScenes + "bimodal_spline_1d.json"}});
  ASSERT_TRUE(j.ready()) << j.error();
  ASSERT_TRUE(j.waitSettled());
  const Point knot = j.state().point("knot1");
  ASSERT_GT(knot.x, 0) << j.state().raw();
  expectReadableTooltip(j, knot, "knot_tooltip");
}

TEST_F(Lab1DJourney, TheWholeReadoutFitsItsBoxOnASmallScreen) {
  // Two layers: the longest readout of the bundled scenes, at the smallest supported size.
  Journey j(JourneyOptions{1024, 768, {"--view", "1d", "--scene", kScenes + "composition_1d.json"}});
  ASSERT_TRUE(j.ready()) << j.error();
  ASSERT_TRUE(j.waitSettled());
  const Box curve = box(j.state(), "panel_curve"), readout = box(j.state(), "readout");
  ASSERT_TRUE(curve.ok() && readout.ok()) << j.state().raw();
  j.hover(Point{int(curve.x0 + (curve.x1 - curve.x0) * 0.55), int((curve.y0 + curve.y1) / 2)});
  const TraceLine t = j.state();
  EXPECT_EQ(t.number("readout_overflow"), 0) << t.raw();
  EXPECT_EQ(t.number("layout_problems"), 0) << t.text("layout_problem");
  // Text reaches the box's last lines (the per-layer terms), and none runs into its right edge.
  const PngImage img = j.capture(j.dir() + "/readout.png");
  const std::array<int, 3> white{255, 255, 255};
  const int mid = int(readout.y0 + (readout.y1 - readout.y0) * 0.45);
  EXPECT_GT(countInk(img, int(readout.x0) + 3, mid, int(readout.x1) - 3, int(readout.y1) - 3, white, 80), 100)
      << "the lower half of the readout is empty: no hover terms";
  EXPECT_EQ(countInk(img, int(readout.x1) - 6, int(readout.y0) + 3, int(readout.x1) - 2, int(readout.y1) - 3, white, 80),
            0)
      << "text touches the readout's right edge";
}

}  // namespace
}  // namespace flowlab::test
