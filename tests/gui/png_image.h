// A decoded PNG for pixel assertions in GUI tests.
#pragma once

#include <array>
#include <string>
#include <vector>

namespace flowlab::test {

struct PngImage {
  int width = 0, height = 0;
  std::vector<unsigned char> rgb;  // row-major, top row first, 3 bytes a pixel
  bool ok() const { return width > 0 && height > 0; }
  std::array<int, 3> at(int x, int y) const {
    const size_t i = (static_cast<size_t>(y) * width + x) * 3;
    return {rgb[i], rgb[i + 1], rgb[i + 2]};
  }
  // Distinct colours in a rectangle (a blank region has one).
  int distinctColours(int x0, int y0, int x1, int y1) const;
  // Fraction of pixels in a rectangle within `tol` of `colour` per channel.
  double fractionNear(int x0, int y0, int x1, int y1, std::array<int, 3> colour, int tol) const;
};

PngImage loadPng(const std::string& path);

// Whether a display is available for tier-3 tests.
bool haveDisplay();

}  // namespace flowlab::test
