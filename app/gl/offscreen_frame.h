// Renders ImGui's draw data into an offscreen framebuffer of any size and reads it back: the
// canvas exports at 2x or a chosen size draw a frame that never reaches the screen.
#pragma once

#include <imgui.h>

#include "app/gl/screenshot.h"

namespace flowlab::app {

// The draw data rendered at width x height over a clear colour; empty pixels (width 0) when the
// size exceeds what the GL allows or the framebuffer cannot be made.
FramePixels renderOffscreen(ImDrawData* drawData, int width, int height, const float clear[3]);

// The rectangle [x, x + w) x [y, y + h) of the pixels, clipped to them.
FramePixels cropPixels(const FramePixels& pixels, int x, int y, int w, int h);

}  // namespace flowlab::app
