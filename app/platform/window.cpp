#include "app/platform/window.h"

#include <GLFW/glfw3.h>
#include <glad/gl.h>
#include <imgui.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>

#include <atomic>
#include <cfloat>
#include <cstring>

namespace flowlab::app {
namespace {

// GLFW reports errors through a callback; keep the last one for our own one-line message
// instead of letting it print.
std::string gLastGlfwError;
void onGlfwError(int /*code*/, const char* description) { gLastGlfwError = description ? description : ""; }

// Set by the input callbacks below (ImGui's backend chains to them), read by the main loop to
// decide whether the UI may go to sleep.
std::atomic<bool> gEventSeen{true};
void markKey(GLFWwindow*, int, int, int, int) { gEventSeen = true; }
void markChar(GLFWwindow*, unsigned) { gEventSeen = true; }
void markButton(GLFWwindow*, int, int, int) { gEventSeen = true; }
void markCursor(GLFWwindow*, double, double) { gEventSeen = true; }
void markScroll(GLFWwindow*, double, double) { gEventSeen = true; }
void markEnter(GLFWwindow*, int) { gEventSeen = true; }
void markFocus(GLFWwindow*, int) { gEventSeen = true; }
void markSize(GLFWwindow*, int, int) { gEventSeen = true; }
void markRefresh(GLFWwindow*) { gEventSeen = true; }

std::string describeOpenFailure() {
  const bool noDisplay = std::getenv("DISPLAY") == nullptr && std::getenv("WAYLAND_DISPLAY") == nullptr;
  if (noDisplay) return "no display: the DISPLAY environment variable is not set";
  if (!gLastGlfwError.empty()) return gLastGlfwError;
  return "the window system refused to open a window";
}

}  // namespace

Window::Window(const WindowOptions& options) {
  glfwSetErrorCallback(onGlfwError);
  if (!glfwInit()) {
    error_ = "cannot open a window: " + describeOpenFailure();
    return;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  glfwWindowHint(GLFW_VISIBLE, options.visible ? GLFW_TRUE : GLFW_FALSE);
  glfwWindowHint(GLFW_MAXIMIZED, options.maximized ? GLFW_TRUE : GLFW_FALSE);
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
  window_ = glfwCreateWindow(options.width, options.height, options.title.c_str(), nullptr, nullptr);
  if (!window_) {
    error_ = "cannot create an OpenGL 3.3 core context: " + describeOpenFailure();
    glfwTerminate();
    return;
  }
  if (options.x >= 0 && options.y >= 0 && !options.maximized) glfwSetWindowPos(window_, options.x, options.y);
  glfwMakeContextCurrent(window_);
  glfwSwapInterval(1);
  const int version = gladLoadGL(glfwGetProcAddress);
  // Asking for 3.3 core may give a newer context (llvmpipe gives 4.5): check >=, not ==.
  if (version == 0 || GLAD_VERSION_MAJOR(version) * 10 + GLAD_VERSION_MINOR(version) < 33) {
    error_ = "OpenGL 3.3 core is not available (got " + std::string(version ? glVersion() : "none") + ")";
    glfwDestroyWindow(window_);
    window_ = nullptr;
    glfwTerminate();
    return;
  }
  // Installed before ImGui's backend, which keeps and calls them after its own.
  glfwSetKeyCallback(window_, markKey);
  glfwSetCharCallback(window_, markChar);
  glfwSetMouseButtonCallback(window_, markButton);
  glfwSetCursorPosCallback(window_, markCursor);
  glfwSetScrollCallback(window_, markScroll);
  glfwSetCursorEnterCallback(window_, markEnter);
  glfwSetWindowFocusCallback(window_, markFocus);
  glfwSetFramebufferSizeCallback(window_, markSize);
  glfwSetWindowRefreshCallback(window_, markRefresh);
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui_ImplGlfw_InitForOpenGL(window_, true);
  ImGui_ImplOpenGL3_Init("#version 330 core");
  imguiReady_ = true;
}

Window::~Window() {
  if (imguiReady_) {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
  }
  if (window_) {
    glfwDestroyWindow(window_);
    glfwTerminate();
  }
}

bool Window::shouldClose() const { return glfwWindowShouldClose(window_); }
void Window::requestClose() { glfwSetWindowShouldClose(window_, GLFW_TRUE); }
void Window::cancelClose() { glfwSetWindowShouldClose(window_, GLFW_FALSE); }

void Window::setTitle(const std::string& title) {
  if (title == title_) return;
  title_ = title;
  glfwSetWindowTitle(window_, title.c_str());
}

void Window::pumpEvents(bool poll) {
  if (poll) {
    glfwPollEvents();
  } else {
    // Input marks gEventSeen through the callbacks; a wake() from a worker draws one frame only.
    glfwWaitEvents();
  }
}

void Window::pumpEventsFor(double seconds) { glfwWaitEventsTimeout(seconds); }

bool Window::takeEventSeen() { return gEventSeen.exchange(false); }

void Window::wake() { glfwPostEmptyEvent(); }

void Window::reloadFontTexture() {
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
}

void Window::beginFrame(bool ignorePointer) {
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  if (ignorePointer) ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  ImGui::NewFrame();
}

void Window::beginFrameAs(ImVec2 displaySize, double deltaSeconds) {
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  if (displaySize.x > 0 && displaySize.y > 0) {
    io.DisplaySize = displaySize;
    io.DisplayFramebufferScale = ImVec2(1.0f, 1.0f);
  }
  if (deltaSeconds > 0) io.DeltaTime = float(deltaSeconds);
  ImGui::NewFrame();
}

void Window::endFrame() {
  ImGui::Render();
  int w = 0, h = 0;
  glfwGetFramebufferSize(window_, &w, &h);
  glViewport(0, 0, w, h);
  glClearColor(clear_[0], clear_[1], clear_[2], 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

void Window::swap() { glfwSwapBuffers(window_); }

void Window::setFullscreen(bool on) {
  if (on == fullscreen_ || !window_) return;
  if (on) {
    GLFWmonitor* monitor = glfwGetPrimaryMonitor();
    const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr;
    if (!mode) return;  // no monitor to fill (e.g. some virtual displays): stay windowed
    glfwGetWindowPos(window_, &restore_[0], &restore_[1]);
    glfwGetWindowSize(window_, &restore_[2], &restore_[3]);
    glfwSetWindowMonitor(window_, monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
  } else {
    glfwSetWindowMonitor(window_, nullptr, restore_[0], restore_[1], restore_[2], restore_[3], 0);
  }
  fullscreen_ = on;
}

float Window::contentScale() const {
  float sx = 1.0f, sy = 1.0f;
  glfwGetWindowContentScale(window_, &sx, &sy);
  return sx > 0.0f ? sx : 1.0f;
}

void Window::framebufferSize(int& w, int& h) const { glfwGetFramebufferSize(window_, &w, &h); }

void Window::geometry(int& x, int& y, int& w, int& h, bool& maximized) const {
  glfwGetWindowPos(window_, &x, &y);
  glfwGetWindowSize(window_, &w, &h);
  maximized = glfwGetWindowAttrib(window_, GLFW_MAXIMIZED) == GLFW_TRUE;
}

std::string Window::glRenderer() const {
  const auto* s = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
  return s ? s : "unknown renderer";
}

std::string Window::glVersion() const {
  const auto* s = reinterpret_cast<const char*>(glGetString(GL_VERSION));
  return s ? s : "unknown";
}

}  // namespace flowlab::app
