// What the 2D lab shows: the scene being edited, overlay options, the layer-by-layer position,
// and the fields the engine computed for it (recomputed once per change, after the UI pass).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <imgui.h>

#include "app/ui/stack_editor.h"
#include "core/eval/density_grid.h"
#include "core/eval/grid_warp.h"
#include "core/eval/jacobian_patches.h"
#include "core/inspect/point_probe.h"
#include "core/scene/scene_file.h"

namespace flowlab::app {

// Fields of one prefix of the stack (the first k enabled layers).
struct StageFields {
  int layers = 0;                        // k
  Status validity;
  Expected<DensityGrid> density;         // p_X over the data pane
  Expected<GridWarp> grid;               // images of the z grid lines
  Expected<JacobianPatches> patches;     // images of small z squares, with log|det J|
};

struct Lab2DFields {
  StageFields from, to;                 // the morph goes from `from` (k) to `to` (k+1); equal when still
  Expected<DensityGrid> baseDensity;    // p_Z over the base pane
  Expected<GridWarp> baseGrid;          // the regular grid in z
  Expected<FlowTrace> clouds;           // samples through every enabled layer
  double computeMs = 0.0;
  int resolution = 0;                   // density cells per axis actually computed
  std::uint64_t version = 0;            // bumped by every recompute, so textures refresh only then
};

enum class Pane { None, Base, Data };

struct Lab2DState {
  SceneFile scene;
  std::string presetPath;
  StackEditorState editor;
  double position = -1.0;  // layer slider, in layers (fractional while morphing); -1 = all
  bool playing = false;    // animating the layer-by-layer morph
  bool showDensity = true, showGrid = true, showPatches = false, showSamples = false;
  bool logScale = false;
  int resolution = 256;      // density cells per axis when still
  bool coarseWhileDragging = true;
  bool interacting = false;  // a slider or handle is being dragged this frame
  Rect baseRect{-3.5, 3.5, -3.5, 3.5};
  bool dirty = true;
  Lab2DFields fields;
  // Hover readout.
  Pane hoverPane = Pane::None;
  std::optional<PointProbe> hover;
  std::string hoverError;
  int hoverPatch = -1;
  // Direct manipulation in progress: index into the current handle list, or -1.
  int dragHandle = -1;
  std::vector<ImVec2> handleTips;  // where each handle was drawn this frame (pixels; for --trace-state)
};

// Layer count of the whole enabled stack.
int enabledLayers(const Lab2DState& s);
// The (k, t) of the slider: morph from k layers to k + 1 with weight t in [0, 1).
void morphPosition(const Lab2DState& s, int& k, double& t);
// Recomputes every field from the engine (no-op when not dirty).
void recompute(Lab2DState& s);

}  // namespace flowlab::app
