// The fence between engine and app: no file under core/ may include a UI, windowing or GL header,
// or anything from app/. The compiler alone cannot enforce it (those headers are installed system
// wide), so this scans every source under core/ for such #include lines.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

// Headers core/ must never include: ImGui, GLFW, OpenGL (GL/, glad, KHR), anything in app/.
bool forbidden(const std::string& header) {
  static const std::regex pattern(R"((^|/)(imgui[^/]*|GLFW/.*|glfw[^/]*|GL/.*|OpenGL/.*|glad[^/]*/?.*|KHR/.*)$|^app/)",
                                  std::regex::icase);
  return std::regex_search(header, pattern);
}

std::vector<std::string> violations(const fs::path& root) {
  std::vector<std::string> out;
  static const std::regex include(R"(^\s*#\s*include\s*[<"]([^>"]+)[>"])");
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    const std::string ext = entry.path().extension().string();
    if (!entry.is_regular_file() || (ext != ".h" && ext != ".hpp" && ext != ".cpp" && ext != ".cc" && ext != ".inl"))
      continue;
    std::ifstream in(entry.path());
    int lineNo = 0;
    for (std::string line; std::getline(in, line);) {
      ++lineNo;
      std::smatch m;
      if (std::regex_search(line, m, include) && forbidden(m[1].str()))
        out.push_back(fs::relative(entry.path(), root.parent_path()).string() + ":" + std::to_string(lineNo) + ": " + line);
    }
  }
  return out;
}

TEST(CoreFence, TheRuleRecognisesEachForbiddenHeader) {
  for (const char* h : {"imgui.h", "imgui_internal.h", "third_party/imgui/imgui.h", "GLFW/glfw3.h", "GL/gl.h",
                        "glad/gl.h", "glad/glad.h", "KHR/khrplatform.h", "app/ui/view.h", "app/gl/screenshot.h"})
    EXPECT_TRUE(forbidden(h)) << h;
  for (const char* h : {"core/flow/flow.h", "Eigen/Dense", "nlohmann/json.hpp", "cmath", "core/scene/glob.h"})
    EXPECT_FALSE(forbidden(h)) << h;
}

TEST(CoreFence, NoFileUnderCoreIncludesUiGlOrAppHeaders) {
  const fs::path core = fs::path(FLOWLAB_SOURCE_DIR) / "core";
  ASSERT_TRUE(fs::is_directory(core));
  const std::vector<std::string> bad = violations(core);
  std::string list;
  for (const std::string& b : bad) list += "\n  " + b;
  EXPECT_TRUE(bad.empty()) << "core/ must not include UI, GL or app headers:" << list;
}

}  // namespace
