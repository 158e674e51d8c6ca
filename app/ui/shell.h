// The frame around every view: main menu bar, left sidebar, central canvas, status bar, dialogs
// and global shortcuts. Sizes are multiples of the font size, so one UI scale scales everything.
#pragma once

namespace flowlab::app {

struct AppState;

// Lays out and draws the whole UI for one frame (between ImGui::NewFrame and ImGui::Render).
void drawShell(AppState& state);

// Global keyboard shortcuts (Ctrl+O, Ctrl+Q, F12, F1, Ctrl+B, Ctrl+1..4, Ctrl+= / Ctrl+-).
void handleGlobalShortcuts(AppState& state);

}  // namespace flowlab::app
