#include "app/ui/lesson_catalog.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "app/platform/config_paths.h"

namespace flowlab::app {

const std::vector<Chapter>& chapters() {
  static const std::vector<Chapter> list = {
      {1, "Change of variables in 1D", "One map, one density: p_X(x) = p_Z(z) / |f'(z)|"},
      {2, "Composing flows", "Layers stack: their log-determinants add"},
      {3, "The Jacobian determinant in 2D", "How much each little square of the plane grows or shrinks"},
      {4, "Coupling layers", "Keep half, transform the rest: easy inverses, triangular Jacobians"},
      {5, "Training on two moons", "Maximum likelihood from the Gaussian baseline to the data's entropy"},
      {6, "The flow families", "NICE, RealNVP, Glow, MAF, IAF and spline flows compared"},
  };
  return list;
}

std::vector<Lesson> readLessons(const std::string& folder) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(folder, ec))
    if (e.path().extension() == ".json") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<Lesson> out;
  for (const auto& f : files) {
    std::ifstream in(f);
    const nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("chapter") || !j["chapter"].is_number_integer()) continue;
    const long long chapter = j["chapter"].get<long long>();
    if (chapter < 1 || chapter > 6) continue;
    Lesson l;
    l.chapter = int(chapter);
    if (j.contains("lesson") && j["lesson"].is_number_integer()) l.order = int(std::clamp<long long>(j["lesson"].get<long long>(), 0, 1000));
    for (const char* key : {"title", "name"})
      if (l.title.empty() && j.contains(key) && j[key].is_string()) l.title = j[key].get<std::string>();
    if (l.title.empty()) l.title = f.stem().string();
    if (j.contains("description") && j["description"].is_string()) l.description = j["description"].get<std::string>();
    l.path = f.string();
    out.push_back(std::move(l));
  }
  std::stable_sort(out.begin(), out.end(), [](const Lesson& a, const Lesson& b) {
    return a.chapter != b.chapter ? a.chapter < b.chapter : a.order < b.order;
  });
  return out;
}

const std::vector<Lesson>& lessons() {
  static const std::vector<Lesson> cache = readLessons((dataDir() / "assets" / "scenes").string());
  return cache;
}

}  // namespace flowlab::app
