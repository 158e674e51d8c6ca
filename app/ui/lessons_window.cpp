#include "app/ui/lessons_window.h"

#include <string>

#include <imgui.h>

#include "app/ui/app_state.h"
#include "app/ui/dialogs.h"
#include "app/ui/lesson_catalog.h"
#include "app/ui/theme.h"
#include "app/ui/tooltip.h"

namespace flowlab::app {

void drawLessonsWindow(AppState& state) {
  if (!state.showLessons) return;
  const float em = ImGui::GetFontSize();
  ImGui::SetNextWindowSize(ImVec2(em * 30, em * 30), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_FirstUseEver, ImVec2(0.5f, 0.5f));
  if (!ImGui::Begin("Lessons", &state.showLessons)) {
    ImGui::End();
    return;
  }
  ImGui::TextWrapped("The teaching series, chapter by chapter. Click a lesson to open it (F2 brings this list "
                     "back); its explanation shows in the sidebar.");
  const std::vector<Lesson>& all = lessons();
  for (const Chapter& c : chapters()) {
    int count = 0;
    for (const Lesson& l : all) count += l.chapter == c.number;
    char header[128];
    std::snprintf(header, sizeof header, "%d  %s  (%d)###chapter%d", c.number, c.title, count, c.number);
    ImGui::SetNextItemOpen(state.lessonsChapter == c.number || state.lessonsChapter == 0, ImGuiCond_Appearing);
    if (!ImGui::CollapsingHeader(header)) continue;
    ImGui::TextDisabled("%s", c.line);
    if (count == 0) ImGui::TextDisabled("(no lessons yet)");
    for (const Lesson& l : all) {
      if (l.chapter != c.number) continue;
      ImGui::PushID(l.path.c_str());
      const bool current = state.settings.lastScene == l.path;
      // Opening a lesson gives the canvas back to it (F2 brings the list back, at this chapter).
      if (ImGui::Selectable(l.title.c_str(), current) && openSceneFile(state, l.path)) {
        state.lessonsChapter = c.number;
        state.showLessons = false;
      }
      if (ImGui::IsItemHovered() && !l.description.empty()) showTooltip("%s", l.description.c_str());
      ImGui::PopID();
    }
  }
  ImGui::End();
}

}  // namespace flowlab::app
