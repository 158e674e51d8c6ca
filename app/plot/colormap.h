// Colormaps as 256-entry lookup tables, built by interpolating anchor colours in OKLab so equal
// steps in value look like equal steps in colour:
//   Sequential: dark blue-violet to yellow, lightness rising linearly (densities).
//   Diverging: blue - white - red (log|det J|: contraction blue, 0 white, expansion red).
#pragma once

#include <array>
#include <cstdint>

namespace flowlab::app {

enum class ColormapKind { Sequential, Diverging };

struct Rgb {
  float r, g, b;  // 0..1, sRGB
};

// The table for a kind: 256 entries, cached.
const std::array<Rgb, 256>& colormapTable(ColormapKind kind);
// Colour at t in [0, 1] (clamped; NaN gives mid-grey), as packed ImU32 with alpha.
std::uint32_t colormapColour(ColormapKind kind, double t, float alpha = 1.0f);

// OKLab lightness of an sRGB colour (0 black .. 1 white), used by tests of perceptual order.
float oklabLightness(const Rgb& c);

}  // namespace flowlab::app
