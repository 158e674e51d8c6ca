// The top of a lab's sidebar: the preset picker, the scene's description, and Reset / Undo / Redo.
#pragma once

#include <functional>
#include <string>

#include "app/ui/stack_editor.h"
#include "core/scene/scene_file.h"

namespace flowlab::app {

// `open(path)` opens a preset (and starts a new undo history). Reset reopens the current preset but
// keeps the history, so Ctrl+Z brings back what Reset replaced. Returns true when Undo/Redo changed
// scene.flow.
bool drawPresetHeader(int dim, SceneFile& scene, const std::string& presetPath, StackEditorState& editor,
                      const std::function<void(const std::string&)>& open);

}  // namespace flowlab::app
