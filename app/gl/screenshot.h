// Reads the back buffer and writes it as PNG (call after rendering, before swapping).
#pragma once

#include <string>
#include <vector>

namespace flowlab::app {

// Pixels read from the framebuffer, top row first, 3 bytes a pixel.
struct FramePixels {
  int width = 0, height = 0;
  std::vector<unsigned char> rgb;
};

// Reads the back buffer (fast, on the GL thread); encoding and writing can happen elsewhere.
FramePixels readFramebuffer(int width, int height);

// PNG-encodes pixels in memory; empty on failure.
std::vector<unsigned char> encodePng(const FramePixels& pixels);

// Returns an empty string on success, else a one-line error naming the path.
std::string saveFramebufferPng(const std::string& path, int width, int height);
// Encodes and writes pixels as PNG atomically (temporary file, flush, rename); "" or the error.
std::string writePngFile(const std::string& path, const FramePixels& pixels);

// Whether `path` can be created or overwritten, checked before any window opens.
bool canWriteFile(const std::string& path, std::string* why);

}  // namespace flowlab::app
