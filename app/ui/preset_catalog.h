// The bundled scenes (assets/scenes/*.json) offered as presets, by dimension.
#pragma once

#include <string>
#include <vector>

namespace flowlab::app {

struct Preset {
  std::string name;         // the scene's "name", else its file stem
  std::string description;  // the scene's "description"
  std::string path;
};

// Scenes of dimension `dim`, sorted by file name; read once and cached.
const std::vector<Preset>& presets(int dim);

}  // namespace flowlab::app
