#include "app/platform/settings.h"

#include "core/io/atomic_write.h"

#include <algorithm>
#include <fstream>

#include <nlohmann/json.hpp>

namespace flowlab::app {

namespace {
template <class T>
void readField(const nlohmann::json& j, const char* key, T& out) {
  if (auto it = j.find(key); it != j.end()) {
    try {
      out = it->get<T>();
    } catch (const nlohmann::json::exception&) {
      // A wrongly typed field keeps its default; the rest of the file still applies.
    }
  }
}
}  // namespace

Settings loadSettings(const std::filesystem::path& file, std::string* warning) {
  Settings s;
  std::ifstream in(file);
  if (!in) return s;
  nlohmann::json j = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    if (warning) *warning = "ignored malformed settings file " + file.string();
    return s;
  }
  readField(j, "window_x", s.windowX);
  readField(j, "window_y", s.windowY);
  readField(j, "window_width", s.windowWidth);
  readField(j, "window_height", s.windowHeight);
  readField(j, "window_maximized", s.windowMaximized);
  readField(j, "sidebar_visible", s.sidebarVisible);
  readField(j, "sidebar_width_em", s.sidebarWidthEm);
  readField(j, "ui_scale", s.uiScale);
  readField(j, "view", s.view);
  readField(j, "last_scene", s.lastScene);
  std::vector<std::string> recent;
  readField(j, "recent_files", recent);
  for (auto it = recent.rbegin(); it != recent.rend(); ++it)
    if (!it->empty()) addRecentFile(s, *it);
  if (s.windowWidth < 320 || s.windowHeight < 240) {
    s.windowWidth = Settings{}.windowWidth;
    s.windowHeight = Settings{}.windowHeight;
  }
  if (!(s.uiScale >= 0.5f && s.uiScale <= 3.0f)) s.uiScale = 1.0f;
  if (!(s.sidebarWidthEm >= 12.0f && s.sidebarWidthEm <= 60.0f)) s.sidebarWidthEm = Settings{}.sidebarWidthEm;
  return s;
}

void addRecentFile(Settings& settings, const std::string& path) {
  auto& r = settings.recentFiles;
  r.erase(std::remove(r.begin(), r.end(), path), r.end());
  r.insert(r.begin(), path);
  if (r.size() > Settings::kMaxRecent) r.resize(Settings::kMaxRecent);
}

bool saveSettings(const std::filesystem::path& file, const Settings& s) {
  const nlohmann::json j = {
      {"window_x", s.windowX},         {"window_y", s.windowY},
      {"window_width", s.windowWidth}, {"window_height", s.windowHeight},
      {"window_maximized", s.windowMaximized},
      {"sidebar_visible", s.sidebarVisible},
      {"sidebar_width_em", s.sidebarWidthEm},
      {"ui_scale", s.uiScale},
      {"view", s.view},
      {"last_scene", s.lastScene},
      {"recent_files", s.recentFiles},
  };
  // Atomic (temporary beside it, fsync, rename): a crash or full disk mid-write keeps the old settings.
  return writeFileAtomically(file.string(), j.dump(2) + "\n").ok();
}

}  // namespace flowlab::app
