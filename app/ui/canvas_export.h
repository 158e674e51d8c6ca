// The canvas alone, for slides: exported as PNG at the screen's size or drawn again offscreen at
// k times it (crisp text and strokes, not an upscaled screenshot), and recorded as an animated
// GIF (F9 in the window; `flowlab --scene FILE --gif OUT.gif` headless).
#pragma once

#include <functional>
#include <string>

#include "app/gl/screenshot.h"

namespace flowlab::app {

struct AppState;
class GifRecorder;
class Window;

// Draws one extra frame of the shell at k times the window's size into an offscreen framebuffer
// and returns its canvas rectangle. setScale(m) rebuilds fonts and style at m times the normal
// scale (called with k, then with 1). Empty pixels when the GL cannot make a framebuffer that large.
FramePixels renderCanvasScaled(AppState& state, Window& window, float k, const std::function<void(float)>& setScale);
std::string exportTooLargeMessage(const AppState& state, float k);
// The canvas rectangle of the frame just drawn, read from the back buffer (fbw x fbh pixels).
FramePixels readCanvas(const AppState& state, int fbw, int fbh);

// A GIF recording's clock. Interactive recordings (F9) capture at most `fps` frames a second of
// wall time; a scripted one (--gif) captures every frame, each 1/fps of animation time.
struct GifSession {
  bool scripted = false;
  int fps = 15;
  std::string path;             // where the GIF goes; empty: a numbered file in the pictures folder
  int maxScriptedFrames = 900;  // 60 s at 15 fps: a view whose animation never ends still stops
  double lastCapture = -1e9;
  double clock = 0.0;  // a scripted recording's animation time
  int framesSeen = 0;
};

// Once a frame, after drawing and before swapping: F9's start and stop, capturing the canvas,
// and the recorder's results as messages. Returns true when a scripted recording has ended.
bool recordGifFrame(AppState& state, GifRecorder& recorder, GifSession& session, int fbw, int fbh);
// After a scripted recording: waits for the file, prints gif_saved=PATH, gif_frames=N and
// gif_size=WxH (or the error on stderr); returns the exit code (0 or 1).
int finishScriptedGif(GifRecorder& recorder, const std::string& path);

}  // namespace flowlab::app
