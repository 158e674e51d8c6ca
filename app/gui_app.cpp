#include "app/gui_app.h"

#include <algorithm>
#include <chrono>
#include <vector>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>

#include <imgui.h>

#include "app/gl/screenshot.h"
#include "app/platform/gif_recorder.h"
#include "app/ui/canvas_export.h"
#include "app/platform/background_saver.h"
#include "app/platform/config_paths.h"
#include "app/platform/numbered_file.h"
#include "app/platform/settings.h"
#include "app/platform/window.h"
#include "app/ui/app_state.h"
#include "app/ui/dialogs.h"
#include "app/ui/fonts.h"
#include "app/ui/maf_vs_iaf_panel.h"
#include "app/ui/scene_files.h"
#include "app/ui/shell.h"
#include "app/ui/theme.h"
#include "app/ui/view.h"
#include "app/views/train/train_view.h"
#include "app/views/view_registry.h"
#include "core/io/atomic_write.h"

namespace flowlab::app {
namespace {

constexpr float kBaseFontPixels = 16.0f;

// exportScale > 1 draws everything that many times larger, for a canvas export (canvas_export.h).
void applyScale(AppState& state, float contentScale, float exportScale = 1.0f) {
  const float presenting = state.presentation ? AppState::kPresentationScale : 1.0f;
  const float scale = contentScale * state.settings.uiScale * presenting * exportScale;
  if (std::string note = loadFonts(kBaseFontPixels * scale); !note.empty()) state.warn(note);
  theme::strokeScale = presenting * exportScale;
  ImGuiStyle& style = ImGui::GetStyle();
  style = ImGuiStyle();
  if (state.presentation) {
    // Projectors wash out dark greys: black text on light panels, strong frames.
    ImGui::StyleColorsLight(&style);
    style.Colors[ImGuiCol_Text] = ImVec4(0, 0, 0, 1);
    style.Colors[ImGuiCol_TextDisabled] = ImVec4(0.25f, 0.25f, 0.25f, 1);
    style.Colors[ImGuiCol_Border] = ImVec4(0.2f, 0.2f, 0.2f, 1);
    style.FrameBorderSize = 1.0f;
  } else {
    ImGui::StyleColorsDark(&style);
  }
  style.WindowRounding = 0.0f;
  style.FrameRounding = 3.0f;
  style.GrabRounding = 3.0f;
  style.Colors[ImGuiCol_PopupBg] = theme::kTooltipBg;  // opaque: tooltips over heatmaps stay legible
  style.ScaleAllSizes(scale);
}

// One line a frame for --trace-state: what the shell and the active view show, as key=value.
void printTrace(const AppState& state, int frame, double workMs) {
  const ImGuiIO& io = ImGui::GetIO();
  std::string line;
  char buf[256];
  std::snprintf(buf, sizeof buf, "trace frame=%d view=%s ui_scale=%.4f font_px=%.2f font_tex=%llu sidebar=%d work_ms=%.2f",
                frame, state.activeView ? state.activeView->id().c_str() : "none", state.settings.uiScale,
                ImGui::GetFontSize(), static_cast<unsigned long long>(reinterpret_cast<std::uintptr_t>(io.Fonts->TexID)),
                state.sidebarShown() ? 1 : 0, workMs);
  line = buf;
  int errors = 0;  // error messages posted so far (journeys check that bad input said something)
  for (const Message& m : state.messages.all()) errors += m.severity == Severity::Error;
  std::snprintf(buf, sizeof buf, " help=%d idle=%d errors=%d lessons=%d", state.showShortcuts ? 1 : 0,
                state.frame.idle ? 1 : 0, errors, state.showLessons ? 1 : 0);
  line += buf;
  std::snprintf(buf, sizeof buf, " presentation=%d blanked=%d fullscreen=%d", state.presentation ? 1 : 0,
                state.blanked ? 1 : 0, state.fullscreen ? 1 : 0);
  line += buf;
  std::snprintf(buf, sizeof buf, " canvas_rect=%.0f,%.0f,%.0f,%.0f gif_recording=%d gif_frames=%d", state.canvasPos.x,
                state.canvasPos.y, state.canvasSize.x, state.canvasSize.y, state.gifRecording ? 1 : 0, state.gifFrames);
  line += buf;
  // The file stem of the scene opened last (stems of the bundled scenes have no spaces).
  std::string stem = std::filesystem::path(state.settings.lastScene).stem().string();
  std::replace(stem.begin(), stem.end(), ' ', '_');
  line += " scene=" + (stem.empty() ? std::string("none") : stem);
  // Scene files: the active scene's file ("none" when untitled), its modified mark, the dialogs.
  const SceneFiles& f = state.files;
  std::string doc = "none";
  if (state.activeView)
    if (const auto it = f.docs.find(state.activeView->id()); it != f.docs.end() && !it->second.path.empty())
      doc = it->second.path;
  std::replace(doc.begin(), doc.end(), ' ', '_');
  std::snprintf(buf, sizeof buf, " modified=%d unsaved=%d saveas=%d recent=%zu", activeModified(state) ? 1 : 0,
                f.confirmShown ? 1 : 0, f.saveAsShown ? 1 : 0, state.settings.recentFiles.size());
  line += buf + std::string(" doc=") + doc;
  if (f.confirmShown) {
    std::snprintf(buf, sizeof buf, " unsaved_save_px=%.0f,%.0f unsaved_discard_px=%.0f,%.0f unsaved_cancel_px=%.0f,%.0f",
                  f.saveAt[0], f.saveAt[1], f.discardAt[0], f.discardAt[1], f.cancelAt[0], f.cancelAt[1]);
    line += buf;
  }
  if (state.activeView) state.activeView->traceState(line);
  traceMafVsIaf(state, line);
  std::printf("%s\n", line.c_str());
  std::fflush(stdout);
}

// imgui.ini (window layout) written atomically by us, not by ImGui's direct fopen/fwrite.
void saveImGuiLayout(const std::string& path) {
  if (path.empty()) return;
  std::size_t size = 0;
  const char* text = ImGui::SaveIniSettingsToMemory(&size);
  writeFileAtomically(path, std::string(text, size));
  ImGui::GetIO().WantSaveIniSettings = false;
}

}  // namespace

int runGui(const GuiOptions& options) {
  const bool recordingGif = !options.gif.empty();
  const bool scripted = !options.screenshot.empty() || recordingGif;
  // Scripted runs stop after a fixed number of frames; interactive ones run until closed.
  const int frameLimit = recordingGif ? 0 : options.frames > 0 ? options.frames : (scripted ? 3 : 0);
  if (scripted) {
    std::string why;
    const std::string& out = recordingGif ? options.gif : options.screenshot;
    if (!canWriteFile(out, &why)) {
      std::fprintf(stderr, "flowlab: cannot write %s: %s\n", recordingGif ? "the GIF" : "screenshot", why.c_str());
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
  std::string iniPath;  // imgui.ini, saved by saveImGuiLayout (never by ImGui itself)
  Window window(wo);
  if (!window.ok()) {
    std::fprintf(stderr,
                 "flowlab: %s. The headless commands still work: flowlab check, logprob, sample, "
                 "sample-data, train (see flowlab --help).\n",
                 window.error().c_str());
    return 2;
  }
  window.setClearColour(theme::kCanvasBg.x, theme::kCanvasBg.y, theme::kCanvasBg.z);
  ImGui::GetIO().IniFilename = nullptr;
  if (!scripted && ensureConfigDir()) {
    iniPath = (configDir() / "imgui.ini").string();
    std::error_code ec;
    if (std::filesystem::exists(iniPath, ec)) ImGui::LoadIniSettingsFromDisk(iniPath.c_str());
  }
  state.frame.glRenderer = window.glRenderer();
  state.frame.glVersion = window.glVersion();
  applyScale(state, window.contentScale());

  state.views = makeViews();
  state.activate(state.findView(state.settings.view) ? state.settings.view : "welcome");
  if (!options.view.empty()) state.activate(options.view);
  if (options.presentation) {
    state.presentation = true;
    applyScale(state, window.contentScale());
    window.reloadFontTexture();
  }
  // Scripted runs (screenshots, --frames, --train-for) quit without asking about unsaved changes.
  state.files.guardQuit = frameLimit == 0 && options.trainFor <= 0.0;
  if (!options.scene.empty()) openSceneFile(state, options.scene);
  if (options.step >= 0 && state.activeView && !state.activeView->goToStep(options.step))
    state.warn("--step " + std::to_string(options.step) + ": the scene has no guided steps");
  if (auto* train = dynamic_cast<TrainView*>(state.findView("train")); train && options.trainSteps > 0)
    train->trainState().pendingSteps = options.trainSteps;
  if (auto* train = dynamic_cast<TrainView*>(state.findView("train")); train && options.trainFor > 0) {
    state.activate("train");
    train->trainState().trainForSeconds = options.trainFor;  // the view presses Run and quits
  }
  if (!options.overlays.empty() && state.activeView) {
    std::vector<std::string> unknown;
    state.activeView->setOverlays(options.overlays, true, unknown);
    for (const auto& u : unknown) state.warn("--overlays: '" + u + "' is not an overlay of the " + state.activeView->title());
  }

  int exitCode = 0;
  std::vector<double> frameTimes;
  BackgroundSaver saver([] { Window::wake(); });
  GifRecorder recorder([] { Window::wake(); });
  GifSession gif;  // the recording's clock and its scripted (--gif) run
  state.traceGifResults = options.traceState;
  if (recordingGif) {
    gif.scripted = true;
    gif.fps = options.gifFps;
    gif.path = options.gif;
    if (!state.activeView || !state.activeView->startRecording())
      state.warn("--gif: the " + (state.activeView ? state.activeView->title() : std::string("view")) +
                 " has nothing to animate; recording it still");
  }
  // Dear ImGui settles hover, popups and layout over a few frames after each input; after those
  // the loop sleeps until the next event instead of redrawing an unchanged picture.
  constexpr int kSettleFrames = 3;
  int settle = kSettleFrames;
  auto previous = std::chrono::steady_clock::now();
  for (int frame = 0;; ++frame) {
    // The close button or Ctrl+Q: with unsaved changes the question shows and the loop goes on.
    if (window.shouldClose() || state.quitRequested) {
      if (mayQuit(state)) break;
      window.cancelClose();
      state.quitRequested = false;
    }
    const bool animating = state.activeView && state.activeView->animating();
    const bool poll = frameLimit > 0 || animating || settle > 0 || saver.busy() || (recorder.busy() && !recorder.recording());
    if (recorder.recording() && !poll && !gif.scripted) window.pumpEventsFor(1.0 / gif.fps);
    else window.pumpEvents(poll || gif.scripted);
    if (window.takeEventSeen()) settle = kSettleFrames; else if (settle > 0) --settle;
    const auto start = std::chrono::steady_clock::now();
    if (state.fullscreen != window.fullscreen()) window.setFullscreen(state.fullscreen);
    if (state.fontRebuildRequested) {
      state.fontRebuildRequested = false;
      applyScale(state, window.contentScale());
      window.reloadFontTexture();
      settle = kSettleFrames;
    }
    if (state.canvasExportScale > 0.0f && !state.blanked) {
      // Drawn again offscreen at the asked size before this frame (so no menu is over it).
      const float k = state.canvasExportScale;
      FramePixels canvas = renderCanvasScaled(state, window, k, [&](float m) { applyScale(state, window.contentScale(), m); });
      if (canvas.width > 0) saver.savePng(std::move(canvas), picturesFolder(), "flowlab-canvas");
      else state.error(exportTooLargeMessage(state, k));
    }
    state.canvasExportScale = 0.0f;
    if (gif.scripted) window.beginFrameAs(ImVec2(0, 0), 1.0 / gif.fps);  // animation time, not wall time
    else window.beginFrame(scripted);
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
      // Read now (the picture the user saw), encode and write on the saver's thread.
      saver.savePng(readFramebuffer(fbw, fbh), picturesFolder());
    }
    state.screenshotRequested = false;
    const size_t messagesBefore = state.messages.all().size();
    if (recordGifFrame(state, recorder, gif, fbw, fbh)) break;  // a scripted recording has ended
    for (const SaveResult& r : saver.takeResults()) {
      if (r.error.empty()) state.info("screenshot saved to " + r.path); else state.error("screenshot: " + r.error);
      if (options.traceState) std::printf("screenshot_saved=%s\n", r.error.empty() ? r.path.c_str() : "");
    }
    // A message posted after this frame was drawn (a file saved) shows in the next frames.
    if (state.messages.all().size() != messagesBefore) settle = kSettleFrames;
    window.setTitle(windowTitle(state));
    if (ImGui::GetIO().WantSaveIniSettings) saveImGuiLayout(iniPath);
    window.swap();

    const auto now = std::chrono::steady_clock::now();
    // The frame's own cost, without the time spent asleep waiting for input.
    const double workMs = std::chrono::duration<double, std::milli>(now - start).count();
    state.frame.frameMs = frame == 0 ? workMs : 0.8 * state.frame.frameMs + 0.2 * workMs;
    if (frame > 0) frameTimes.push_back(workMs);  // the first frame includes start-up
    state.frame.time += std::chrono::duration<double>(now - previous).count();
    previous = now;
    // Whether the loop will sleep before the next frame (shown in the status bar and the trace).
    state.frame.idle = !(frameLimit > 0 || (state.activeView && state.activeView->animating()) || settle > 0 ||
                         saver.busy());
    if (options.traceState) printTrace(state, frame, workMs);
    if (lastScriptedFrame) break;
  }

  if (recordingGif && exitCode == 0) exitCode = finishScriptedGif(recorder, options.gif);  // prints why on failure
  if (options.trainFor > 0 && !frameTimes.empty()) {
    std::vector<double> sorted = frameTimes;
    std::sort(sorted.begin(), sorted.end());
    std::printf("frame_ms_median=%.2f\nframe_ms_p95=%.2f\nframes=%zu\n", sorted[sorted.size() / 2],
                sorted[std::min(sorted.size() - 1, sorted.size() * 95 / 100)], sorted.size());
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
    saveImGuiLayout(iniPath);
  }
  // Views own worker threads that wake the loop through GLFW: stop them before the window goes.
  state.views.clear();
  closeMafVsIafPanel(state);
  state.activeView = nullptr;
  return exitCode;
}

}  // namespace flowlab::app
