// Loads an example scene from assets/scenes for the eval tests.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "core/scene/scene_file.h"

namespace flowlab::test {

inline Flow exampleFlow(const std::string& name) {
  const Expected<SceneFile> s = loadSceneFile(std::string(FLOWLAB_SOURCE_DIR) + "/assets/scenes/" + name);
  EXPECT_TRUE(s.ok()) << s.status.message();
  return s.value.flow;
}

}  // namespace flowlab::test
