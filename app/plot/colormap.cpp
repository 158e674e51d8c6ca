#include "app/plot/colormap.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace flowlab::app {
namespace {

struct Lab {
  float L, a, b;
};

float toLinear(float c) { return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f); }
float toSrgb(float c) {
  c = std::clamp(c, 0.0f, 1.0f);
  return c <= 0.0031308f ? 12.92f * c : 1.055f * std::pow(c, 1.0f / 2.4f) - 0.055f;
}

// Björn Ottosson's OKLab (2020), via linear sRGB and LMS.
Lab toOklab(const Rgb& c) {
  const float r = toLinear(c.r), g = toLinear(c.g), b = toLinear(c.b);
  const float l = std::cbrt(0.4122214708f * r + 0.5363325363f * g + 0.0514459929f * b);
  const float m = std::cbrt(0.2119034982f * r + 0.6806995451f * g + 0.1073969566f * b);
  const float s = std::cbrt(0.0883024619f * r + 0.2817188376f * g + 0.6299787005f * b);
  return {0.2104542553f * l + 0.7936177850f * m - 0.0040720468f * s,
          1.9779984951f * l - 2.4285922050f * m + 0.4505937099f * s,
          0.0259040371f * l + 0.7827717662f * m - 0.8086757660f * s};
}

Rgb fromOklab(const Lab& c) {
  const float l = c.L + 0.3963377774f * c.a + 0.2158037573f * c.b;
  const float m = c.L - 0.1055613458f * c.a - 0.0638541728f * c.b;
  const float s = c.L - 0.0894841775f * c.a - 1.2914855480f * c.b;
  const float l3 = l * l * l, m3 = m * m * m, s3 = s * s * s;
  return {toSrgb(4.0767416621f * l3 - 3.3077115913f * m3 + 0.2309699292f * s3),
          toSrgb(-1.2684380046f * l3 + 2.6097574011f * m3 - 0.3413193965f * s3),
          toSrgb(-0.0041960863f * l3 - 0.7034186147f * m3 + 1.7076147010f * s3)};
}

Rgb hex(unsigned v) { return {((v >> 16) & 255) / 255.0f, ((v >> 8) & 255) / 255.0f, (v & 255) / 255.0f}; }

std::array<Rgb, 256> build(const std::vector<Rgb>& anchors, bool linearLightness) {
  std::vector<Lab> labs;
  for (const Rgb& c : anchors) labs.push_back(toOklab(c));
  std::array<Rgb, 256> table{};
  const int segments = static_cast<int>(labs.size()) - 1;
  for (int i = 0; i < 256; ++i) {
    const float t = i / 255.0f;
    const float pos = t * segments;
    const int k = std::min(segments - 1, static_cast<int>(pos));
    const float u = pos - k;
    Lab c{labs[k].L + u * (labs[k + 1].L - labs[k].L), labs[k].a + u * (labs[k + 1].a - labs[k].a),
          labs[k].b + u * (labs[k + 1].b - labs[k].b)};
    // Lightness as a straight ramp from the first to the last anchor: monotone, so perceptual order holds.
    if (linearLightness) c.L = labs.front().L + t * (labs.back().L - labs.front().L);
    table[i] = fromOklab(c);
  }
  return table;
}

}  // namespace

const std::array<Rgb, 256>& colormapTable(ColormapKind kind) {
  static const std::array<Rgb, 256> sequential =
      build({hex(0x140d36), hex(0x2d2f8f), hex(0x1b6fa0), hex(0x1fa187), hex(0x8fd14f), hex(0xf7e85a)}, true);
  // Blue and red share lightness, so contraction and expansion are equally loud.
  static const std::array<Rgb, 256> diverging =
      build({hex(0x2b5aa8), hex(0x8fb3de), hex(0xf7f7f7), hex(0xe8998a), hex(0xb3263a)}, false);
  return kind == ColormapKind::Sequential ? sequential : diverging;
}

std::uint32_t colormapColour(ColormapKind kind, double t, float alpha) {
  Rgb c{0.5f, 0.5f, 0.5f};
  if (!std::isnan(t)) c = colormapTable(kind)[static_cast<int>(std::lround(std::clamp(t, 0.0, 1.0) * 255.0))];
  auto byte = [](float v) { return static_cast<std::uint32_t>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f)); };
  return byte(c.r) | (byte(c.g) << 8) | (byte(c.b) << 16) | (byte(alpha) << 24);
}

float oklabLightness(const Rgb& c) { return toOklab(c).L; }

}  // namespace flowlab::app
