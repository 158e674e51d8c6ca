#include "app/views/lab1d/lab1d_text.h"

#include <algorithm>

namespace flowlab::app {

void putLabel(ImDrawList* dl, Lab1DDrawn& drawn, ImVec2 pos, ImU32 colour, const std::string& text, int panel) {
  const ImVec2 size = ImGui::CalcTextSize(text.c_str());
  dl->AddText(pos, colour, text.c_str());
  drawn.labels.push_back(Lab1DLabel{text, pos, ImVec2(pos.x + size.x, pos.y + size.y), panel});
}

std::string wrapLabelAtSpaces(const std::string& text, float width) {
  std::string out, line;
  auto fits = [&](const std::string& s) { return ImGui::CalcTextSize(s.c_str()).x <= width; };
  size_t i = 0;
  while (i <= text.size()) {
    const size_t end = std::min(text.find_first_of(" \n", i), text.size());
    const std::string word = text.substr(i, end - i);
    if (line.empty()) {
      line = word;
    } else if (fits(line + " " + word)) {
      line += " " + word;
    } else {
      out += line + "\n";
      line = word;
    }
    if (end < text.size() && text[end] == '\n') {
      out += line + "\n";
      line.clear();
    }
    i = end + 1;
  }
  return out + line;
}

}  // namespace flowlab::app
