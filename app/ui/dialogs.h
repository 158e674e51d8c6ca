// Modal and floating windows: About, Keyboard shortcuts, Messages, Open scene.
#pragma once

#include <string>

namespace flowlab::app {

struct AppState;

void drawDialogs(AppState& state);

// Opens a scene file in the view that shows its dimension and switches to it. On failure the
// current scene stays and the reason is posted. Returns success.
bool openSceneFile(AppState& state, const std::string& path);

}  // namespace flowlab::app
