// Everything the panels edit, in one place. Panels are functions of AppState&; the heavy
// recompute a widget triggers happens once, after the UI pass, in the view that owns it.
#pragma once

#include <memory>
#include <string>
#include <vector>
#include <imgui.h>

#include "app/platform/settings.h"
#include "app/ui/messages.h"
#include "app/ui/scene_files.h"

namespace flowlab::app {

class View;
struct MafVsIafPanel;  // app/ui/maf_vs_iaf_panel.h

struct FrameInfo {
  double time = 0.0;          // seconds since start
  double frameMs = 0.0;       // smoothed cost of a frame's work (not the time asleep between frames)
  bool idle = false;          // nothing changes: the loop sleeps until the next input event
  std::string glRenderer;
  std::string glVersion;
};

struct AppState {
  Settings settings;
  Messages messages;
  FrameInfo frame;
  std::vector<std::unique_ptr<View>> views;
  View* activeView = nullptr;

  // Requests the UI makes, carried out by the main loop between frames.
  bool quitRequested = false;
  bool screenshotRequested = false;
  // File > Export canvas: the canvas alone (no sidebar), drawn again at `canvasExportScale` times
  // the screen's size (0: none requested); the main loop renders it offscreen.
  float canvasExportScale = 0.0f;
  int canvasExportWidth = 3840;     // the "chosen size" of the export menu, in pixels
  bool gifToggleRequested = false;  // File > Record GIF: start, or stop and save
  bool gifRecording = false;        // set by the main loop: shown in the menu and status bar
  int gifFrames = 0;
  bool traceGifResults = false;     // --trace-state: print gif_saved=PATH when a recording is written
  ImVec2 canvasPos, canvasSize;     // where the last frame drew the canvas (logical pixels)
  bool fontRebuildRequested = false;
  static constexpr float kPresentationScale = 2.0f;
  bool showAbout = false;
  bool showShortcuts = false;
  bool showMessages = false;
  bool showOpenScene = false;
  bool showLessons = false;  // the Lessons browser (F2)
  bool showMafVsIaf = false;  // the MAF vs IAF measurement window
  std::shared_ptr<MafVsIafPanel> mafVsIaf;  // its worker and results; null until first opened
  // Presentation mode (F5): text, strokes and markers at kPresentationScale, light high-contrast
  // chrome. B blanks the screen until pressed again; F11 asks the window for full screen.
  bool presentation = false;
  bool presentationSidebar = false;  // the sidebar during presentation (hidden unless Ctrl+B)
  // Whether the sidebar is drawn: the saved choice, or in presentation mode its own (the canvas
  // gets the whole width for the hall; the saved setting is untouched).
  bool sidebarShown() const { return presentation ? presentationSidebar : settings.sidebarVisible; }
  bool blanked = false;
  bool fullscreen = false;  // wanted; the loop applies it to the window
  int lessonsChapter = 0;    // chapter of the lesson opened last from it (0: none yet)
  std::string openScenePath;  // text of the "Open scene" dialog
  SceneFiles files;           // Save, Save As, recent files, Copy/Paste scene, unsaved changes

  View* findView(const std::string& id) const;
  void activate(const std::string& id);
  void info(const std::string& text) { messages.post(Severity::Info, text, frame.time); }
  void warn(const std::string& text) { messages.post(Severity::Warning, text, frame.time); }
  void error(const std::string& text) { messages.post(Severity::Error, text, frame.time); }
};

}  // namespace flowlab::app
