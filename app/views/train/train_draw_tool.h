// The Training view's draw tool: with it on (D), dragging on the density pane sprays points with
// the brush's spread and Shift+drag erases them (or the eraser button); each stroke is one undo
// step (Ctrl+Z / Ctrl+Y). "Train on these points" makes them the dataset: core standardizes and
// splits them as it does the built-in sets. The spraying and erasing are core's (core/data/point_brush.h).
#pragma once

#include <string>
#include <vector>

#include <imgui.h>

#include "app/plot/plot_frame.h"
#include "core/data/point_brush.h"

namespace flowlab::app {

struct TrainState;
struct AppState;

struct DrawTool {
  static constexpr int kMaxHistory = 100;  // strokes that can be undone
  static constexpr int kMaxPoints = 20000;
  static constexpr int kMinPoints = 10;    // fewer cannot be split into train and test

  bool active = false;  // the density pane edits these points instead of showing the hover probe
  bool eraser = false;  // the eraser instead of the brush (Shift inverts it during a stroke)
  float spread = 0.12f;       // brush σ, in pane coordinates
  int perDab = 6;             // points per dab (a dab every few pixels of pointer travel)
  float eraseRadius = 0.25f;  // in pane coordinates
  Batch points = Batch(0, 2); // the drawing, in the density pane's coordinates
  std::vector<Batch> undo, redo;
  bool stroking = false;
  ImVec2 lastDab{};
  Rng rng{20261203};
  bool useRequested = false;  // "Train on these points": carried out after the UI pass
};

// The sidebar section: tool on/off, brush or eraser, spread, clear, undo/redo, train on them.
void drawToolPanel(TrainState& s);
// Keys of the tool (D, Ctrl+Z, Ctrl+Y while it is on); in the view's update, every frame.
void drawToolKeys(TrainState& s);
// Mouse strokes on the density pane (the canvas window must be hovered); true while stroking.
bool handleDrawStrokes(TrainState& s, const PlotFrame& pane);
// The drawing over the density pane, with the brush or eraser outline at the pointer.
void drawDrawing(ImDrawList* dl, const TrainState& s, const PlotFrame& pane);
// Makes the drawing the dataset (if it has enough points); says why not otherwise.
void useDrawnPoints(AppState& app, TrainState& s);
// " draw_tool=0|1 draw_points=N draw_undo=N" for --trace-state.
void traceDrawTool(const TrainState& s, std::string& out);

}  // namespace flowlab::app
