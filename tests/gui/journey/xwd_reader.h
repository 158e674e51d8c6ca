// Reads an X window dump (xwd -root) into RGB pixels: how journeys capture the display without
// asking the app, so a capture shows exactly what a person would see.
#pragma once

#include <string>

#include "tests/gui/png_image.h"

namespace flowlab::test {

// TrueColor dumps of depth 24 or 32 (what Xvfb gives); an empty image on anything else.
PngImage readXwd(const std::string& path);

}  // namespace flowlab::test
