#include "app/plot/plot_frame.h"

#include <gtest/gtest.h>

#include <cmath>

namespace flowlab::app {
namespace {

TEST(PlotFrame, ToPixelsAndToDataAreInverse) {
  const PlotFrame f(ImVec2(100, 50), ImVec2(500, 350), Range{-4, 4}, Range{0, 0.5});
  const ImVec2 p = f.toPixels(-4, 0);
  EXPECT_FLOAT_EQ(p.x, 100);
  EXPECT_FLOAT_EQ(p.y, 350);  // y grows upwards in data, downwards on screen
  const ImVec2 q = f.toPixels(4, 0.5);
  EXPECT_FLOAT_EQ(q.x, 500);
  EXPECT_FLOAT_EQ(q.y, 50);
  double x = 0, y = 0;
  f.toData(f.toPixels(1.25, 0.2), x, y);
  EXPECT_NEAR(x, 1.25, 1e-5);
  EXPECT_NEAR(y, 0.2, 1e-6);
  EXPECT_TRUE(f.contains(ImVec2(300, 200)));
  EXPECT_FALSE(f.contains(ImVec2(99, 200)));
}

TEST(PlotFrame, NiceTicksAreRoundAndInside) {
  const auto t = niceTicks(-3.7, 4.2, 6);
  ASSERT_GE(t.size(), 4u);
  for (double v : t) {
    EXPECT_GE(v, -3.7);
    EXPECT_LE(v, 4.2);
    EXPECT_NEAR(std::remainder(v, t[1] - t[0]), 0.0, 1e-9);
  }
  EXPECT_DOUBLE_EQ(t[1] - t[0], 1.0);
  EXPECT_TRUE(niceTicks(1.0, 1.0).empty());
  EXPECT_TRUE(niceTicks(0.0, std::nan("")).empty());
}

TEST(PlotFrame, FormatValueReadsLikeAnAxisLabel) {
  EXPECT_EQ(formatValue(0.0), "0");
  EXPECT_EQ(formatValue(0.25), "0.25");
  EXPECT_EQ(formatValue(1200.0), "1200");
  EXPECT_EQ(formatValue(2.5e-5), "2.50e-05");
  EXPECT_EQ(formatValue(std::nan("")), "NaN");
}

TEST(PlotFrame, NegativeTicksCarryOneTrueMinusSign) {
  // An ASCII hyphen right after a tick mark read as "--2" on the colour bar.
  EXPECT_EQ(formatValue(-2.0), "−2");
  EXPECT_EQ(formatValue(-0.25), "−0.25");
  EXPECT_EQ(formatValue(-1200.0), "−1200");
  EXPECT_EQ(formatValue(-2.5e-5), "−2.50e-05");
  EXPECT_EQ(formatValue(-INFINITY), "−inf");
  for (double t : niceTicks(-9.0, -0.5, 5)) {
    const std::string s = formatValue(t);
    EXPECT_EQ(s.find('-'), std::string::npos) << s;
    EXPECT_EQ(s.rfind("−", 0), 0u) << s;
  }
}

}  // namespace
}  // namespace flowlab::app
