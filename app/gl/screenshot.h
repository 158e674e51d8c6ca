// Reads the back buffer and writes it as PNG (call after rendering, before swapping).
#pragma once

#include <string>

namespace flowlab::app {

// Returns an empty string on success, else a one-line error naming the path.
std::string saveFramebufferPng(const std::string& path, int width, int height);

// Whether `path` can be created or overwritten, checked before any window opens.
bool canWriteFile(const std::string& path, std::string* why);

}  // namespace flowlab::app
