#include "app/ui/fonts.h"

#include <imgui.h>

#include "app/platform/config_paths.h"

namespace flowlab::app {

std::string loadFonts(float pixelSize) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  const auto font = findUiFont();
  std::string note;
  // Greek letters, arrows and math symbols appear in labels (σ, ∫, ≤, →).
  static const ImWchar ranges[] = {0x0020, 0x00FF, 0x0370, 0x03FF, 0x1D00, 0x1DBF, 0x2000, 0x22FF, 0};
  if (font.empty() || !io.Fonts->AddFontFromFileTTF(font.c_str(), pixelSize, nullptr, ranges)) {
    ImFontConfig cfg;
    cfg.SizePixels = pixelSize;
    io.Fonts->AddFontDefault(&cfg);
    note = "no TrueType font found (install fonts-dejavu-core); using ImGui's built-in font";
  }
  io.Fonts->Build();
  return note;
}

}  // namespace flowlab::app
