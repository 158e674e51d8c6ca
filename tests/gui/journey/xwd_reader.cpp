#include "tests/gui/journey/xwd_reader.h"

#include <cstdint>
#include <fstream>
#include <iterator>
#include <vector>

namespace flowlab::test {
namespace {

// XWD headers are 25 big-endian 32-bit words (X11/XWDFile.h), then the window name.
std::uint32_t word(const std::vector<unsigned char>& b, size_t i) {
  const size_t o = i * 4;
  return (std::uint32_t(b[o]) << 24) | (std::uint32_t(b[o + 1]) << 16) | (std::uint32_t(b[o + 2]) << 8) | b[o + 3];
}

int shiftOf(std::uint32_t mask) {
  int s = 0;
  while (mask && !(mask & 1u)) mask >>= 1, ++s;
  return s;
}

}  // namespace

PngImage readXwd(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  const std::vector<unsigned char> b((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (b.size() < 100) return {};
  const std::uint32_t headerSize = word(b, 0), format = word(b, 2), width = word(b, 4), height = word(b, 5),
                      byteOrder = word(b, 7), bitsPerPixel = word(b, 11), bytesPerLine = word(b, 12),
                      redMask = word(b, 14), greenMask = word(b, 15), blueMask = word(b, 16), colours = word(b, 19);
  if (format != 2 /* ZPixmap */ || (bitsPerPixel != 32 && bitsPerPixel != 24) || width == 0 || height == 0) return {};
  const size_t start = size_t(headerSize) + size_t(colours) * 12;
  if (b.size() < start + size_t(bytesPerLine) * height) return {};
  PngImage img;
  img.width = static_cast<int>(width);
  img.height = static_cast<int>(height);
  img.rgb.resize(size_t(width) * height * 3);
  const int bytes = static_cast<int>(bitsPerPixel / 8);
  for (std::uint32_t y = 0; y < height; ++y)
    for (std::uint32_t x = 0; x < width; ++x) {
      const unsigned char* p = &b[start + size_t(y) * bytesPerLine + size_t(x) * bytes];
      std::uint32_t v = 0;
      for (int k = 0; k < bytes; ++k) v |= std::uint32_t(byteOrder == 0 ? p[k] : p[bytes - 1 - k]) << (8 * k);
      unsigned char* out = &img.rgb[(size_t(y) * width + x) * 3];
      out[0] = static_cast<unsigned char>((v & redMask) >> shiftOf(redMask));
      out[1] = static_cast<unsigned char>((v & greenMask) >> shiftOf(greenMask));
      out[2] = static_cast<unsigned char>((v & blueMask) >> shiftOf(blueMask));
    }
  return img;
}

}  // namespace flowlab::test
