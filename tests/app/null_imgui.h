// A Dear ImGui context with no window and no GL (ImGui 1.86 example_null recipe), so panels can be
// driven and inspected in unit tests: build the atlas, set the display size, run frames.
#pragma once

#include <functional>

#include <imgui.h>

namespace flowlab::test {

class NullImGui {
 public:
  explicit NullImGui(float width = 1400, float height = 900) {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(width, height);
    io.DeltaTime = 1.0f / 60.0f;
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  }
  ~NullImGui() { ImGui::DestroyContext(); }
  NullImGui(const NullImGui&) = delete;
  NullImGui& operator=(const NullImGui&) = delete;

  // One frame around `ui`.
  void frame(const std::function<void()>& ui) {
    ImGui::NewFrame();
    ui();
    ImGui::Render();
  }
  // Presses `key` (GLFW numbering) for one frame, with Ctrl held if asked, then releases it.
  void pressKey(int key, bool ctrl, const std::function<void()>& ui) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeysDown[key] = true;
    io.KeyCtrl = ctrl;
    frame(ui);
    io.KeysDown[key] = false;
    io.KeyCtrl = false;
    frame(ui);
  }
};

}  // namespace flowlab::test
