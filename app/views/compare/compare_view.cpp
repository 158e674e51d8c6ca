// The Compare view's sidebar and commands; the canvas is compare_canvas.cpp.
#include "app/views/compare/compare_view.h"

#include <algorithm>
#include <cstdio>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "app/platform/window.h"
#include "app/ui/app_state.h"
#include "app/ui/dialogs.h"
#include "app/ui/shortcuts.h"
#include "app/ui/theme.h"
#include "app/ui/tooltip.h"
#include "core/families/families.h"
#include "core/train/training_scene.h"

namespace flowlab::app {
namespace {

RunnerOptions compareOptions(const std::shared_ptr<WakePacer>& pacer) {
  RunnerOptions o;
  o.onPublish = [pacer](bool urgent) { pacer->onPublish(urgent); };
  return o;
}

int indexOf(const std::vector<std::string>& names, const std::string& name) {
  const auto it = std::find(names.begin(), names.end(), name);
  return it == names.end() ? 0 : int(it - names.begin());
}

}  // namespace

CompareView::CompareView() {
  pacer_ = std::make_shared<WakePacer>([] { Window::wake(); });
  sides_[0].name = "A";
  sides_[1].name = "B";
  sides_[1].settings.layers = 2;  // a first difference to look at: 6 couplings against 2
  openPath_ = "";
}

CompareView::~CompareView() {
  for (CompareSide& s : sides_) s.runner.reset();  // the threads stop before the pacer goes
}

RunConfig CompareView::runConfig(const CompareSideSettings& s) const {
  RunConfig run;
  TrainerConfig& c = run.config;
  const Expected<Dataset> data = Dataset::make(datasetNames()[s.dataset], -1.0);
  if (data.ok()) c.data = data.value.spec();
  c.seed = std::uint64_t(s.seed);
  c.schedule.total = s.steps;
  c.model.layers = s.layers;
  c.model.hidden = s.hidden;
  const FamilyKind kind = *familyFromName(familyNames()[s.family]);
  if (kind != FamilyKind::RealNvp) {
    FamilyConfig f;
    f.kind = kind;
    f.layers = s.layers;
    f.hidden = s.hidden;
    run.family = f;
    c.learningRate = familyDefaultLearningRate(kind);
  }
  return run;
}

void CompareView::ensureRunners() {
  for (CompareSide& s : sides_) {
    if (s.runner) continue;
    s.runner = std::make_unique<TrainingRunner>(runConfig(s.settings), compareOptions(pacer_));
    s.applied = s.settings;
  }
}

void CompareView::runBoth() {
  ensureRunners();
  for (CompareSide& s : sides_) s.runner->run();
  running_ = true;
}

void CompareView::pauseBoth() {
  for (CompareSide& s : sides_)
    if (s.runner) s.runner->pause();
  running_ = false;
}

void CompareView::duplicateAToB() {
  ensureRunners();
  sides_[1].settings = sides_[0].settings;
  sides_[1].scenePath.clear();
  sides_[1].runner->rebuild(runConfig(sides_[1].settings));
  sides_[1].applied = sides_[1].settings;
}

void CompareView::update(AppState& state, double /*dt*/) {
  pacer_->setFrameMs(state.frame.frameMs);
  ensureRunners();
  if (shortcutPressed(Action::CompareRunPause)) running_ ? pauseBoth() : runBoth();
  if (shortcutPressed(Action::CompareReset)) {
    for (CompareSide& s : sides_) s.runner->reset();
    running_ = false;
  }
  for (CompareSide& s : sides_) {
    s.snap = s.runner->snapshot();
    if (!s.snap->message.empty() && s.snap->stopped == StopReason::Diverged) running_ = running_ && s.snap->running;
  }
  // A finished or stopped pair is not running any more (the button says Run again).
  if (running_ && !sides_[0].snap->running && !sides_[1].snap->running) running_ = false;
  // The difference, whenever a side has new fields on the same grid as the other's.
  const auto& fa = sides_[0].snap->fields;
  const auto& fb = sides_[1].snap->fields;
  if (fa && fb && (fa != diffOf_[0] || fb != diffOf_[1]) && fa->density.ok() && fb->density.ok()) {
    const Expected<DensityDifference> d = densityDifference(fa->density.value, fb->density.value);
    if (d.ok()) {
      diff_ = std::make_shared<DensityDifference>(d.value);
      diffOf_[0] = fa;
      diffOf_[1] = fb;
      ++diffKey_;
    }
  }
}

void CompareView::sideControls(AppState& state, CompareSide& s) {
  ImGui::PushID(s.name);
  const auto& datasets = datasetNames();
  const auto& families = familyNames();
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##dataset", datasets[s.settings.dataset].c_str())) {
    for (int i = 0; i < int(datasets.size()); ++i)
      if (ImGui::Selectable(datasets[i].c_str(), s.settings.dataset == i)) s.settings.dataset = i;
    ImGui::EndCombo();
  }
  if (ImGui::IsItemHovered()) showTooltip("Run %s's dataset", s.name);
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##family", families[s.settings.family].c_str())) {
    for (int i = 0; i < int(families.size()); ++i) {
      if (ImGui::Selectable(families[i].c_str(), s.settings.family == i)) s.settings.family = i;
      if (ImGui::IsItemHovered()) showTooltip("%s", familyDescription(*familyFromName(families[i])).c_str());
    }
    ImGui::EndCombo();
  }
  if (ImGui::IsItemHovered()) showTooltip("Run %s's flow family", s.name);
  ImGui::SetNextItemWidth(-1);
  ImGui::SliderInt("##layers", &s.settings.layers, 1, 16, "%d layers");
  ImGui::SetNextItemWidth(-1);
  ImGui::SliderInt("##hidden", &s.settings.hidden, 4, 128, "hidden width %d");
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("seed");
  ImGui::SameLine(ImGui::GetFontSize() * 3.2f);
  ImGui::SetNextItemWidth(-1);
  ImGui::InputInt("##seed", &s.settings.seed);
  s.settings.seed = std::max(0, s.settings.seed);
  const bool changed = !(s.settings == s.applied);
  if (!changed) ImGui::BeginDisabled();
  if (ImGui::Button("Apply")) {
    s.runner->rebuild(runConfig(s.settings));
    s.applied = s.settings;
    s.scenePath.clear();
    running_ = false;
  }
  if (!changed) ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    showTooltip(changed ? "Start run %s again with these settings" : "Run %s already has these settings", s.name);
  ImGui::SameLine();
  if (ImGui::Button("Open scene...")) {
    showOpen_[&s - sides_] = true;
    openPath_ = s.scenePath;
  }
  if (ImGui::IsItemHovered()) showTooltip("Run %s from a training scene (with weights: continue that model)", s.name);
  // The numbers of this run.
  if (const auto& snap = s.snap) {
    ImGui::Text("step %lld · %.0f steps/s", snap->step, snap->running ? snap->stepsPerSecond : 0.0);
    if (std::isfinite(snap->testNll)) ImGui::Text("test NLL %.3f (floor %.3f)", snap->testNll, snap->floor);
    if (!snap->message.empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, theme::kWarningText);
      ImGui::TextWrapped("%s", snap->message.c_str());
      ImGui::PopStyleColor();
    }
  }
  if (pathDialog(s.name[0] == 'A' ? "Open scene as run A" : "Open scene as run B", showOpen_[&s - sides_], openPath_,
                 "Training scene (settings, or a saved model to continue):", "Open"))
    openSceneInto(state, s, openPath_);
  ImGui::PopID();
}

bool CompareView::openSceneInto(AppState& state, CompareSide& s, const std::string& path) {
  const Expected<TrainingScene> t = loadTrainingScene(path);
  if (!t.ok()) {
    state.error("Compare: " + t.status.message() + " (run " + s.name + " stays)");
    return false;
  }
  CompareSideSettings c = s.settings;
  c.dataset = indexOf(datasetNames(), datasetName(t.value.config.data.kind));
  c.family = indexOf(familyNames(), t.value.family ? familyName(t.value.family->kind) : "realnvp");
  c.layers = t.value.family ? t.value.family->layers : t.value.config.model.layers;
  c.hidden = t.value.family ? t.value.family->hidden : t.value.config.model.hidden;
  c.seed = int(t.value.config.seed);
  c.steps = t.value.config.schedule.total;
  s.settings = s.applied = c;
  s.scenePath = path;
  if (t.value.weights) s.runner->load(std::make_shared<Checkpoint>(*t.value.weights));
  else s.runner->rebuild(RunConfig{t.value.config, t.value.family});
  running_ = false;
  state.info("Compare: run " + std::string(s.name) + " from " + path);
  return true;
}

void CompareView::sidebar(AppState& state) {
  ensureRunners();
  if (ImGui::Button(running_ ? "Pause both" : "Run both", ImVec2(ImGui::GetFontSize() * 6, 0)))
    running_ ? pauseBoth() : runBoth();
  if (ImGui::IsItemHovered()) showTooltip("Train A and B at the same time, each on its own thread (Space)");
  ImGui::SameLine();
  if (ImGui::Button("Reset both")) {
    for (CompareSide& s : sides_) s.runner->reset();
    running_ = false;
  }
  if (ImGui::IsItemHovered()) showTooltip("Both runs back to step 0 (R)");
  if (ImGui::Button("Duplicate A → B")) duplicateAToB();
  if (ImGui::IsItemHovered()) showTooltip("B takes A's settings: change one of them and Apply, to see what it does");
  for (CompareSide& s : sides_) {
    ImGui::Separator();
    ImGui::PushStyleColor(ImGuiCol_Text, s.name[0] == 'A' ? ImVec4(0.55f, 0.75f, 1.0f, 1.0f) : ImVec4(1.0f, 0.65f, 0.35f, 1.0f));
    ImGui::Text("Run %s%s", s.name, s.scenePath.empty() ? "" : " (from a scene)");
    ImGui::PopStyleColor();
    sideControls(state, s);
  }
}

void CompareView::fileMenu(AppState& /*state*/) {
  if (ImGui::MenuItem("Open scene as run A...")) showOpen_[0] = true;
  if (ImGui::MenuItem("Open scene as run B...")) showOpen_[1] = true;
}

void CompareView::traceState(std::string& out) const {
  char buf[256];
  for (const CompareSide& s : sides_) {
    if (!s.snap) continue;
    std::snprintf(buf, sizeof buf, " compare_%c_step=%lld compare_%c_running=%d compare_%c_steps_per_sec=%.1f compare_%c_layers=%d",
                  s.name[0] + 32, s.snap->step, s.name[0] + 32, s.snap->running ? 1 : 0, s.name[0] + 32,
                  s.snap->stepsPerSecond, s.name[0] + 32, s.applied.layers);
    out += buf;
    if (std::isfinite(s.snap->testNll)) {
      std::snprintf(buf, sizeof buf, " compare_%c_test_nll=%.4f", s.name[0] + 32, s.snap->testNll);
      out += buf;
    }
  }
  std::snprintf(buf, sizeof buf, " compare_diff=%d", diff_ ? 1 : 0);
  out += buf;
  for (auto [name, f] : {std::pair{"compare_a_box", &layout_.a}, std::pair{"compare_b_box", &layout_.b},
                         std::pair{"compare_diff_box", &layout_.diff}, std::pair{"compare_curve_box", &layout_.curve}}) {
    std::snprintf(buf, sizeof buf, " %s=%d,%d,%d,%d", name, int(f->min().x), int(f->min().y), int(f->max().x), int(f->max().y));
    out += buf;
  }
}

}  // namespace flowlab::app
