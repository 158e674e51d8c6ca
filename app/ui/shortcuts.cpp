#include "app/ui/shortcuts.h"

#include <imgui.h>

#include "app/ui/keys.h"

namespace flowlab::app {

const std::vector<Shortcut>& shortcutTable() {
  static const std::vector<Shortcut> table = {
      {Action::OpenScene, "Everywhere", "Ctrl+O", "Open a scene file", keys::O, true},
      {Action::SaveScene, "Everywhere", "Ctrl+S", "Save the scene (asks where the first time)", keys::S, true},
      {Action::SaveSceneAs, "Everywhere", "Ctrl+Shift+S", "Save the scene as a new file", keys::S, true, true},
      {Action::CopyScene, "Everywhere", "Ctrl+Shift+C", "Copy the whole scene to the clipboard as text (for a chat)", keys::C, true, true},
      {Action::PasteScene, "Everywhere", "Ctrl+Shift+V", "Paste a scene copied as text (opens it)", keys::V, true, true},
      {Action::Lessons, "Everywhere", "F2", "Lessons: the scenes by chapter", keys::F2},
      {Action::Presentation, "Everywhere", "F5", "Presentation mode: large text and strokes, light theme", keys::F5},
      {Action::FullScreen, "Everywhere", "F11", "Full screen", keys::F11},
      {Action::Blank, "Everywhere", "B", "Blank the screen (B again shows it)", keys::B},
      {Action::Screenshot, "Everywhere", "F12", "Save a screenshot (numbered, never overwrites)", keys::F12},
      {Action::ExportCanvas, "Everywhere", "Shift+F12", "Export the canvas alone as PNG (no sidebar), at screen size", keys::F12, false, true},
      {Action::ExportCanvas2x, "Everywhere", "Ctrl+F12", "Export the canvas alone as PNG at twice the size (for slides)", keys::F12, true},
      {Action::RecordGif, "Everywhere", "F9", "Record the canvas as an animated GIF; F9 again stops and saves it", keys::F9},
      {Action::View1, "Everywhere", "Ctrl+1", "Welcome", keys::Num1, true},
      {Action::View2, "Everywhere", "Ctrl+2", "1D flow lab", keys::Num2, true},
      {Action::View3, "Everywhere", "Ctrl+3", "2D flow lab", keys::Num3, true},
      {Action::View4, "Everywhere", "Ctrl+4", "Training", keys::Num4, true},
      {Action::View5, "Everywhere", "Ctrl+5", "Energy: fit a flow to an unnormalized density", keys::Num5, true},
      {Action::View6, "Everywhere", "Ctrl+6", "Compare: two training runs side by side", keys::Num6, true},
      {Action::ToggleSidebar, "Everywhere", "Ctrl+B", "Show or hide the sidebar", keys::B, true},
      {Action::LargerText, "Everywhere", "Ctrl+=", "Larger text", keys::Equal, true},
      {Action::SmallerText, "Everywhere", "Ctrl+-", "Smaller text", keys::Minus, true},
      {Action::Help, "Everywhere", "F1", "This list", keys::F1},
      {Action::Quit, "Everywhere", "Ctrl+Q", "Quit", keys::Q, true},
      {Action::Undo, "Labs", "Ctrl+Z", "Undo a parameter change", keys::Z, true},
      {Action::Redo, "Labs", "Ctrl+Y", "Redo", keys::Y, true},
      {Action::RedoShift, "Labs", "Ctrl+Shift+Z", "Redo", keys::Z, true, true},
      {Action::Gesture, "Labs", "Ctrl+click a slider", "Type an exact value", 0},
      {Action::NextStep, "Labs", "PageDown", "Next guided step of a lesson (a presenter's clicker)", keys::PageDown},
      {Action::PreviousStep, "Labs", "PageUp", "Previous guided step", keys::PageUp},
      {Action::Reveal, "2D lab", "R", "Reveal what a prediction lesson hides (density, grid, patches)", keys::R},
      {Action::PlayPause, "2D lab", "Space", "Play or pause the layer-by-layer morph", keys::Space},
      {Action::NextLayer, "2D lab", "Right", "Next layer", keys::Right},
      {Action::PreviousLayer, "2D lab", "Left", "Previous layer", keys::Left},
      {Action::Gesture, "2D lab", "Drag a handle", "Move a column of A, b, u, w or z₀", 0},
      {Action::Gesture, "2D lab", "Scroll", "Zoom the pane under the pointer", 0},
      {Action::Gesture, "2D lab", "Drag empty space", "Pan the pane", 0},
      {Action::Gesture, "1D lab", "Drag the line", "Move the affine map (b)", 0},
      {Action::Gesture, "1D lab", "Shift+drag the line", "Turn it (the slope a)", 0},
      {Action::Gesture, "1D lab", "Drag a knot", "Reshape the spline", 0},
      {Action::TrainRunPause, "Training", "Space", "Run or pause training", keys::Space},
      {Action::TrainReset, "Training", "R", "Reset to step 0", keys::R},
      // Ctrl+S is Save scene everywhere; in this view the scene it saves is the model (a checkpoint).
      {Action::TrainSaveModel, "Training", "Ctrl+S", "Save scene: the model with its optimizer state", 0},
      {Action::TrainOpenModel, "Training", "Ctrl+Shift+O", "Open a saved model and continue training it", keys::O, true, true},
      {Action::TrainDrawTool, "Training", "D", "Draw your own points on the density pane (again: done)", keys::D},
      {Action::Gesture, "Training", "Drag on p_X (drawing)", "Spray points; Shift+drag erases", 0},
      {Action::Undo, "Training", "Ctrl+Z (drawing)", "Take back the last stroke", keys::Z, true},
      {Action::TrainUseDrawing, "Training", "T (drawing)", "Train on the drawn points", keys::T},
      {Action::TrainImportPoints, "Training", "Ctrl+I", "Import points from a CSV file and train on them", keys::I, true},
      {Action::EnergyRunPause, "Energy", "Space", "Fit, pause or continue", keys::Space},
      {Action::EnergyRestart, "Energy", "R", "Start the fit again from step 0", keys::R},
      {Action::Gesture, "Energy", "Enter in the expression", "Use the typed target u(x, y)", 0},
      {Action::CompareRunPause, "Compare", "Space", "Run or pause both runs", keys::Space},
      {Action::CompareReset, "Compare", "R", "Both runs back to step 0", keys::R},
  };
  return table;
}

const char* shortcutKeys(Action action) {
  for (const Shortcut& s : shortcutTable())
    if (s.action == action) return s.keys;
  return "";
}

bool shortcutPressed(Action action) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput) return false;
  for (const Shortcut& s : shortcutTable()) {
    if (s.action != action || s.key == 0) continue;
    if (io.KeyCtrl == s.ctrl && io.KeyShift == s.shift && ImGui::IsKeyPressed(s.key, false)) return true;
  }
  return false;
}

}  // namespace flowlab::app
