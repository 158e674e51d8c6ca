#include "app/platform/config_paths.h"

#include <cstdlib>
#include <system_error>

#include <unistd.h>

namespace fs = std::filesystem;

namespace flowlab::app {
namespace {

fs::path executableDir() {
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : self.parent_path();
}

}  // namespace

fs::path configDir() {
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg) return fs::path(xdg) / "flowlab";
  if (const char* home = std::getenv("HOME"); home && *home) return fs::path(home) / ".config" / "flowlab";
  return fs::temp_directory_path() / "flowlab-config";
}

bool ensureConfigDir() {
  std::error_code ec;
  fs::create_directories(configDir(), ec);
  return !ec;
}

fs::path dataDir() {
  if (const char* env = std::getenv("FLOWLAB_DATA_DIR"); env && *env) return env;
  const fs::path installed = executableDir() / ".." / "share" / "flowlab";
  if (fs::exists(installed / "shaders")) return installed;
  return FLOWLAB_SOURCE_DIR;
}

fs::path findUiFont() {
  const char* candidates[] = {
      "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
      "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
      "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
  };
  for (const char* c : candidates)
    if (access(c, R_OK) == 0) return c;
  return {};
}

}  // namespace flowlab::app
