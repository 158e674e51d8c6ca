#include "app/plot/colormap.h"

#include <gtest/gtest.h>

#include <cmath>

namespace flowlab::app {
namespace {

TEST(Colormap, SequentialLightnessRisesInEqualSteps) {
  const auto& t = colormapTable(ColormapKind::Sequential);
  double minStep = 1e9, maxStep = 0;
  for (int i = 1; i < 256; ++i) {
    const double step = oklabLightness(t[i]) - oklabLightness(t[i - 1]);
    minStep = std::min(minStep, step);
    maxStep = std::max(maxStep, step);
  }
  EXPECT_GT(minStep, 0.0);            // strictly brighter: perceptual order
  EXPECT_LT(maxStep, 3.0 * minStep);  // and roughly uniform (gamut clipping allows a little)
  EXPECT_LT(oklabLightness(t.front()), 0.3f);
  EXPECT_GT(oklabLightness(t.back()), 0.85f);
}

TEST(Colormap, DivergingIsWhiteInTheMiddleBlueBelowRedAbove) {
  const auto& t = colormapTable(ColormapKind::Diverging);
  const Rgb mid = t[128];
  EXPECT_GT(mid.r, 0.93f);
  EXPECT_GT(mid.g, 0.93f);
  EXPECT_GT(mid.b, 0.93f);
  EXPECT_GT(t[0].b, t[0].r + 0.3f);      // contraction: blue
  EXPECT_GT(t[255].r, t[255].b + 0.3f);  // expansion: red
  // Symmetric in lightness, so neither side dominates.
  EXPECT_NEAR(oklabLightness(t[0]), oklabLightness(t[255]), 0.05);
}

TEST(Colormap, ColourPacksClampsAndMarksNan) {
  const std::uint32_t lo = colormapColour(ColormapKind::Diverging, -5.0);
  const std::uint32_t first = colormapColour(ColormapKind::Diverging, 0.0);
  EXPECT_EQ(lo, first);
  EXPECT_EQ(colormapColour(ColormapKind::Sequential, 0.5, 0.0f) >> 24, 0u);
  const std::uint32_t grey = colormapColour(ColormapKind::Sequential, std::nan(""));
  EXPECT_EQ(grey & 0xff, (grey >> 8) & 0xff);
}

}  // namespace
}  // namespace flowlab::app
