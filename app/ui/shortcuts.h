// The one table of keyboard shortcuts and mouse gestures: the handlers test keys through it and
// the F1 window lists it, grouped by view, so the help can never disagree with the bindings.
#pragma once

#include <vector>

namespace flowlab::app {

enum class Action {
  OpenScene, SaveScene, SaveSceneAs, CopyScene, PasteScene, Lessons, Presentation, FullScreen, Blank, Quit, ToggleSidebar, LargerText, SmallerText, Screenshot, ExportCanvas, ExportCanvas2x, RecordGif, Help,
  View1, View2, View3, View4, View5, View6,
  Undo, Redo, RedoShift,
  PlayPause, NextLayer, PreviousLayer, NextStep, PreviousStep, Reveal,
  TrainRunPause, TrainReset, TrainSaveModel, TrainOpenModel, TrainDrawTool, TrainUseDrawing, TrainImportPoints,
  EnergyRunPause, EnergyRestart,
  CompareRunPause, CompareReset,
  Gesture,  // a mouse gesture: listed, not bound to a key
};

struct Shortcut {
  Action action;
  const char* group;        // "Everywhere", "Labs", "2D lab", "1D lab", "Training", "Energy"
  const char* keys;         // as shown, e.g. "Ctrl+=", "Shift+drag"
  const char* description;
  int key = 0;              // GLFW key code (0 for gestures)
  bool ctrl = false, shift = false;
};

const std::vector<Shortcut>& shortcutTable();
// The keys shown for an action ("Ctrl+B"), for menus and tooltips; "" if unbound.
const char* shortcutKeys(Action action);
// Whether the action's key went down this frame with exactly its modifiers (Ctrl and Shift);
// false while a text field has the keyboard.
bool shortcutPressed(Action action);

}  // namespace flowlab::app
