// What the 2D lab shows: the scene being edited, overlay options, the layer-by-layer position,
// and the fields the engine computed for it (recomputed once per change, after the UI pass).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <imgui.h>

#include "app/ui/stack_editor.h"
#include "app/views/lab2d/lab2d_steps.h"
#include "core/eval/density_grid.h"
#include "core/eval/grid_warp.h"
#include "core/eval/jacobian_patches.h"
#include "core/eval/round_trip.h"
#include "core/inspect/nonfinite_locator.h"
#include "core/inspect/point_probe.h"
#include "core/scene/scene_file.h"

namespace flowlab::app {

// Fields of one prefix of the stack (the first k enabled layers).
struct StageFields {
  int layers = 0;                        // k
  std::uint64_t id = 0;                  // unique per computation (keys the density texture)
  Status validity;
  Expected<DensityGrid> density;         // p_X over the data pane
  Expected<GridWarp> grid;               // images of the z grid lines
  Expected<JacobianPatches> patches;     // images of small z squares, with log|det J|
};

struct Lab2DFields {
  StageFields from, to;                 // the morph goes from `from` (k) to `to` (k+1); equal when still
  Expected<DensityGrid> baseDensity;    // p_Z over the base pane
  std::uint64_t baseId = 0;             // keys the base pane's texture
  Expected<GridWarp> baseGrid;          // the regular grid in z
  Expected<FlowTrace> clouds;           // samples through every enabled layer
  double computeMs = 0.0;
  int resolution = 0;                   // density cells per axis actually computed
  std::uint64_t version = 0;            // bumped by every recompute, so textures refresh only then
};

enum class Pane { None, Base, Data };

// The engine's own evidence for the shown stage (the truth overlays, lab2d_evidence.cpp): the
// round-trip error over the base pane (when its overlay is on) and, when the stage has no finite
// density, where over the data pane and in which layer log p first turns non-finite.
struct Lab2DEvidence {
  Expected<RoundTripField> roundTrip{Status::error("round-trip overlay off"), {}};
  Vector roundTripShown;          // log10 error per cell, clamped to the colour scale (core roundTripLog10)
  RoundTripDecades decades;       // that scale
  std::uint64_t roundTripId = 0;  // keys the round-trip texture
  std::string roundTripKey;       // what it was computed for (flow, base range, k, cells)
  std::optional<NonFiniteOnGrid> nonFinite;  // set when the stage's density is not finite everywhere
  std::string nonFiniteKey;
};

// How densities map to colours: one linear scale for both panes (one colour = one density
// everywhere), a linear scale per pane (each pane's peak is the brightest colour), or log p.
enum class ColourScale { Shared, PerPane, Log };
// Scene-file spelling ("shared", "per_pane", "log") and back (false for an unknown name).
const char* colourScaleName(ColourScale c);
bool parseColourScale(const std::string& name, ColourScale& out);

// Stages already computed, so Play and stepping recompute nothing they have: keyed by (k,
// resolution), valid while `signature` (the flow's layers and parameters and both panes' ranges)
// is unchanged.
struct StageCache {
  std::string signature;
  std::map<std::pair<int, int>, StageFields> stages;
  std::string cloudSignature;
  Expected<FlowTrace> clouds;
  int computed = 0;  // stages computed since start (the trace reports it; a cache hit adds none)
};

struct Lab2DState {
  SceneFile scene;
  std::string presetPath;
  StackEditorState editor;
  double position = -1.0;  // layer slider, in layers (fractional while morphing); -1 = all
  bool playing = false;    // animating the layer-by-layer morph
  bool showDensity = true, showGrid = true, showPatches = false, showSamples = false;
  bool showRoundTrip = false;  // the round-trip error |f⁻¹(f(z)) − z| over the base pane
  bool showHandles = true;  // hidden only when asked (sidebar, or "no_handles" in an overlay list)
  ColourScale colourScale = ColourScale::Shared;
  int resolution = 256;      // density cells per axis, dragging or still
  bool interacting = false;  // a slider or handle is being dragged this frame
  Rect baseRect{-3.5, 3.5, -3.5, 3.5};
  bool dirty = true;
  Lab2DFields fields;
  Lab2DEvidence evidence;
  StageCache cache;
  // Panning with the mouse: the pane being dragged, or None.
  Pane panPane = Pane::None;
  // Hover readout.
  Pane hoverPane = Pane::None;
  std::optional<PointProbe> hover;
  std::string hoverError;
  int hoverPatch = -1;
  // Direct manipulation in progress: index into the current handle list, or -1.
  int dragHandle = -1;
  // The handles of this frame (pixels), as handleLab2DDrag found them for drawLab2DHandles and --trace-state.
  std::vector<ImVec2> handleTips, handleAnchors;
  std::vector<const char*> handleLabels;
  std::vector<bool> handleArrows;
  std::vector<ImVec2> handleValues;  // the two parameters each handle edits
  int handleHot = -1;                // under the pointer or being dragged
  // Where this frame drew the round-trip checkbox and the evidence marks (pixels; for --trace-state).
  std::pair<ImVec2, ImVec2> roundTripBox{};
  std::optional<ImVec2> roundTripMark, nonFiniteMark;
  float readoutOverflow = 0.0f;  // pixels the readout's content runs past its box (0: it fits)
  Lab2DSteps steps;              // the lesson's guided steps (lab2d_steps.h)
};

// Layer count of the whole enabled stack.
int enabledLayers(const Lab2DState& s);
// The (k, t) of the slider: morph from k layers to k + 1 with weight t in [0, 1).
void morphPosition(const Lab2DState& s, int& k, double& t);
// Recomputes every field from the engine (no-op when not dirty); stages come from the cache when
// it has them.
void recompute(Lab2DState& s);
// The evidence for the shown stage (called by recompute; recomputes only what changed).
void recomputeEvidence(Lab2DState& s, const std::string& flowSignature, int resolution);
// A fresh id for a computed field (keys textures); a rectangle as exact text (keys caches).
std::uint64_t nextFieldId();
std::string rectSignature(const Rect& r);
// The flow of the stage shown (the first k enabled layers), numbered as in the stack editor.
Flow shownFlow(const Lab2DState& s);
// The data pane's range and its setter (the scene's view x_range / y_range).
Rect dataRect(const Lab2DState& s);
void setDataRect(Lab2DState& s, const Rect& r);
// The default base pane range (±3.5 in z, where N(0, I) has almost all its mass).
inline constexpr Rect kDefaultBaseRect{-3.5, 3.5, -3.5, 3.5};

}  // namespace flowlab::app
