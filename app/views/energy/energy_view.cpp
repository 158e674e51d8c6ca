// The Energy view's sidebar, commands and files; the canvas is energy_canvas.cpp.
#include "app/views/energy/energy_view.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "app/platform/window.h"
#include "app/ui/app_state.h"
#include "app/ui/dialogs.h"
#include "app/ui/shortcuts.h"
#include "app/ui/theme.h"
#include "app/ui/tooltip.h"
#include "core/energy/fitted_scene.h"
#include "core/energy/target_json.h"
#include "core/io/read_file.h"

namespace flowlab::app {
namespace {

std::string defaultFitPath() {
  std::filesystem::path dir = std::filesystem::current_path();
  if (const char* home = std::getenv("HOME"); home && *home) dir = home;
  return (dir / "flowlab-fit.json").string();
}

std::string flowDescription(const std::string& flow) {
  if (flow == "planar") return "planar maps x = z + u·tanh(wᵀz + b) (Rezende & Mohamed 2015): cheap, one direction at a time";
  if (flow == "radial") return "radial maps that pull points toward or push them from a centre z₀";
  if (const auto kind = familyFromName(flow)) return familyDescription(*kind);
  return "";
}

bool isResidual(const std::string& flow) { return flow == "planar" || flow == "radial"; }

}  // namespace

EnergyView::EnergyView() : savePath_(defaultFitPath()) {
  pacer_ = std::make_shared<WakePacer>([] { Window::wake(); });
  runner_ = std::make_unique<ReverseKlRunner>([pacer = pacer_](bool last) { pacer->onPublish(last); });
}

EnergyView::~EnergyView() { runner_.reset(); }  // stops the worker before the pacer goes

ReverseKlRunSettings EnergyView::runSettings() const {
  ReverseKlRunSettings r;
  ReverseKlConfig& c = r.config;
  c.flow = energyFlowNames()[std::clamp(s_.flow, 0, int(energyFlowNames().size()) - 1)];
  c.knobs.layers = s_.layers;
  c.knobs.hidden = s_.hidden;
  c.learningRate = s_.learningRate;
  c.schedule.total = std::max(1, s_.steps);
  c.schedule.warmup = std::min(200, s_.steps / 10);
  c.annealSteps = s_.anneal;
  c.seed = std::uint64_t(std::max(0, s_.seed));
  r.steps = s_.steps;
  return r;
}

bool EnergyView::startFit(AppState& state) {
  const std::string targetText = s_.preset >= 0 ? targetPresetNames()[s_.preset] : s_.expression;
  Expected<TargetPtr> target = s_.preset >= 0 ? Expected<TargetPtr>{Status::okStatus(), makePresetTarget(targetText)}
                                              : makeExpressionTarget(targetText);
  if (!target.ok()) {
    s_.expressionError = target.status.message();
    state.error("Energy: " + target.status.message() + " (the current fit stays)");
    return false;
  }
  s_.expressionError.clear();
  const ReverseKlRunSettings settings = runSettings();
  if (Status s = validateReverseKlConfig(settings.config); !s.ok()) {
    state.error("Energy: " + s.message());
    return false;
  }
  running_ = settings;
  runningTarget_ = targetText;
  runner_->start(settings, std::move(target.value));
  snap_ = runner_->snapshot();
  return true;
}

void EnergyView::update(AppState& state, double /*dt*/) {
  pacer_->setFrameMs(state.frame.frameMs);
  if (autostart_) {
    autostart_ = false;
    startFit(state);
  }
  using State = ReverseKlRunSnapshot::State;
  if (shortcutPressed(Action::EnergyRunPause)) {
    if (snap_.state == State::Running) runner_->pause();
    else if (snap_.state == State::Paused) runner_->resume();
    else startFit(state);
  }
  if (shortcutPressed(Action::EnergyRestart)) startFit(state);
  const long long generation = snap_.generation;
  const State before = snap_.state;
  snap_ = runner_->snapshot();
  if (snap_.state == State::Failed && (before != State::Failed || generation != snap_.generation))
    state.error("Energy: " + snap_.error);
}

void EnergyView::targetPicker(AppState& state) {
  const auto& presets = targetPresetNames();
  const std::string current = s_.preset >= 0 ? presets[s_.preset] : "typed expression";
  ImGui::TextUnformatted("Target u(x, y)");
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##target", current.c_str())) {
    for (int i = 0; i < int(presets.size()); ++i) {
      if (ImGui::Selectable(presets[i].c_str(), s_.preset == i)) {
        s_.preset = i;
        startFit(state);
      }
      if (ImGui::IsItemHovered()) showTooltip("%s", makePresetTarget(presets[i])->description().c_str());
    }
    if (ImGui::Selectable("typed expression", s_.preset < 0)) s_.preset = -1;
    ImGui::EndCombo();
  }
  if (ImGui::IsItemHovered()) showTooltip("The unnormalized log-density to fit: a preset, or an expression in x and y");
  if (s_.preset >= 0) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kInfoText);
    ImGui::TextWrapped("%s", makePresetTarget(presets[s_.preset])->description().c_str());
    ImGui::PopStyleColor();
    return;
  }
  ImGui::SetNextItemWidth(-1);
  const bool enter = ImGui::InputText("##expression", &s_.expression, ImGuiInputTextFlags_EnterReturnsTrue);
  if (ImGui::IsItemHovered())
    showTooltip("u(x, y) in muparser's syntax: + - * / ^, sin cos exp log sqrt abs tanh, pi, e. Enter uses it");
  if (ImGui::Button("Use expression") || enter) startFit(state);
  if (!s_.expressionError.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kErrorText);
    ImGui::TextWrapped("%s", s_.expressionError.c_str());
    ImGui::PopStyleColor();
  }
}

void EnergyView::flowPicker() {
  const auto& flows = energyFlowNames();
  ImGui::TextUnformatted("Flow");
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##flow", flows[s_.flow].c_str())) {
    for (int i = 0; i < int(flows.size()); ++i) {
      if (ImGui::Selectable(flows[i].c_str(), s_.flow == i)) {
        // Residual maps are weak one by one: offer more of them.
        if (isResidual(flows[i]) && !isResidual(flows[s_.flow])) s_.layers = 16;
        if (!isResidual(flows[i]) && isResidual(flows[s_.flow])) s_.layers = 8;
        s_.flow = i;
      }
      if (ImGui::IsItemHovered()) showTooltip("%s", flowDescription(flows[i]).c_str());
    }
    ImGui::EndCombo();
  }
  ImGui::PushStyleColor(ImGuiCol_Text, theme::kInfoText);
  ImGui::TextWrapped("%s", flowDescription(flows[s_.flow]).c_str());
  ImGui::PopStyleColor();
  const bool residual = isResidual(flows[s_.flow]);
  ImGui::SetNextItemWidth(-1);
  ImGui::SliderInt("##layers", &s_.layers, 1, residual ? 64 : 16, "%d layers");
  if (ImGui::IsItemHovered()) showTooltip("Layers of the flow (applies at the next Fit)");
  if (!residual) {
    ImGui::SetNextItemWidth(-1);
    ImGui::SliderInt("##hidden", &s_.hidden, 4, 128, "hidden width %d");
    if (ImGui::IsItemHovered()) showTooltip("Width of each conditioner network");
  }
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("steps");
  ImGui::SameLine(ImGui::GetFontSize() * 3.2f);
  ImGui::SetNextItemWidth(-1);
  ImGui::InputInt("##steps", &s_.steps, 500, 5000);
  s_.steps = std::clamp(s_.steps, 1, 1000000);
  if (ImGui::IsItemHovered()) showTooltip("Steps of the fit (also the cosine schedule's length)");
  ImGui::SetNextItemWidth(-1);
  ImGui::SliderInt("##anneal", &s_.anneal, 0, std::max(1, s_.steps), s_.anneal ? "anneal over %d steps" : "no annealing");
  if (ImGui::IsItemHovered())
    showTooltip("Start from a broad Gaussian and morph into the target over these steps: reverse KL is mode-seeking, "
                "and annealing keeps well-separated modes it would otherwise drop");
  ImGui::SetNextItemWidth(-1);
  ImGui::SliderFloat("##lr", &s_.learningRate, 1e-4f, 2e-2f, "learning rate %.4f", ImGuiSliderFlags_Logarithmic);
  if (ImGui::IsItemHovered()) showTooltip("Peak learning rate of Adam (warm-up, then cosine to 0)");
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("seed");
  ImGui::SameLine(ImGui::GetFontSize() * 3.2f);
  ImGui::SetNextItemWidth(-1);
  ImGui::InputInt("##seed", &s_.seed);
  s_.seed = std::max(0, s_.seed);
  if (ImGui::IsItemHovered()) showTooltip("Seed of the initial flow and of the samples each step draws");
}

void EnergyView::readouts() {
  using State = ReverseKlRunSnapshot::State;
  const ReverseKlRunSnapshot& s = snap_;
  ImGui::Text("%s · step %lld of %d", reverseKlStateName(s.state), s.step, s.totalSteps);
  if (s.stepsPerSec > 0) ImGui::Text("%.0f steps/s", s.stepsPerSec);
  if (s.beta < 1.0) ImGui::Text("annealing: β = %.2f", s.beta);
  if (!s.curve.empty()) {
    ImGui::Text("loss E[log q − u] = %.3f", s.loss);
    if (ImGui::IsItemHovered()) showTooltip("The reverse KL minus log Z: it falls as q fits the target");
  }
  if (!s.logZHistory.empty()) {
    const ReverseKlEstimate& e = s.estimate;
    ImGui::Text("log Z ≈ %.3f ± %.3f", e.importance.logZ, e.importance.logZStderr);
    if (ImGui::IsItemHovered())
      showTooltip("Importance sampling with q's own samples: log mean(exp(u − log q)) and its standard error");
    if (s.trueLogZ) ImGui::Text("true log Z = %.3f", *s.trueLogZ);
    ImGui::Text("reverse KL ≈ %.3f%s", e.reverseKl, e.logZKnown ? "" : " (with the estimated log Z)");
    const double share = e.importance.samples ? e.importance.ess / e.importance.samples : 0.0;
    ImGui::Text("ESS %.0f of %d (%.0f%%)", e.importance.ess, e.importance.samples, 100.0 * share);
    if (ImGui::IsItemHovered())
      showTooltip("Effective sample size of the importance weights: near 100%% when q matches the target; a few "
                  "samples carrying all the weight mean q misses part of it");
  }
  if (s.forward) {
    ImGui::Separator();
    ImGui::Text("forward KL (ML on p's samples)");
    if (ImGui::IsItemHovered())
      showTooltip("The same flow kind fitted beside it by maximum likelihood to exact samples of the target: "
                  "forward KL covers every mode where reverse KL seeks one");
    if (std::isfinite(s.forwardLoss)) ImGui::Text("NLL E_p[−log q] = %.3f", s.forwardLoss);
    if (std::isfinite(s.forwardKl)) ImGui::Text("KL(p ‖ q) ≈ %.3f", s.forwardKl);
  }
  if (s.nonFiniteEvents > 0) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kWarningText);
    ImGui::TextWrapped("%d non-finite steps rolled back (learning rate halved each time)", s.nonFiniteEvents);
    ImGui::PopStyleColor();
  }
  if (s.state == State::Failed) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kErrorText);
    ImGui::TextWrapped("%s", s.error.c_str());
    ImGui::PopStyleColor();
  }
}

void EnergyView::sidebar(AppState& state) {
  using State = ReverseKlRunSnapshot::State;
  if (!lessonText_.empty() &&
      ImGui::CollapsingHeader(lessonTitle_.empty() ? "About this scene" : lessonTitle_.c_str(), ImGuiTreeNodeFlags_DefaultOpen)) {
    // A few lines, scrolled if longer, so the controls below stay in view.
    ImGui::BeginChild("##lessontext", ImVec2(0, ImGui::GetTextLineHeightWithSpacing() * 6.5f), false);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", lessonText_.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndChild();
  }
  targetPicker(state);
  ImGui::Separator();
  flowPicker();
  ImGui::Separator();
  const char* run = snap_.state == State::Running ? "Pause" : snap_.state == State::Paused ? "Continue" : "Fit";
  if (ImGui::Button(run, ImVec2(ImGui::GetFontSize() * 5, 0))) {
    if (snap_.state == State::Running) runner_->pause();
    else if (snap_.state == State::Paused) runner_->resume();
    else startFit(state);
  }
  if (ImGui::IsItemHovered()) showTooltip("Fit, pause or continue (Space)");
  ImGui::SameLine();
  if (ImGui::Button("Restart")) startFit(state);
  if (ImGui::IsItemHovered()) showTooltip("A new fit from step 0 with the settings above (R)");
  ImGui::SameLine();
  if (ImGui::Button("Save fit...")) showSave_ = true;
  if (ImGui::IsItemHovered()) showTooltip("Save the fitted flow with its target as a scene (opens in the 2D lab too)");
  ImGui::Separator();
  readouts();
  if (pathDialog("Save fit", showSave_, savePath_, "Scene file for the fitted flow, its target and the fit's numbers:",
                 "Save"))
    saveFit(state);
}

Expected<SceneFile> EnergyView::fittedScene() const {
  if (snap_.params.empty()) return {Status::error("nothing fitted yet"), SceneFile{}};
  const Expected<TargetPtr> target = makeTarget(runningTarget_);
  if (!target.ok()) return {target.status, SceneFile{}};
  const Vector params = Eigen::Map<const Vector>(snap_.params.data(), Eigen::Index(snap_.params.size()));
  return {Status::okStatus(), fittedFlowScene(running_.config, *target.value, params, snap_.step, snap_.estimate)};
}

void EnergyView::saveFit(AppState& state) {
  const Expected<SceneFile> scene = fittedScene();
  if (!scene.ok()) {
    state.error("Save fit: " + scene.status.message());
    return;
  }
  if (Status s = saveSceneFile(scene.value, savePath_); !s.ok()) {
    state.error("Save fit: " + s.message() + " (nothing was written)");
    return;
  }
  state.info("Saved the fit to " + savePath_);
}

void EnergyView::fileMenu(AppState& /*state*/) {
  if (ImGui::MenuItem("Save fit...")) showSave_ = true;
}

bool EnergyView::openScene(AppState& state, const std::string& path) {
  const Expected<SceneFile> scene = loadSceneFile(path);
  if (!scene.ok()) {
    state.error(scene.status.message());
    return false;
  }
  if (!scene.value.extras.contains("target")) {
    state.error(path + ": no \"target\" to fit (the Energy view opens scenes with one)");
    return false;
  }
  const Expected<TargetPtr> target = readTargetJson(scene.value.extras["target"]);
  if (!target.ok()) {
    state.error(path + ": " + target.status.message());
    return false;
  }
  FitSettings defaults{runSettings().config, s_.steps};
  const Json fit = scene.value.extras.contains("fit") ? scene.value.extras["fit"] : Json();
  const Expected<FitSettings> f = readFitSettings(fit, defaults);
  if (!f.ok()) {
    state.error(path + ": " + f.status.message());
    return false;
  }
  const auto& presets = targetPresetNames();
  const auto it = std::find(presets.begin(), presets.end(), target.value->name());
  s_.preset = target.value->isPreset() && it != presets.end() ? int(it - presets.begin()) : -1;
  if (s_.preset < 0) s_.expression = target.value->name();
  const auto& flows = energyFlowNames();
  s_.flow = int(std::find(flows.begin(), flows.end(), f.value.config.flow) - flows.begin());
  s_.layers = f.value.config.knobs.layers;
  s_.steps = f.value.steps;
  s_.anneal = f.value.config.annealSteps;
  s_.seed = int(f.value.config.seed);
  autostart_ = false;
  lessonText_ = scene.value.description;
  lessonTitle_ = scene.value.extras.contains("title") && scene.value.extras["title"].is_string()
                     ? scene.value.extras["title"].get<std::string>()
                     : scene.value.name;
  return startFit(state);
}

void EnergyView::traceState(std::string& out) const {
  char buf[512];
  const ReverseKlRunSnapshot& s = snap_;
  std::snprintf(buf, sizeof buf, " energy_state=%s energy_step=%lld energy_steps=%d energy_flow=%s energy_layers=%d",
                reverseKlStateName(s.state), s.step, s.totalSteps, running_.config.flow.c_str(),
                running_.config.knobs.layers);
  out += buf;
  out += " energy_target=" + (s_.preset >= 0 ? targetPresetNames()[s_.preset] : std::string("expression"));
  if (!s.logZHistory.empty()) {
    std::snprintf(buf, sizeof buf, " energy_log_z=%.4f energy_log_z_stderr=%.4f energy_ess=%.1f energy_reverse_kl=%.4f",
                  s.estimate.importance.logZ, s.estimate.importance.logZStderr, s.estimate.importance.ess,
                  s.estimate.reverseKl);
    out += buf;
  }
  std::snprintf(buf, sizeof buf, " energy_expression_error=%d energy_samples=%d", s_.expressionError.empty() ? 0 : 1,
                s.fields ? int(s.fields->samples.rows()) : 0);
  out += buf;
  // Pane rectangles in pixels (x0,y0,x1,y1), for layout tests.
  if (s.forward) {
    std::snprintf(buf, sizeof buf, " energy_forward=1 energy_forward_kl=%.4f energy_forward_samples=%d", s.forwardKl,
                  s.forwardFields ? int(s.forwardFields->samples.rows()) : 0);
    out += buf;
  }
  for (auto [name, f] : {std::pair{"energy_target_box", &layout_.target}, std::pair{"energy_flow_box", &layout_.flow},
                         std::pair{"energy_forward_box", &layout_.forward}, std::pair{"energy_curve_box", &layout_.curve}}) {
    std::snprintf(buf, sizeof buf, " %s=%d,%d,%d,%d", name, int(f->min().x), int(f->min().y), int(f->max().x),
                  int(f->max().y));
    out += buf;
  }
}

}  // namespace flowlab::app
