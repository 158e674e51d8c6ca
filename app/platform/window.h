// The one place that talks to GLFW: a window with an OpenGL 3.3 core context and Dear ImGui
// initialised on it. Failures come back as a message, never as a raw GLFW error dump.
#pragma once

#include <string>

#include <imgui.h>

struct GLFWwindow;

namespace flowlab::app {

struct WindowOptions {
  int width = 1400;
  int height = 900;
  int x = -1;  // -1: let the window manager place it
  int y = -1;
  bool maximized = false;
  bool visible = true;
  std::string title = "FlowLab";
};

class Window {
 public:
  // Opens the window and initialises GL, glad and ImGui. On failure ok() is false and error()
  // says what is missing in one line.
  explicit Window(const WindowOptions& options);
  ~Window();
  Window(const Window&) = delete;
  Window& operator=(const Window&) = delete;

  bool ok() const { return window_ != nullptr; }
  const std::string& error() const { return error_; }
  GLFWwindow* handle() const { return window_; }

  bool shouldClose() const;
  void requestClose();
  // The close button was pressed but the app asks first (unsaved changes): keep the window open.
  void cancelClose();
  // The title bar's text (UTF-8); only sent to the window system when it changes.
  void setTitle(const std::string& title);
  // Polls when `poll`, else sleeps until an event arrives (input, resize, or wake()).
  void pumpEvents(bool poll);
  // Sleeps until an event arrives or `seconds` pass (a recording's frame clock).
  void pumpEventsFor(double seconds);
  // True once since the last call if any input or window event arrived.
  bool takeEventSeen();
  // Wakes a sleeping pumpEvents from any thread (background work finished).
  static void wake();
  // Re-uploads ImGui's font atlas after it was rebuilt (text size changes): without this the
  // atlas's texture id is 0 and every glyph samples nothing.
  void reloadFontTexture();
  // `ignorePointer` hides the mouse from ImGui (scripted screenshots must not depend on it).
  void beginFrame(bool ignorePointer = false);
  // A frame that does not follow the clock or the window: `displaySize` in pixels (an export at
  // 2x draws the same layout twice as large), `deltaSeconds` of animation (a recording's fixed
  // step; 0 keeps the clock's). The pointer is ignored.
  void beginFrameAs(ImVec2 displaySize, double deltaSeconds);
  const float* clearColour() const { return clear_; }
  void endFrame();  // renders ImGui draw data; call readPixels before swap()
  // The colour under every window: the canvas's, so the canvas needs no background of its own
  // (with software GL a full-window fill is a large share of a frame).
  void setClearColour(float r, float g, float b) { clear_[0] = r, clear_[1] = g, clear_[2] = b; }
  // Full screen on the primary monitor at its current mode, or back to the previous geometry.
  void setFullscreen(bool on);
  bool fullscreen() const { return fullscreen_; }
  void swap();

  float contentScale() const;
  void framebufferSize(int& w, int& h) const;
  void geometry(int& x, int& y, int& w, int& h, bool& maximized) const;
  std::string glRenderer() const;
  std::string glVersion() const;

 private:
  GLFWwindow* window_ = nullptr;
  std::string error_;
  bool imguiReady_ = false;
  float clear_[3] = {0.09f, 0.10f, 0.12f};
  bool fullscreen_ = false;
  std::string title_;
  int restore_[4] = {0, 0, 0, 0};  // x, y, width, height before full screen
};

}  // namespace flowlab::app
