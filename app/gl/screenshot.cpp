#include "app/gl/screenshot.h"

#include <glad/gl.h>
#include <stb_image_write.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include <unistd.h>

namespace flowlab::app {

std::string saveFramebufferPng(const std::string& path, int width, int height) {
  std::vector<unsigned char> pixels(static_cast<size_t>(width) * height * 3);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
  // GL's origin is bottom-left; PNG rows go top to bottom.
  std::vector<unsigned char> flipped(pixels.size());
  const size_t row = static_cast<size_t>(width) * 3;
  for (int y = 0; y < height; ++y)
    std::memcpy(&flipped[y * row], &pixels[(height - 1 - y) * row], row);
  if (!stbi_write_png(path.c_str(), width, height, 3, flipped.data(), static_cast<int>(row)))
    return "cannot write screenshot " + path + ": " + std::strerror(errno ? errno : EIO);
  return {};
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
