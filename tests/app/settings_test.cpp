#include "app/platform/settings.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "app/platform/config_paths.h"

namespace flowlab::app {
namespace {

std::filesystem::path tempFile(const char* name) {
  return std::filesystem::temp_directory_path() / (std::string("flowlab_settings_test_") + name);
}

TEST(Settings, RoundTripsThroughTheFile) {
  Settings s;
  s.windowX = 10;
  s.windowY = 20;
  s.windowWidth = 1234;
  s.windowHeight = 777;
  s.sidebarVisible = false;
  s.uiScale = 1.5f;
  s.view = "2d";
  s.lastScene = "/tmp/x.json";
  const auto f = tempFile("roundtrip.json");
  ASSERT_TRUE(saveSettings(f, s));
  const Settings r = loadSettings(f);
  EXPECT_EQ(r.windowX, 10);
  EXPECT_EQ(r.windowWidth, 1234);
  EXPECT_EQ(r.windowHeight, 777);
  EXPECT_FALSE(r.sidebarVisible);
  EXPECT_FLOAT_EQ(r.uiScale, 1.5f);
  EXPECT_EQ(r.view, "2d");
  EXPECT_EQ(r.lastScene, "/tmp/x.json");
}

TEST(Settings, MalformedFileGivesDefaultsAndAWarning) {
  const auto f = tempFile("bad.json");
  std::ofstream(f) << "{ not json";
  std::string warning;
  const Settings r = loadSettings(f, &warning);
  EXPECT_EQ(r.windowWidth, Settings{}.windowWidth);
  EXPECT_NE(warning.find("malformed"), std::string::npos);
}

TEST(Settings, OutOfRangeValuesFallBackToDefaults) {
  const auto f = tempFile("range.json");
  std::ofstream(f) << R"({"window_width": 5, "window_height": 5, "ui_scale": 99, "view": 3})";
  const Settings r = loadSettings(f);
  EXPECT_EQ(r.windowWidth, Settings{}.windowWidth);
  EXPECT_FLOAT_EQ(r.uiScale, 1.0f);
  EXPECT_EQ(r.view, "welcome");  // wrongly typed field keeps its default
}

TEST(ConfigPaths, FollowXdgConfigHome) {
  setenv("XDG_CONFIG_HOME", "/tmp/flowlab-xdg-test", 1);
  EXPECT_EQ(configDir(), std::filesystem::path("/tmp/flowlab-xdg-test/flowlab"));
  unsetenv("XDG_CONFIG_HOME");
  setenv("HOME", "/tmp/flowlab-home-test", 1);
  EXPECT_EQ(configDir(), std::filesystem::path("/tmp/flowlab-home-test/.config/flowlab"));
}

}  // namespace
}  // namespace flowlab::app
