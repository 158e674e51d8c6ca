// Per-user settings that survive restarts: window geometry and panel state.
// Stored as JSON in configDir()/settings.json, never in the working directory.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace flowlab::app {

struct Settings {
  int windowX = -1, windowY = -1;
  int windowWidth = 1400, windowHeight = 900;
  bool windowMaximized = false;
  bool sidebarVisible = true;
  float sidebarWidthEm = 24.0f;  // in multiples of the font size
  float uiScale = 1.0f;          // on top of the monitor's content scale
  std::string view = "welcome";
  std::string lastScene;
  std::vector<std::string> recentFiles;  // scene files opened or saved, newest first (File > Open recent)
  static constexpr std::size_t kMaxRecent = 8;
};

// Puts `path` first in the recent files (once), dropping the oldest beyond kMaxRecent.
void addRecentFile(Settings& settings, const std::string& path);

// Missing or unreadable file: defaults (and a note in `warning` when the file was malformed).
Settings loadSettings(const std::filesystem::path& file, std::string* warning = nullptr);
bool saveSettings(const std::filesystem::path& file, const Settings& settings);

}  // namespace flowlab::app
