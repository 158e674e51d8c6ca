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

// Scenes of dimension `dim` (training scenes aside), sorted by file name; read once and cached.
const std::vector<Preset>& presets(int dim);

struct TrainingPreset {
  std::string title;        // "title", else "name", else the file stem
  int chapter = 0;          // "chapter", 0 when none
  std::string description;
  std::string path;
};
// The bundled training scenes (core/train/training_scene.h), sorted by chapter then file name.
// Only their titles are read here (no dataset is built); opening one checks it fully.
const std::vector<TrainingPreset>& trainingPresets();

}  // namespace flowlab::app
