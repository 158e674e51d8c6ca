// Text on the 1D canvas: every label is drawn through putLabel, which also records its rectangle,
// so the layout checks (no overlap, nothing outside the canvas) see exactly what was drawn.
#pragma once

#include <string>

#include <imgui.h>

#include "app/views/lab1d/lab1d_layout.h"

namespace flowlab::app {

// Draws `text` with its top-left corner at `pos` and records it. `panel`: the panel it may sit in.
void putLabel(ImDrawList* dl, Lab1DDrawn& drawn, ImVec2 pos, ImU32 colour, const std::string& text, int panel = -1);

// `text` with line breaks at spaces only, so that no line is wider than `width` where a space allows
// it. Dear ImGui's own wrapping also breaks after '.' and ',', splitting numbers such as "0.9".
std::string wrapLabelAtSpaces(const std::string& text, float width);

}  // namespace flowlab::app
