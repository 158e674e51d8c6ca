#include "app/ui/preset_catalog.h"

#include <algorithm>
#include <filesystem>
#include <map>

#include "app/platform/config_paths.h"
#include "core/scene/scene_file.h"

namespace flowlab::app {

const std::vector<Preset>& presets(int dim) {
  static std::map<int, std::vector<Preset>> cache;
  if (auto it = cache.find(dim); it != cache.end()) return it->second;
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dataDir() / "assets" / "scenes", ec))
    if (e.path().extension() == ".json") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  std::vector<Preset>& out = cache[dim];
  for (const auto& f : files) {
    const auto scene = loadSceneFile(f);
    if (!scene.ok() || scene.value.dim != dim) continue;
    const std::string stem = std::filesystem::path(f).stem().string();
    out.push_back({scene.value.name.empty() ? stem : scene.value.name, scene.value.description, f});
  }
  return out;
}

}  // namespace flowlab::app
