// File > Export as PyTorch script...: the active view's flow as a standalone PyTorch file
// (core/export/pytorch_export.h), as `flowlab export --format pytorch` writes it. The labs export
// their scene, the Training view its current model, the Energy view its fitted flow.
#pragma once

#include <string>

#include "core/scene/scene_file.h"

namespace flowlab::app {

struct AppState;
class View;

// The scene a view exports; fails with the reason when it has none (the Welcome view).
Expected<SceneFile> exportableScene(View& view);

// The menu item (inside File) and its path dialog; writes atomically and posts the result.
void pytorchExportMenuItem(AppState& state);
void drawPytorchExportDialog(AppState& state);

}  // namespace flowlab::app
