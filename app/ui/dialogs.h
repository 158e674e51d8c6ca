// Modal and floating windows: About, Keyboard shortcuts, Messages, Open scene.
#pragma once

#include <string>

namespace flowlab::app {

struct AppState;

void drawDialogs(AppState& state);

// Opens a scene file in the view that shows its dimension and switches to it. On failure the
// current scene stays and the reason is posted. Returns success.
bool openSceneFile(AppState& state, const std::string& path);

// A modal asking for a file path (opened when `show` is set, which it clears): `what` above the
// field, `action` on the confirming button. True on the frame it is confirmed with a path.
bool pathDialog(const char* title, bool& show, std::string& path, const char* what, const char* action);

}  // namespace flowlab::app
