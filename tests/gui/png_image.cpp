#include "tests/gui/png_image.h"

#include <cstdlib>
#include <cstring>
#include <set>

#include <stb_image.h>

namespace flowlab::test {

PngImage loadPng(const std::string& path) {
  PngImage img;
  int n = 0;
  unsigned char* data = stbi_load(path.c_str(), &img.width, &img.height, &n, 3);
  if (!data) return PngImage{};
  img.rgb.assign(data, data + static_cast<size_t>(img.width) * img.height * 3);
  stbi_image_free(data);
  return img;
}

int PngImage::distinctColours(int x0, int y0, int x1, int y1) const {
  std::set<int> colours;
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x) {
      const auto c = at(x, y);
      colours.insert((c[0] << 16) | (c[1] << 8) | c[2]);
    }
  return static_cast<int>(colours.size());
}

double PngImage::fractionNear(int x0, int y0, int x1, int y1, std::array<int, 3> colour, int tol) const {
  long near = 0, total = 0;
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x) {
      const auto c = at(x, y);
      near += std::abs(c[0] - colour[0]) <= tol && std::abs(c[1] - colour[1]) <= tol &&
              std::abs(c[2] - colour[2]) <= tol;
      ++total;
    }
  return total ? double(near) / total : 0.0;
}

bool haveDisplay() {
  const char* d = std::getenv("DISPLAY");
  return d && *d;
}

}  // namespace flowlab::test
