// Where FlowLab keeps per-user files and finds its read-only data (shaders, fonts, scenes).
#pragma once

#include <filesystem>
#include <string>

namespace flowlab::app {

// $XDG_CONFIG_HOME/flowlab, else ~/.config/flowlab. Created on demand by ensureConfigDir().
std::filesystem::path configDir();
bool ensureConfigDir();

// The folder holding shaders/ and assets/: $FLOWLAB_DATA_DIR if set, else next to the executable's
// install prefix (../share/flowlab), else the source tree the binary was built from.
std::filesystem::path dataDir();

// A TTF font from a Debian font package, or empty when none is installed.
std::filesystem::path findUiFont();

}  // namespace flowlab::app
