#include "app/views/lab2d/lab2d_steps.h"

#include <algorithm>
#include <cfloat>

#include "app/ui/app_state.h"
#include "app/ui/keys.h"
#include "app/ui/shortcuts.h"
#include "app/ui/theme.h"
#include "app/ui/tooltip.h"
#include "app/views/lab2d/lab2d_state.h"
#include "core/io/read_file.h"
#include "core/scene/scene_file.h"

namespace flowlab::app {
namespace {

Lab2DSteps::Looks looksOf(const Lab2DState& s) {
  return {s.showDensity, s.showGrid, s.showPatches, s.showSamples, s.showRoundTrip, s.position};
}

void setOverlay(Lab2DState& s, const std::string& name, bool on) {
  if (name == "density") s.showDensity = on;
  else if (name == "grid") s.showGrid = on;
  else if (name == "patches") s.showPatches = on;
  else if (name == "samples") s.showSamples = on;
  else if (name == "roundtrip") s.showRoundTrip = on;
  else if (name == "handles") s.showHandles = on;
}

// Hides what `hidden` names and reveals the rest (fading in when `fade`, else at once).
void applyHidden(Lab2DSteps& g, const std::vector<std::string>& hidden, bool fade) {
  const auto has = [&](const char* name) { return std::find(hidden.begin(), hidden.end(), name) != hidden.end(); };
  for (auto [veil, name] : {std::pair{&g.density, "density"}, {&g.grid, "grid"}, {&g.patches, "patches"}}) {
    if (has(name)) {
      veil->hidden = true, veil->shown = 0.0;
    } else if (veil->hidden) {
      veil->hidden = false, veil->shown = fade ? 0.0 : 1.0;
    }
  }
}

}  // namespace

void loadLab2DSteps(AppState& app, Lab2DState& s, const std::string& path, const std::string& sceneText) {
  Lab2DSteps& g = s.steps;
  g = Lab2DSteps{};
  loadGuidedSteps(app, g, s.scene, path, sceneText, {"density", "grid", "patches", "samples", "roundtrip", "handles"});
  g.opened = looksOf(s);
  // readSceneSteps has checked "hidden" already.
  if (Expected<std::vector<std::string>> hidden = readHiddenOverlays(s.scene); hidden.ok()) g.hiddenOpened = hidden.value;
  applyHidden(g, g.hiddenOpened, false);
}

void goToLab2DStep(Lab2DState& s, int k, bool animate) {
  Lab2DSteps& g = s.steps;
  if (!g.start || g.steps.empty()) return;
  walkGuidedSteps(g, s.scene.flow, k, animate);
  applyHidden(g, hiddenAfterSteps(g.hiddenOpened, g.steps, g.shown), animate);
  // Overlays and the layer slider: as opened, then each step's changes in order.
  s.showDensity = g.opened.density, s.showGrid = g.opened.grid, s.showPatches = g.opened.patches;
  s.showSamples = g.opened.samples, s.showRoundTrip = g.opened.roundTrip;
  s.position = g.opened.position;
  for (int i = 0; i < g.shown; ++i) {
    for (const auto& [name, on] : g.steps[size_t(i)].overlays) setOverlay(s, name, on);
    if (g.steps[size_t(i)].layers) s.position = *g.steps[size_t(i)].layers >= enabledLayers(s) ? -1.0 : *g.steps[size_t(i)].layers;
  }
  s.playing = false;
  s.dirty = true;
}

void updateLab2DSteps(Lab2DState& s, double dt) {
  Lab2DSteps& g = s.steps;
  if (g.anyHidden() && !ImGui::GetIO().WantTextInput && shortcutPressed(Action::Reveal)) g.revealRequested = true;
  if (g.revealRequested) applyHidden(g, {}, true);
  g.revealRequested = false;
  for (Lab2DSteps::Veil* v : {&g.density, &g.grid, &g.patches})
    if (!v->hidden && v->shown < 1.0) v->shown = std::min(1.0, v->shown + dt / Lab2DSteps::kRevealSeconds);
  if (const std::optional<int> k = requestedGuidedStep(g)) goToLab2DStep(s, *k, true);
  s.dirty |= animateGuidedSteps(g, s.scene.flow, dt);
}

bool lab2dStepAnimating(const Lab2DState& s) { return s.steps.animating(); }

bool lab2dRevealFading(const Lab2DState& s) {
  const Lab2DSteps& g = s.steps;
  for (const Lab2DSteps::Veil* v : {&g.density, &g.grid, &g.patches})
    if (!v->hidden && v->shown < 1.0) return true;
  return false;
}

std::string lab2dHiddenNames(const Lab2DState& s) {
  std::string out;
  const Lab2DSteps& g = s.steps;
  for (auto [veil, name] : {std::pair{&g.density, "density"}, {&g.grid, "grid"}, {&g.patches, "patches"}})
    if (veil->hidden) out += (out.empty() ? "" : ",") + std::string(name);
  return out.empty() ? "none" : out;
}

void drawLab2DPrediction(ImDrawList* dl, const Lab2DState& s, ImVec2 mn, ImVec2 mx) {
  const Lab2DSteps& g = s.steps;
  if (!g.anyHidden()) return;
  std::string what;
  if (g.density.hidden) what += "the density";
  if (g.grid.hidden) what += std::string(what.empty() ? "" : ", ") + "the grid";
  if (g.patches.hidden) what += std::string(what.empty() ? "" : ", ") + "the volume patches";
  const float em = ImGui::GetFontSize();
  const ImVec2 centre((mn.x + mx.x) * 0.5f, (mn.y + mx.y) * 0.5f);
  const float big = em * 4.0f;
  const ImVec2 q = ImGui::GetFont()->CalcTextSizeA(big, FLT_MAX, 0.0f, "?");
  dl->AddText(ImGui::GetFont(), big, ImVec2(centre.x - q.x * 0.5f, centre.y - q.y), IM_COL32(150, 150, 160, 255), "?");
  const std::string line = "Predict " + what + ", then Reveal (" + shortcutKeys(Action::Reveal) + ")";
  const float wrap = (mx.x - mn.x) - em * 2.0f;
  const ImVec2 ts = ImGui::GetFont()->CalcTextSizeA(em, FLT_MAX, wrap, line.c_str());
  const ImVec2 at(centre.x - ts.x * 0.5f, centre.y + em * 0.3f);
  dl->AddRectFilled(ImVec2(at.x - em * 0.4f, at.y - em * 0.2f), ImVec2(at.x + ts.x + em * 0.4f, at.y + ts.y + em * 0.2f),
                    IM_COL32(255, 255, 255, 230), em * 0.3f);
  dl->AddText(ImGui::GetFont(), em, at, theme::kText, line.c_str(), nullptr, wrap);
}

void drawLab2DStepControls(Lab2DState& s) {
  Lab2DSteps& g = s.steps;
  if (g.anyHidden()) {
    ImGui::Separator();
    if (ImGui::Button("Reveal")) g.revealRequested = true;
    if (ImGui::IsItemHovered())
      showTooltip("Show what the output pane hides (%s): make your prediction first (%s)", lab2dHiddenNames(s).c_str(),
                  shortcutKeys(Action::Reveal));
  }
  drawGuidedStepControls(g);
}

float drawLab2DStepCaption(ImDrawList* dl, const Lab2DState& s, ImVec2 origin, ImVec2 size) {
  return drawGuidedStepCaption(dl, s.steps, origin, size);
}

}  // namespace flowlab::app
