// One screen of the app (welcome, 1D lab, 2D lab, training): its sidebar controls and its canvas.
#pragma once

#include <string>
#include <vector>

#include <imgui.h>

namespace flowlab::app {

struct AppState;

class View {
 public:
  virtual ~View() = default;
  virtual std::string id() const = 0;     // "welcome", "1d", "2d" (the --view NAME)
  virtual std::string title() const = 0;  // menu label
  virtual const char* shortcut() const { return nullptr; }
  // Controls in the left panel.
  virtual void sidebar(AppState& state) = 0;
  // Work after the UI pass and before the canvas: keys, Play, training requests, recomputation.
  // Runs every frame whether or not the sidebar is shown, so hiding it (Ctrl+B) freezes nothing.
  virtual void update(AppState& state, double dt) {}
  // The central canvas, a rectangle in screen pixels.
  virtual void canvas(AppState& state, ImVec2 origin, ImVec2 size) = 0;
  // Appends " key=value" pairs that describe what the view shows (--trace-state; journeys read them).
  virtual void traceState(std::string& out) const {}
  // Marks the view's fields stale, so they are recomputed this frame (benchmarks of a live drag).
  virtual void invalidate() {}
  // True while something animates or trains, so the loop redraws continuously.
  virtual bool animating() const { return false; }
  // Opens a scene file in this view. Returns false (and posts the reason) if it cannot;
  // the current scene stays as it was.
  virtual bool openScene(AppState& state, const std::string& path) { return false; }
  // Turns overlays on by name ("density", "grid", "patches", "samples", "histogram", "bands", "log");
  // names a view does not know are reported in `unknown`. Others go off only when `exclusive`.
  virtual void setOverlays(const std::vector<std::string>& names, bool exclusive, std::vector<std::string>& unknown) {
    unknown = names;
  }
  // Items this view adds to the File menu (drawn inside it, after the shell's own items).
  virtual void fileMenu(AppState& state) {}
  // Shows the open lesson after its first k guided steps, without animation (--step K); false
  // when the view or the scene has no steps.
  virtual bool goToStep(int /*k*/) { return false; }
  // --gif: starts the animation a recording of this view shows (its guided steps, else its layer
  // morph; a training run), returning false when it has none. recordingDone() is asked once a
  // frame after update(): true when the animation has ended.
  virtual bool startRecording() { return false; }
  virtual bool recordingDone() const { return true; }
  // Whether this view can show a scene of this dimension.
  virtual bool acceptsDim(int dim) const { return false; }
};

}  // namespace flowlab::app
