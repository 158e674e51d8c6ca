// Loads the UI fonts at a size that follows the monitor's content scale.
#pragma once

#include <string>

namespace flowlab::app {

// (Re)builds the font atlas at `pixelSize`. Uses a TTF from a Debian font package when one is
// installed, else ImGui's built-in font; returns a note for the log when it falls back.
std::string loadFonts(float pixelSize);

}  // namespace flowlab::app
