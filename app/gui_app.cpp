#include "app/gui_app.h"

#include <algorithm>
#include <chrono>
#include <vector>
#include <cstdio>
#include <ctime>
#include <filesystem>

#include <imgui.h>

#include "app/gl/screenshot.h"
#include "app/platform/config_paths.h"
#include "app/platform/settings.h"
#include "app/platform/window.h"
#include "app/ui/app_state.h"
#include "app/ui/dialogs.h"
#include "app/ui/fonts.h"
#include "app/ui/shell.h"
#include "app/ui/view.h"
#include "app/views/train/train_view.h"
#include "app/views/view_registry.h"

namespace flowlab::app {
namespace {

constexpr float kBaseFontPixels = 16.0f;

void applyScale(AppState& state, float contentScale) {
  const float scale = contentScale * state.settings.uiScale;
  if (std::string note = loadFonts(kBaseFontPixels * scale); !note.empty()) state.warn(note);
  ImGuiStyle& style = ImGui::GetStyle();
  style = ImGuiStyle();
  ImGui::StyleColorsDark(&style);
  style.WindowRounding = 0.0f;
  style.FrameRounding = 3.0f;
  style.GrabRounding = 3.0f;
  style.ScaleAllSizes(scale);
}

std::string interactiveScreenshotPath() {
  char stamp[32];
  const std::time_t now = std::time(nullptr);
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", std::localtime(&now));
  std::filesystem::path dir = ".";
  if (const char* home = std::getenv("HOME")) {
    std::error_code ec;
    if (std::filesystem::is_directory(std::filesystem::path(home) / "Pictures", ec))
      dir = std::filesystem::path(home) / "Pictures";
  }
  return (dir / ("flowlab-" + std::string(stamp) + ".png")).string();
}

}  // namespace

int runGui(const GuiOptions& options) {
  const bool scripted = !options.screenshot.empty();
  // Scripted runs stop after a fixed number of frames; interactive ones run until closed.
  const int frameLimit = options.frames > 0 ? options.frames : (scripted ? 3 : 0);
  if (scripted) {
    std::string why;
    if (!canWriteFile(options.screenshot, &why)) {
      std::fprintf(stderr, "flowlab: cannot write screenshot: %s\n", why.c_str());
      return 1;
    }
  }
  AppState state;
  const auto settingsFile = configDir() / "settings.json";
  // Scripted runs neither read nor write the user's settings, so screenshots are reproducible.
  if (!scripted) {
    std::string warning;
    state.settings = loadSettings(settingsFile, &warning);
    if (!warning.empty()) state.warn(warning);
  }
  WindowOptions wo;
  wo.width = options.width > 0 ? options.width : state.settings.windowWidth;
  wo.height = options.height > 0 ? options.height : state.settings.windowHeight;
  wo.x = state.settings.windowX;
  wo.y = state.settings.windowY;
  wo.maximized = !scripted && options.width == 0 && state.settings.windowMaximized;
  Window window(wo);
  if (!window.ok()) {
    std::fprintf(stderr,
                 "flowlab: %s. The headless commands still work: flowlab check, logprob, sample, "
                 "sample-data, train (see flowlab --help).\n",
                 window.error().c_str());
    return 2;
  }
  std::string iniPath;
  if (scripted) {
    ImGui::GetIO().IniFilename = nullptr;
  } else if (ensureConfigDir()) {
    iniPath = (configDir() / "imgui.ini").string();
    ImGui::GetIO().IniFilename = iniPath.c_str();
  } else {
    ImGui::GetIO().IniFilename = nullptr;
  }
  state.frame.glRenderer = window.glRenderer();
  state.frame.glVersion = window.glVersion();
  applyScale(state, window.contentScale());

  state.views = makeViews();
  state.activate(state.findView(state.settings.view) ? state.settings.view : "welcome");
  if (!options.view.empty()) state.activate(options.view);
  if (!options.scene.empty()) openSceneFile(state, options.scene);
  if (auto* train = dynamic_cast<TrainView*>(state.findView("train")); train && options.trainSteps > 0)
    train->trainState().pendingSteps = options.trainSteps;
  if (!options.overlays.empty() && state.activeView) {
    std::vector<std::string> unknown;
    state.activeView->setOverlays(options.overlays, true, unknown);
    for (const auto& u : unknown) state.warn("--overlays: '" + u + "' is not an overlay of the " + state.activeView->title());
  }

  int exitCode = 0;
  std::vector<double> frameTimes;
  auto last = std::chrono::steady_clock::now();
  for (int frame = 0; !window.shouldClose(); ++frame) {
    const bool animating = frameLimit > 0 || (state.activeView && state.activeView->animating());
    window.pumpEvents(animating);
    if (state.fontRebuildRequested) {
      state.fontRebuildRequested = false;
      applyScale(state, window.contentScale());
    }
    window.beginFrame();
    if (options.recomputeEveryFrame && state.activeView) state.activeView->invalidate();
    drawShell(state);
    window.endFrame();

    int fbw = 0, fbh = 0;
    window.framebufferSize(fbw, fbh);
    const bool lastScriptedFrame = frameLimit > 0 && frame + 1 >= frameLimit;
    if (scripted && lastScriptedFrame) {
      if (std::string err = saveFramebufferPng(options.screenshot, fbw, fbh); !err.empty()) {
        std::fprintf(stderr, "flowlab: %s\n", err.c_str());
        exitCode = 1;
      }
    } else if (state.screenshotRequested) {
      const std::string path = interactiveScreenshotPath();
      const std::string err = saveFramebufferPng(path, fbw, fbh);
      if (err.empty()) state.info("screenshot saved to " + path); else state.error(err);
    }
    state.screenshotRequested = false;
    window.swap();

    const auto now = std::chrono::steady_clock::now();
    const double ms = std::chrono::duration<double, std::milli>(now - last).count();
    last = now;
    state.frame.frameMs = frame == 0 ? ms : 0.9 * state.frame.frameMs + 0.1 * ms;
    if (frame > 0) frameTimes.push_back(ms);  // the first frame includes start-up
    state.frame.time += ms / 1000.0;
    if (lastScriptedFrame || state.quitRequested) break;
  }

  if (options.frameStats && !frameTimes.empty()) {
    std::sort(frameTimes.begin(), frameTimes.end());
    double sum = 0;
    for (double t : frameTimes) sum += t;
    std::printf("frames=%zu mean_ms=%.2f median_ms=%.2f p90_ms=%.2f\n", frameTimes.size(), sum / frameTimes.size(),
                frameTimes[frameTimes.size() / 2], frameTimes[frameTimes.size() * 9 / 10]);
  }
  if (!scripted && ensureConfigDir()) {
    window.geometry(state.settings.windowX, state.settings.windowY, state.settings.windowWidth,
                    state.settings.windowHeight, state.settings.windowMaximized);
    saveSettings(settingsFile, state.settings);
  }
  return exitCode;
}

}  // namespace flowlab::app
