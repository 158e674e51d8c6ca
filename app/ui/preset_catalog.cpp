#include "app/ui/preset_catalog.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

#include "app/platform/config_paths.h"
#include "core/scene/scene_file.h"

namespace flowlab::app {

namespace {

std::vector<std::string> sceneFiles() {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dataDir() / "assets" / "scenes", ec))
    if (e.path().extension() == ".json") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

std::string stringField(const Json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

}  // namespace

const std::vector<Preset>& presets(int dim) {
  static std::map<int, std::vector<Preset>> cache;
  if (auto it = cache.find(dim); it != cache.end()) return it->second;
  std::vector<Preset>& out = cache[dim];
  for (const auto& f : sceneFiles()) {
    const auto scene = loadSceneFile(f);
    // A training scene with weights is a 2D flow too, but it opens in the Training view.
    if (!scene.ok() || scene.value.dim != dim || scene.value.extras.contains("training")) continue;
    const std::string stem = std::filesystem::path(f).stem().string();
    out.push_back({scene.value.name.empty() ? stem : scene.value.name, scene.value.description, f});
  }
  return out;
}

const std::vector<TrainingPreset>& trainingPresets() {
  static const std::vector<TrainingPreset> cache = [] {
    std::vector<TrainingPreset> out;
    for (const auto& f : sceneFiles()) {
      std::ifstream in(f);
      const Json j = Json::parse(in, nullptr, false);
      if (j.is_discarded() || !j.is_object() || !j.contains("training")) continue;
      TrainingPreset p;
      p.title = stringField(j, "title");
      if (p.title.empty()) p.title = stringField(j, "name");
      if (p.title.empty()) p.title = std::filesystem::path(f).stem().string();
      p.chapter = j.contains("chapter") && j["chapter"].is_number_integer() ? j["chapter"].get<int>() : 0;
      p.description = stringField(j, "description");
      p.path = f;
      out.push_back(std::move(p));
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const TrainingPreset& a, const TrainingPreset& b) { return a.chapter < b.chapter; });
    return out;
  }();
  return cache;
}

}  // namespace flowlab::app
