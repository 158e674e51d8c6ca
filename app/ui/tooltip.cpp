#include "app/ui/tooltip.h"

#include <cstdarg>

#include <imgui.h>

#include "app/ui/theme.h"

namespace flowlab::app {

void showTooltip(const char* fmt, ...) {
  ImGui::BeginTooltip();
  ImGui::PushStyleColor(ImGuiCol_Text, theme::kTooltipText);
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0f);
  va_list args;
  va_start(args, fmt);
  ImGui::TextV(fmt, args);
  va_end(args);
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  ImGui::EndTooltip();
}

}  // namespace flowlab::app
