// The layer stack editor shared by the 1D and 2D labs: add, remove, reorder, enable, duplicate
// layers from the engine's library, and edit each layer's parameters with sliders and typed values.
#pragma once

#include <string>
#include <vector>

#include <imgui.h>

#include "app/ui/flow_history.h"
#include "core/flow/flow.h"

namespace flowlab::app {

struct StackEditorState {
  int selected = 0;  // layer whose parameters are open; -1 none
  FlowHistory history;
  // Ctrl+click on a slider opens a text field (any text strtod reads: numbers, "nan", "inf").
  int typingLayer = -1, typingParameter = -1;
  char typed[64] = {};
  bool focusTyping = false;
  std::string typingProblem;  // why the last typed text was refused
  // Where the selected layer's sliders were drawn this frame (screen pixels; journeys read them).
  std::vector<std::pair<ImVec2, ImVec2>> sliderRects;
};

// How a core parameter name is shown: indices 1-based, as subscripts, like the axes (z₁, z₂):
// "A00" -> "A₁₁", "b0" -> "b₁", "w1" -> "w₂", "z0_1" -> "z₀ (2)", "1.a" -> "2.a", spline knots
// "z0" -> "z₁". Coefficient names of a polynomial (s0, t2) keep their power as it is.
std::string parameterLabel(const std::string& coreName);
// An engine message with its parameter names shown as labels ("A00 = nan" -> "A₁₁ = nan"):
// matrix entries and the vector entries b, u, w (other names are left alone).
std::string withParameterLabels(const std::string& message);
// A parameter's help text with its 0-based positions ("row 0, column 1", "coordinate 0", "knot 3")
// made 1-based.
std::string oneBasedHelp(const std::string& help);
// Text wrapped to `width` pixels at spaces only: ImGui's own wrapping also breaks after '.' and
// ',', which splits numbers ("0.↵371"). A word wider than the line stays whole. fontSize 0: current.
std::string wrapAtSpaces(const std::string& text, float width, float fontSize = 0.0f);
// ImGui::TextWrapped without split numbers, at the window's content width.
void textWrappedAtSpaces(const std::string& text);

// Reads typed text as a number: anything strtod reads whole, including "nan", "inf", "-inf".
bool parseTypedNumber(const char* text, double& value);

// Draws the editor. Returns true when `flow` changed this frame (the caller recomputes once).
bool drawStackEditor(Flow& flow, StackEditorState& ui);

// Ctrl+Z / Ctrl+Y (or Ctrl+Shift+Z) on the editor's history. Returns true when `flow` changed.
bool handleUndoShortcuts(Flow& flow, StackEditorState& ui);

}  // namespace flowlab::app
