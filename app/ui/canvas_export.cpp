#include "app/ui/canvas_export.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <thread>

#include <imgui.h>

#include "app/gl/offscreen_frame.h"
#include "app/platform/gif_recorder.h"
#include "app/platform/numbered_file.h"
#include "app/platform/window.h"
#include "app/ui/app_state.h"
#include "app/ui/shell.h"
#include "app/ui/view.h"

namespace flowlab::app {

namespace {

// The canvas rectangle in pixels of a frame drawn at `pixelsPerPoint` pixels per ImGui unit.
FramePixels cropCanvas(const AppState& state, const FramePixels& frame, float pixelsPerPoint) {
  return cropPixels(frame, int(std::lround(state.canvasPos.x * pixelsPerPoint)),
                    int(std::lround(state.canvasPos.y * pixelsPerPoint)),
                    int(std::lround(state.canvasSize.x * pixelsPerPoint)),
                    int(std::lround(state.canvasSize.y * pixelsPerPoint)));
}

}  // namespace

FramePixels renderCanvasScaled(AppState& state, Window& window, float k, const std::function<void(float)>& setScale) {
  const ImVec2 display = ImGui::GetIO().DisplaySize;  // the window's, in ImGui units
  const int width = int(std::lround(display.x * k)), height = int(std::lround(display.y * k));
  setScale(k);
  window.reloadFontTexture();
  // The same layout at k times the size: every position and size in ImGui units grows by k.
  window.beginFrameAs(ImVec2(float(width), float(height)), 0.0);
  drawShell(state);
  ImGui::Render();
  const FramePixels frame = renderOffscreen(ImGui::GetDrawData(), width, height, window.clearColour());
  const FramePixels canvas = frame.width > 0 ? cropCanvas(state, frame, 1.0f) : FramePixels{};
  setScale(1.0f);
  window.reloadFontTexture();
  return canvas;
}

std::string exportTooLargeMessage(const AppState& state, float k) {
  char text[160];
  std::snprintf(text, sizeof text, "export: a %.0f x %.0f canvas is larger than this graphics driver can draw offscreen",
                state.canvasSize.x * k, state.canvasSize.y * k);
  return text;
}

FramePixels readCanvas(const AppState& state, int fbw, int fbh) {
  const float display = ImGui::GetIO().DisplaySize.x;
  return cropCanvas(state, readFramebuffer(fbw, fbh), display > 0 ? float(fbw) / display : 1.0f);
}

bool recordGifFrame(AppState& state, GifRecorder& recorder, GifSession& session, int fbw, int fbh) {
  const double now = state.frame.time;
  if (session.scripted && session.framesSeen == 0) state.gifToggleRequested = true;  // starts at once
  if (state.gifToggleRequested) {
    state.gifToggleRequested = false;
    if (recorder.recording()) {
      recorder.stop();
      state.info("GIF: " + std::to_string(recorder.framesQueued()) + " frames recorded, saving...");
    } else {
      const FramePixels first = readCanvas(state, fbw, fbh);
      recorder.start(first.width, first.height, session.fps, session.path, picturesFolder());
      session.clock = 0.0;
      recorder.push(first, session.scripted, session.scripted ? 0.0 : now);
      session.lastCapture = now;
      if (!session.scripted) state.info("Recording the canvas as a GIF (F9 stops and saves it)");
    }
  } else if (recorder.recording() && (session.scripted || now - session.lastCapture >= 1.0 / session.fps - 1e-3)) {
    session.lastCapture = now;
    session.clock += 1.0 / session.fps;  // a scripted frame is 1/fps of animation later
    if (!recorder.push(readCanvas(state, fbw, fbh), session.scripted, session.scripted ? session.clock : now) &&
        recorder.framesQueued() >= GifRecorder::kMaxFrames) {
      recorder.stop();
      state.warn("GIF: stopped at " + std::to_string(GifRecorder::kMaxFrames) + " frames; saving");
    }
  }
  ++session.framesSeen;
  state.gifRecording = recorder.recording();
  state.gifFrames = recorder.framesQueued();
  if (!session.scripted)
    for (const SaveResult& r : recorder.takeResults()) {
      if (r.error.empty()) state.info("GIF saved to " + r.path);
      else state.error("GIF: " + r.error);
      if (state.traceGifResults) std::printf("gif_saved=%s\n", r.error.empty() ? r.path.c_str() : "");
    }
  if (!session.scripted || !recorder.recording()) return false;
  const bool done = (state.activeView && state.activeView->recordingDone()) ||
                    session.framesSeen >= session.maxScriptedFrames;
  return done;
}

int finishScriptedGif(GifRecorder& recorder, const std::string& path) {
  const int frames = recorder.framesQueued(), width = recorder.width(), height = recorder.height();
  recorder.stop();
  while (recorder.busy()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  for (const SaveResult& r : recorder.takeResults()) {
    if (!r.error.empty()) {
      std::fprintf(stderr, "flowlab: cannot write the GIF %s: %s\n", path.c_str(), r.error.c_str());
      return 1;
    }
  }
  std::printf("gif_saved=%s\ngif_frames=%d\ngif_size=%dx%d\n", path.c_str(), frames, width, height);
  return 0;
}

}  // namespace flowlab::app
