#include "app/ui/shell.h"

#include <algorithm>
#include <cstdio>

#include <imgui.h>

#include "app/platform/numbered_file.h"
#include "app/ui/app_state.h"
#include "app/ui/dialogs.h"
#include "app/ui/keys.h"
#include "app/ui/lessons_window.h"
#include "app/ui/maf_vs_iaf_panel.h"
#include "app/ui/scene_files.h"
#include "app/ui/pytorch_export_menu.h"
#include "app/ui/shortcuts.h"
#include "app/ui/theme.h"
#include "app/ui/tooltip.h"
#include "app/ui/view.h"

namespace flowlab::app {
namespace {

void togglePresentation(AppState& state) {
  state.presentation = !state.presentation;
  state.presentationSidebar = false;  // the canvas takes the width; Ctrl+B brings the sidebar
  state.fontRebuildRequested = true;
  state.info(state.presentation ? "Presentation mode (F5 to leave; Ctrl+B sidebar, B blanks the screen, F11 full screen)"
                                : "Presentation mode off");
}

void changeUiScale(AppState& state, float factor) {
  state.settings.uiScale = std::clamp(state.settings.uiScale * factor, 0.5f, 3.0f);
  state.fontRebuildRequested = true;
}

// File > Export canvas: the canvas alone at a scale or a chosen width, and GIF recording.
void drawExportMenu(AppState& state) {
  if (ImGui::BeginMenu("Export canvas as PNG")) {
    const float w = state.canvasSize.x, h = state.canvasSize.y;
    char label[64];
    for (float k : {1.0f, 2.0f, 3.0f}) {
      std::snprintf(label, sizeof label, "%.0fx  (%.0f x %.0f)", k, w * k, h * k);
      const char* keys = k == 1.0f ? shortcutKeys(Action::ExportCanvas) : k == 2.0f ? shortcutKeys(Action::ExportCanvas2x) : "";
      if (ImGui::MenuItem(label, keys)) state.canvasExportScale = k;
    }
    int& chosenWidth = state.canvasExportWidth;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6.0f);
    ImGui::InputInt("##width", &chosenWidth, 0);
    chosenWidth = std::clamp(chosenWidth, 64, 8192);
    ImGui::SameLine();
    std::snprintf(label, sizeof label, "px wide (%d x %.0f)", chosenWidth, w > 0 ? h * chosenWidth / w : 0.0f);
    if (ImGui::Button(label) && w > 0) {
      state.canvasExportScale = float(chosenWidth) / w;
      ImGui::CloseCurrentPopup();
    }
    if (ImGui::IsItemHovered()) showTooltip("Draw the canvas again at this width (text and strokes scale with it)");
    ImGui::TextDisabled("to %s, numbered, never overwriting", picturesFolder().c_str());
    ImGui::EndMenu();
  }
  if (ImGui::IsItemHovered())
    showTooltip("The canvas without the sidebar, drawn again at the size you pick: crisp text and lines for slides");
  char gif[64];
  if (state.gifRecording) std::snprintf(gif, sizeof gif, "Stop recording GIF (%d frames)", state.gifFrames);
  if (ImGui::MenuItem(state.gifRecording ? gif : "Record GIF of the canvas", shortcutKeys(Action::RecordGif)))
    state.gifToggleRequested = true;
  if (ImGui::IsItemHovered())
    showTooltip("Records the canvas at 15 frames a second until you stop; then saves an animated GIF to %s",
                picturesFolder().c_str());
}

void drawMainMenu(AppState& state) {
  if (!ImGui::BeginMainMenuBar()) return;
  if (ImGui::BeginMenu("File")) {
    if (ImGui::MenuItem("Open scene...", shortcutKeys(Action::OpenScene))) state.showOpenScene = true;
    if (ImGui::IsItemHovered()) showTooltip("Open a scene file (a lesson, or one you saved) in the view it belongs to");
    drawSceneFileMenu(state);
    pytorchExportMenuItem(state);
    ImGui::Separator();
    if (ImGui::MenuItem("Save screenshot", shortcutKeys(Action::Screenshot))) state.screenshotRequested = true;
    if (ImGui::IsItemHovered()) showTooltip("The whole window, sidebar included, as PNG in %s", picturesFolder().c_str());
    drawExportMenu(state);
    if (state.activeView) state.activeView->fileMenu(state);
    ImGui::Separator();
    if (ImGui::MenuItem("Quit", shortcutKeys(Action::Quit))) state.quitRequested = true;
    if (ImGui::IsItemHovered()) showTooltip("Quit FlowLab (asks first when a scene has unsaved changes)");
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("View")) {
    int index = 1;
    for (const auto& v : state.views) {
      char shortcut[16];
      std::snprintf(shortcut, sizeof shortcut, "Ctrl+%d", index++);
      if (ImGui::MenuItem(v->title().c_str(), shortcut, state.activeView == v.get())) state.activate(v->id());
    }
    ImGui::Separator();
    ImGui::MenuItem("Sidebar", shortcutKeys(Action::ToggleSidebar),
                    state.presentation ? &state.presentationSidebar : &state.settings.sidebarVisible);
    ImGui::MenuItem("Messages", nullptr, &state.showMessages);
    ImGui::MenuItem("Lessons", shortcutKeys(Action::Lessons), &state.showLessons);
    if (ImGui::MenuItem("MAF vs IAF", nullptr, state.showMafVsIaf)) openMafVsIafPanel(state);
    if (ImGui::MenuItem("Presentation mode", shortcutKeys(Action::Presentation), state.presentation))
      togglePresentation(state);
    ImGui::MenuItem("Full screen", shortcutKeys(Action::FullScreen), &state.fullscreen);
    ImGui::MenuItem("Blank screen", shortcutKeys(Action::Blank), &state.blanked);
    if (ImGui::MenuItem("Larger text", shortcutKeys(Action::LargerText))) changeUiScale(state, 1.1f);
    if (ImGui::MenuItem("Smaller text", shortcutKeys(Action::SmallerText))) changeUiScale(state, 1.0f / 1.1f);
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Help")) {
    if (ImGui::MenuItem("Keyboard shortcuts", shortcutKeys(Action::Help))) state.showShortcuts = true;
    if (ImGui::MenuItem("About FlowLab")) state.showAbout = true;
    ImGui::EndMenu();
  }
  ImGui::EndMainMenuBar();
}

void drawStatusBar(AppState& state, ImVec2 pos, ImVec2 size) {
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(ImGui::GetFontSize() * 0.5f, 2.0f));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, state.presentation ? theme::kStatusBarBgPresenting : theme::kStatusBarBg);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                 ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::Begin("##statusbar", nullptr, flags);
  ImGui::Text("%s", state.frame.glRenderer.c_str());
  ImGui::SameLine();
  ImGui::TextDisabled("|  GL %s  |  frame %.1f ms%s", state.frame.glVersion.c_str(), state.frame.frameMs,
                      state.frame.idle ? " (idle: redraws on input)" : "");
  if (ImGui::IsItemHovered()) showTooltip("CPU time of the last frames' work; while nothing changes, nothing is redrawn");
  if (const Message* m = state.messages.latest()) {
    ImGui::SameLine();
    ImGui::TextDisabled("|");
    ImGui::SameLine();
    // On the light presentation chrome, the dark theme's pale message colours would wash out.
    const bool light = state.presentation;
    const ImVec4 colour = m->severity == Severity::Error     ? (light ? ImVec4(0.70f, 0.05f, 0.05f, 1) : theme::kErrorText)
                          : m->severity == Severity::Warning ? (light ? ImVec4(0.55f, 0.30f, 0.0f, 1) : theme::kWarningText)
                                                             : (light ? ImVec4(0.05f, 0.20f, 0.50f, 1) : theme::kInfoText);
    ImGui::TextColored(colour, "%s%s", m->text.c_str(), m->count > 1 ? "  (repeated)" : "");
    if (ImGui::IsItemClicked()) state.showMessages = true;
    if (ImGui::IsItemHovered()) showTooltip("Click to open the message log");
  }
  ImGui::End();
  ImGui::PopStyleColor();
  ImGui::PopStyleVar();
}

void drawSidebar(AppState& state, ImVec2 pos, ImVec2 size) {
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, state.presentation ? theme::kSidebarBgPresenting : theme::kSidebarBg);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings |
                                 ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::Begin("##sidebar", nullptr, flags);
  // The always-needed actions sit on the top row (Polyscope's Reset View | Screenshot | ?).
  const float em = ImGui::GetFontSize();
  ImGui::SetNextItemWidth(em * 9.0f);
  if (ImGui::BeginCombo("##view", state.activeView ? state.activeView->title().c_str() : "")) {
    for (const auto& v : state.views)
      if (ImGui::Selectable(v->title().c_str(), state.activeView == v.get())) state.activate(v->id());
    ImGui::EndCombo();
  }
  if (ImGui::IsItemHovered()) showTooltip("Switch view (Ctrl+1..%d)", int(state.views.size()));
  ImGui::SameLine();
  if (ImGui::Button("Screenshot")) state.screenshotRequested = true;
  if (ImGui::IsItemHovered()) showTooltip("Save the window as PNG (F12)");
  ImGui::SameLine();
  if (ImGui::Button("?")) state.showShortcuts = true;
  if (ImGui::IsItemHovered()) showTooltip("Keyboard shortcuts (F1)");
  ImGui::Separator();
  if (state.activeView) state.activeView->sidebar(state);
  ImGui::End();
  ImGui::PopStyleColor();
}

void drawCanvas(AppState& state, ImVec2 pos, ImVec2 size) {
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, theme::kCanvasBg);
  // No fill of its own: the frame is cleared to the canvas colour (Window::setClearColour).
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                                 ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoBackground;
  ImGui::Begin("##canvas", nullptr, flags);
  // The canvas is light: widgets placed on it use dark text.
  ImGui::PushStyleColor(ImGuiCol_Text, theme::kCanvasText);
  if (state.activeView) state.activeView->canvas(state, pos, size);
  ImGui::PopStyleColor();
  ImGui::End();
  ImGui::PopStyleColor();
  ImGui::PopStyleVar();
}

}  // namespace

void handleGlobalShortcuts(AppState& state) {
  if (shortcutPressed(Action::OpenScene)) state.showOpenScene = true;
  handleSceneFileShortcuts(state);
  if (shortcutPressed(Action::Lessons)) state.showLessons = !state.showLessons;
  if (shortcutPressed(Action::Presentation)) togglePresentation(state);
  if (shortcutPressed(Action::FullScreen)) state.fullscreen = !state.fullscreen;
  if (shortcutPressed(Action::Blank)) state.blanked = !state.blanked;
  if (shortcutPressed(Action::Quit)) state.quitRequested = true;
  if (shortcutPressed(Action::ToggleSidebar)) {
    bool& shown = state.presentation ? state.presentationSidebar : state.settings.sidebarVisible;
    shown = !shown;
  }
  if (shortcutPressed(Action::LargerText)) changeUiScale(state, 1.1f);
  if (shortcutPressed(Action::SmallerText)) changeUiScale(state, 1.0f / 1.1f);
  if (shortcutPressed(Action::Screenshot)) state.screenshotRequested = true;
  if (shortcutPressed(Action::ExportCanvas)) state.canvasExportScale = 1.0f;
  if (shortcutPressed(Action::ExportCanvas2x)) state.canvasExportScale = 2.0f;
  if (shortcutPressed(Action::RecordGif)) state.gifToggleRequested = true;
  if (shortcutPressed(Action::Help)) state.showShortcuts = !state.showShortcuts;
  const Action viewKeys[] = {Action::View1, Action::View2, Action::View3, Action::View4, Action::View5, Action::View6};
  for (size_t i = 0; i < state.views.size() && i < 6; ++i)
    if (shortcutPressed(viewKeys[i])) state.activate(state.views[i]->id());
}

void drawShell(AppState& state) {
  if (!ImGui::GetIO().WantTextInput) handleGlobalShortcuts(state);
  if (state.blanked) {
    // Nothing but the plain background (the frame is cleared to the canvas colour); the views
    // keep their state and training keeps running.
    if (state.activeView) state.activeView->update(state, ImGui::GetIO().DeltaTime);
    return;
  }
  drawMainMenu(state);
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float top = ImGui::GetFrameHeight();
  const float statusHeight = ImGui::GetFrameHeight();
  const float bodyHeight = std::max(0.0f, display.y - top - statusHeight);
  float sidebarWidth = 0.0f;
  if (state.sidebarShown()) {
    sidebarWidth = std::min(state.settings.sidebarWidthEm * ImGui::GetFontSize(), display.x * 0.5f);
    drawSidebar(state, ImVec2(0, top), ImVec2(sidebarWidth, bodyHeight));
  }
  // After the widgets, before the canvas: the view's keys, animation and recomputation.
  if (state.activeView) state.activeView->update(state, ImGui::GetIO().DeltaTime);
  updateSceneFiles(state);  // after the views applied this frame's edits: the modified mark
  state.canvasPos = ImVec2(sidebarWidth, top);
  state.canvasSize = ImVec2(display.x - sidebarWidth, bodyHeight);
  drawCanvas(state, state.canvasPos, state.canvasSize);
  drawStatusBar(state, ImVec2(0, display.y - statusHeight), ImVec2(display.x, statusHeight));
  drawDialogs(state);
  drawLessonsWindow(state);
  drawMafVsIafWindow(state);
  drawPytorchExportDialog(state);
}

}  // namespace flowlab::app
