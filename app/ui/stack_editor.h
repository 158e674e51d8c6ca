// The layer stack editor shared by the 1D and 2D labs: add, remove, reorder, enable, duplicate
// layers from the engine's library, and edit each layer's parameters with sliders and typed values.
#pragma once

#include <string>

#include "app/ui/flow_history.h"
#include "core/flow/flow.h"

namespace flowlab::app {

struct StackEditorState {
  int selected = 0;  // layer whose parameters are open; -1 none
  FlowHistory history;
};

// Draws the editor. Returns true when `flow` changed this frame (the caller recomputes once).
bool drawStackEditor(Flow& flow, StackEditorState& ui);

// Ctrl+Z / Ctrl+Y (or Ctrl+Shift+Z) on the editor's history. Returns true when `flow` changed.
bool handleUndoShortcuts(Flow& flow, StackEditorState& ui);

}  // namespace flowlab::app
