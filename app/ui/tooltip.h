// Tooltips that stay readable wherever they open: the theme's light text on an opaque dark box,
// even over the light canvas, whose widgets push a dark text colour.
#pragma once

namespace flowlab::app {

// Like ImGui::SetTooltip, for the item just submitted or the current hover.
void showTooltip(const char* fmt, ...);

}  // namespace flowlab::app
