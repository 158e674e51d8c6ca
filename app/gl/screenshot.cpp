#include "app/gl/screenshot.h"

#include <glad/gl.h>
#include <stb_image_write.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include "core/io/atomic_write.h"

#include <unistd.h>

namespace flowlab::app {

FramePixels readFramebuffer(int width, int height) {
  FramePixels out;
  out.width = width;
  out.height = height;
  std::vector<unsigned char> pixels(static_cast<size_t>(width) * height * 3);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
  // GL's origin is bottom-left; PNG rows go top to bottom.
  out.rgb.resize(pixels.size());
  const size_t row = static_cast<size_t>(width) * 3;
  for (int y = 0; y < height; ++y) std::memcpy(&out.rgb[y * row], &pixels[(height - 1 - y) * row], row);
  return out;
}

std::vector<unsigned char> encodePng(const FramePixels& p) {
  std::vector<unsigned char> bytes;
  auto append = [](void* context, void* data, int size) {
    auto* out = static_cast<std::vector<unsigned char>*>(context);
    const auto* b = static_cast<const unsigned char*>(data);
    out->insert(out->end(), b, b + size);
  };
  if (!stbi_write_png_to_func(append, &bytes, p.width, p.height, 3, p.rgb.data(), p.width * 3)) bytes.clear();
  return bytes;
}

std::string saveFramebufferPng(const std::string& path, int width, int height) {
  return writePngFile(path, readFramebuffer(width, height));
}

std::string writePngFile(const std::string& path, const FramePixels& pixels) {
  const std::vector<unsigned char> png = encodePng(pixels);
  if (png.empty()) return "cannot encode screenshot " + path + " as PNG";
  // Atomic: a failed write (full disk, a kill) leaves any previous file at `path` as it was.
  const Status s = writeFileAtomically(path, [&png](std::FILE* f) {
    return std::fwrite(png.data(), 1, png.size(), f) == png.size();
  });
  return s.ok() ? std::string() : "cannot write screenshot " + s.message();
}

bool canWriteFile(const std::string& path, std::string* why) {
  namespace fs = std::filesystem;
  const fs::path p(path);
  std::error_code ec;
  if (fs::is_directory(p, ec)) {
    if (why) *why = path + " is a directory";
    return false;
  }
  if (fs::exists(p, ec)) {
    if (access(path.c_str(), W_OK) != 0) {
      if (why) *why = path + ": " + std::strerror(errno);
      return false;
    }
    return true;
  }
  const fs::path dir = p.has_parent_path() ? p.parent_path() : fs::path(".");
  if (!fs::is_directory(dir, ec)) {
    if (why) *why = "folder " + dir.string() + " does not exist";
    return false;
  }
  if (access(dir.c_str(), W_OK) != 0) {
    if (why) *why = "folder " + dir.string() + " is not writable: " + std::strerror(errno);
    return false;
  }
  return true;
}

}  // namespace flowlab::app
