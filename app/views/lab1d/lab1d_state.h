// What the 1D lab shows: the scene being edited, the view's options, and the fields the engine
// computed for it (recomputed once per change, after the UI pass).
#pragma once

#include <optional>
#include <string>

#include "app/ui/stack_editor.h"
#include "app/views/lab1d/lab1d_layout.h"
#include "app/views/lab1d/lab1d_steps.h"
#include "core/eval/histogram_1d.h"
#include "core/flow/view_1d.h"
#include "core/inspect/mass_gauge.h"
#include "core/inspect/nonfinite_locator.h"
#include "core/inspect/point_probe.h"
#include "core/scene/scene_file.h"

namespace flowlab::app {

struct Lab1DFields {
  Status validity;                 // of the shown prefix
  Expected<Curve1D> curve;         // x = f(z) over the z axis
  Expected<Bands1D> bands;         // deciles of p_Z carried through f
  Expected<Density1D> dataDensity; // p_X over the x axis
  Expected<Density1D> baseDensity; // p_Z over the z axis
  Expected<Histogram1D> histogram; // samples pushed through f
  Expected<Mass1D> mass;           // the gauge
  // Where along the x axis log p first turns non-finite, and in which layer (set only when p_X
  // could not be computed; lab1d_evidence.cpp).
  std::optional<NonFiniteOnAxis> nonFinite;
  double computeMs = 0.0;          // engine time of the last update
};

struct Lab1DState {
  SceneFile scene;               // scene.flow is the stack being edited
  std::string scenePath;         // where it came from ("" for a new one)
  std::string presetPath;        // to reset to
  StackEditorState editor;
  Lab1DSteps steps;              // a lesson's guided steps (none for most scenes)
  int visibleLayers = -1;        // layer slider k: first k enabled layers; -1 = all
  int curvePoints = 2000;
  int samples = 20000;
  bool showHistogram = true;
  bool showBands = true;
  double zMin = -4.0, zMax = 4.0;
  bool dirty = true;
  Lab1DFields fields;
  // The histogram's base draws, sorted: drawn again only when the sample count or the seed changes.
  std::optional<SortedBaseSamples> baseSamples;
  std::optional<PointProbe> hover;  // readout at the mouse
  std::string hoverError;
  int dragKnot = -1;                // direct manipulation in progress
  bool dragCurve = false;

  // The one density scale of both panels: the density drawn at the full length of a density axis.
  // Chosen when a scene opens (or Fit is pressed) and then kept, so editing the map never changes
  // how p_Z is drawn; p_X beyond it is clipped with a mark.
  double densityTop = 0.0;
  bool refitDensity = true;

  // What the last frame drew, for --trace-state and the tests.
  std::optional<Lab1DLayout> layout;
  Lab1DDrawn drawn;
};

// Recomputes every field from the engine (no-op when not dirty).
void recompute(Lab1DState& s);
// The first-NaN locator along the x axis for the shown stage (called by recompute).
void recomputeNonFinite(Lab1DState& s);

}  // namespace flowlab::app
