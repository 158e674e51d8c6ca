#include "app/views/train/train_view.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "app/platform/window.h"
#include "app/ui/app_state.h"
#include "app/ui/preset_catalog.h"
#include "app/ui/keys.h"
#include "app/ui/maf_vs_iaf_panel.h"
#include "app/ui/shortcuts.h"
#include "app/ui/theme.h"
#include "app/ui/tooltip.h"
#include "app/views/train/train_model_files.h"
#include "app/views/train/train_own_points.h"

namespace flowlab::app {

namespace {

void helpMarker(const char* text) {
  ImGui::SameLine();
  ImGui::TextDisabled("(?)");
  if (ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24.0f);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
}

void tooltip(const char* text) {
  if (ImGui::IsItemHovered()) showTooltip("%s", text);
}

// A number row: label left, value at a fixed column.
void row(const char* label, const char* value, const ImVec4* colour = nullptr) {
  ImGui::TextUnformatted(label);
  ImGui::SameLine(ImGui::GetFontSize() * 8.0f);
  if (colour) ImGui::TextColored(*colour, "%s", value); else ImGui::TextUnformatted(value);
}

std::string fixed(double v, const char* fmt = "%.3f") {
  if (!std::isfinite(v)) return "—";
  char buf[32];
  std::snprintf(buf, sizeof buf, fmt, v);
  return buf;
}

// Trace values have no spaces.
const char* traceName(StopReason r) {
  switch (r) {
    case StopReason::ScheduleEnd: return "schedule_end";
    case StopReason::StepLimit: return "step_limit";
    case StopReason::EarlyStop: return "early_stop";
    case StopReason::Diverged: return "diverged";
    default: return "none";
  }
}

std::string defaultSavePath() {
  std::filesystem::path dir = std::filesystem::current_path();
  if (const char* home = std::getenv("HOME"); home && *home) dir = home;
  return (dir / "flowlab-model.json").string();
}

}  // namespace

TrainView::TrainView() {
  s_.savePath = defaultSavePath();
  s_.openPath = s_.savePath;
  pacer_ = std::make_shared<WakePacer>([] { Window::wake(); });
  s_.wake = [pacer = pacer_](bool urgent) { pacer->onPublish(urgent); };
}

bool TrainView::openScene(AppState& state, const std::string& path) {
  if (!openTrainingScene(state, s_, path)) return false;
  openMafVsIafFromScene(state, path);  // a "maf_vs_iaf" field opens that panel too (app/ui/maf_vs_iaf_panel.h)
  return true;
}

// The bundled training scenes, by chapter, and the open scene's description.
void TrainView::scenePicker(AppState& state) {
  const std::vector<TrainingPreset>& scenes = trainingPresets();
  const auto label = [](const TrainingPreset& p) {
    return p.chapter > 0 ? "Ch. " + std::to_string(p.chapter) + ": " + p.title : p.title;
  };
  std::string current = "(settings below)";
  for (const TrainingPreset& p : scenes)
    if (p.path == s_.scenePath) current = label(p);
  if (!s_.scenePath.empty() && current == "(settings below)")
    current = s_.sceneTitle.empty() ? std::filesystem::path(s_.scenePath).stem().string() : s_.sceneTitle;
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##trainscene", current.c_str())) {
    for (const TrainingPreset& p : scenes) {
      ImGui::PushID(p.path.c_str());
      if (ImGui::Selectable(label(p).c_str(), p.path == s_.scenePath)) openScene(state, p.path);
      if (ImGui::IsItemHovered() && !p.description.empty()) showTooltip("%s", p.description.c_str());
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
  tooltip("Training scenes: a dataset with the settings that train it well (File > Open scene opens your own; "
          "one with trained weights continues from them)");
  if (!s_.sceneDescription.empty()) {
    // A few lines, scrolled if longer, so the controls below stay in view.
    ImGui::BeginChild("##scenedescription", ImVec2(0, ImGui::GetTextLineHeightWithSpacing() * 4.5f), false);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", s_.sceneDescription.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndChild();
  }
}

void TrainView::transport() {
  const RunnerSnapshot& snap = *s_.snap;
  const LrSchedule& schedule = snap.config.schedule;
  if (ImGui::Button("|<")) s_.resetRequested = true;
  tooltip("Reset (R): fresh parameters from the seed, step 0 (the flow is the identity: NLL = 2.838)");
  ImGui::SameLine();
  ImGui::BeginDisabled(snap.stopped == StopReason::Diverged);
  if (ImGui::Button(s_.running() ? "Pause" : "Run")) s_.toggleRequested = true;
  if (ImGui::IsItemHovered())
    showTooltip("Train continuously (Space). Stops at step %lld, the end of the %d-step schedule (%d-step warm-up, "
                "cosine decay to %g%% of the peak); Run again continues from the trained model with a new schedule "
                "of %d steps.",
                snap.scheduleEnd, schedule.total, schedule.warmup, schedule.finalFraction * 100.0, schedule.total);
  ImGui::SameLine();
  if (ImGui::Button("+1")) s_.pendingSteps += 1;
  tooltip("One Adam step on a fresh batch (pauses a run). Past the end of the schedule the learning rate is 0: "
          "press Run for a new schedule.");
  ImGui::SameLine();
  if (ImGui::Button("+10")) s_.pendingSteps += 10;
  tooltip("Ten steps");
  ImGui::SameLine();
  if (ImGui::Button("+100")) s_.pendingSteps += 100;
  tooltip("A hundred steps");
  ImGui::EndDisabled();
  const float field = ImGui::GetFontSize() * 8.0f;
  ImGui::SetNextItemWidth(field);
  char speed[32];
  const double v = kSpeeds[s_.speedIndex];
  if (v > 0) std::snprintf(speed, sizeof speed, "%g steps/s", v); else std::snprintf(speed, sizeof speed, "unthrottled");
  if (ImGui::SliderInt("speed", &s_.speedIndex, 0, kSpeedCount - 1, speed, ImGuiSliderFlags_NoInput))
    s_.controlsChanged = true;
  tooltip("Steps per second while running, from 1 to as fast as the machine allows. At 20 steps/s and "
          "below the density is redrawn after every step, so you can watch single updates move the mass.");
  if (ImGui::Checkbox("stop at step", &s_.stopAtEnabled)) s_.controlsChanged = true;
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6.0f);
  ImGui::BeginDisabled(!s_.stopAtEnabled);
  if (ImGui::InputInt("##stopat", &s_.stopAt, 100, 1000)) {
    s_.stopAt = std::max(1, s_.stopAt);
    s_.controlsChanged = true;
  }
  ImGui::EndDisabled();
  tooltip("Pause when the step count reaches this (Run again continues past it)");
  if (ImGui::Checkbox("early stopping", &s_.earlyStopping)) s_.controlsChanged = true;
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6.0f);
  ImGui::BeginDisabled(!s_.earlyStopping);
  if (ImGui::InputInt("##patience", &s_.patience, 1, 5)) {
    s_.patience = std::clamp(s_.patience, 1, 1000);
    s_.controlsChanged = true;
  }
  ImGui::EndDisabled();
  tooltip("Pause when the test NLL has not improved for this many evaluations (one every 0.25 to 1.5 s "
          "while running, as the machine allows); the best parameters are kept");
  ImGui::BeginDisabled(snap.bestStep < 0 || snap.bestStep == snap.step);
  char best[64];
  std::snprintf(best, sizeof best, "Restore best (step %lld)", std::max(0LL, snap.bestStep));
  if (ImGui::Button(best)) s_.restoreBestRequested = true;
  ImGui::EndDisabled();
  tooltip("Go back to the parameters with the lowest test NLL so far (and pause)");
}

void TrainView::settingsPanel() {
  const float em = ImGui::GetFontSize();
  const float field = em * 8.0f;
  TrainSettings& t = s_.settings;
  bool rebuild = false;
  rebuild |= familyPicker(field);
  ImGui::SetNextItemWidth(field);
  if (ImGui::BeginCombo("dataset", t.dataName().c_str())) {
    for (const std::string& name : datasetNames())
      if (ImGui::Selectable(name.c_str(), !t.ownPoints && name == t.dataset)) {
        t.dataset = name;
        t.noise = -1.0;
        t.ownPoints.reset();
        rebuild = true;
      }
    if (t.ownPoints) ImGui::Selectable(t.ownName.c_str(), true);
    ImGui::EndCombo();
  }
  helpMarker("The toy distribution to learn, in standardized coordinates (zero mean, unit variance "
             "per axis). Changing any setting but the learning rate starts a new run. Your own points: "
             "Draw points below, or File > Import points... (Ctrl+I).");
  // The kind from the name alone: no Dataset (and no entropy floor) is built while drawing.
  const auto& names = datasetNames();
  const auto it = std::find(names.begin(), names.end(), t.dataset);
  const DatasetKind kind = DatasetKind(it == names.end() ? 0 : it - names.begin());
  if (hasNoise(kind) && !t.ownPoints) {
    if (!noiseEditing_) noiseEdit_ = static_cast<float>(t.noise >= 0.0 ? t.noise : defaultNoise(kind));
    ImGui::SetNextItemWidth(field);
    ImGui::SliderFloat("noise σ", &noiseEdit_, 0.01f, 0.5f, "%.3f", ImGuiSliderFlags_Logarithmic);
    noiseEditing_ = ImGui::IsItemActive();
    if (ImGui::IsItemDeactivatedAfterEdit()) {
      t.noise = noiseEdit_;
      rebuild = true;
    }
    tooltip("Standard deviation of the Gaussian noise added to the raw points (applied on release)");
  }
  rebuild |= familyKnobs(field);
  const int widths[] = {16, 32, 64, 128};
  ImGui::SetNextItemWidth(field);
  if (ImGui::BeginCombo("hidden width", std::to_string(t.hidden).c_str())) {
    for (int w : widths)
      if (ImGui::Selectable(std::to_string(w).c_str(), w == t.hidden)) t.hidden = w, rebuild = true;
    ImGui::EndCombo();
  }
  tooltip("Units per hidden layer of each conditioner MLP (1 → H → H → 2, tanh)");
  float lr = static_cast<float>(t.learningRate);
  ImGui::SetNextItemWidth(field);
  if (ImGui::SliderFloat("learning rate", &lr, 1e-4f, 1e-1f, "%.1e", ImGuiSliderFlags_Logarithmic)) {
    t.learningRate = lr;
    s_.lrChanged = true;
  }
  if (ImGui::IsItemHovered()) {
    const LrSchedule& sc = s_.snap->config.schedule;
    showTooltip("Peak Adam learning rate (%d-step warm-up, cosine decay to %g%% of the peak at step %d of the "
                "schedule). Takes effect at once, without a reset.",
                sc.warmup, sc.finalFraction * 100.0, sc.total);
  }
  const int batches[] = {32, 64, 128, 256, 512, 1024};
  ImGui::SetNextItemWidth(field);
  if (ImGui::BeginCombo("batch", std::to_string(t.batch).c_str())) {
    for (int b : batches)
      if (ImGui::Selectable(std::to_string(b).c_str(), b == t.batch)) t.batch = b, rebuild = true;
    ImGui::EndCombo();
  }
  tooltip("Points per step, drawn fresh from the dataset every step");
  int seed = static_cast<int>(t.seed);
  ImGui::SetNextItemWidth(field);
  if (ImGui::InputInt("seed", &seed) && seed >= 0) t.seed = static_cast<std::uint64_t>(seed), rebuild = true;
  tooltip("Seeds the initial weights, the batches and the test set: same seed, same curve");
  if (rebuild) s_.rebuildRequested = true;
  if (!s_.error.empty()) ImGui::TextColored(theme::kErrorText, "%s", s_.error.c_str());
}

namespace {

const char* layersHelp(FamilyKind kind) {
  switch (kind) {
    case FamilyKind::Nice: return "Additive coupling layers K (alternating halves), then one diagonal scaling";
    case FamilyKind::Glow: return "Glow steps K, each ActNorm, an invertible linear map (LU) and an affine coupling";
    case FamilyKind::Maf:
    case FamilyKind::Iaf: return "Autoregressive layers K (MADE conditioners), the coordinate order alternating";
    case FamilyKind::Nsf: return "Spline coupling layers K (alternating which coordinate is kept)";
    case FamilyKind::Cnf: return "Time segments K of t = 0…1, each with its own field g(z, t) (one tanh layer)";
    default: return "Affine coupling layers K (alternating which coordinate is kept)";
  }
}

}  // namespace

// The family combo and its one-line description; true when the family changed.
bool TrainView::familyPicker(float field) {
  TrainSettings& t = s_.settings;
  bool changed = false;
  ImGui::SetNextItemWidth(field);
  if (ImGui::BeginCombo("flow", t.flow.c_str())) {
    for (const std::string& name : familyNames()) {
      if (ImGui::Selectable(name.c_str(), name == t.flow) && name != t.flow) {
        // A learning rate left at the old family's default follows to the new family's.
        const auto from = familyFromName(t.flow), to = familyFromName(name);
        if (from && to && t.learningRate == familyDefaultLearningRate(*from))
          t.learningRate = familyDefaultLearningRate(*to);
        t.flow = name, changed = true;
      }
      if (const auto kind = familyFromName(name)) tooltip(familyDescription(*kind).c_str());
    }
    ImGui::EndCombo();
  }
  tooltip("The flow family to train (chapter 6). RealNVP trains on the fast float32 path; the others on the "
          "generic double-precision trainer, a few times slower per step. Changing it starts a new run.");
  if (const auto kind = familyFromName(t.flow)) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", familyDescription(*kind).c_str());
    ImGui::PopTextWrapPos();
  }
  return changed;
}

// The family's own knobs: layers and hidden width for all, bins and bound for NSF.
bool TrainView::familyKnobs(float field) {
  TrainSettings& t = s_.settings;
  const FamilyKind kind = familyFromName(t.flow).value_or(FamilyKind::RealNvp);
  bool changed = false;
  ImGui::SetNextItemWidth(field);
  ImGui::SliderInt(kind == FamilyKind::Glow ? "steps" : "layers", &t.layers, 1, 16);
  changed |= ImGui::IsItemDeactivatedAfterEdit();
  tooltip(layersHelp(kind));
  if (kind == FamilyKind::Nsf) {
    ImGui::SetNextItemWidth(field);
    ImGui::SliderInt("bins", &t.bins, 2, 32);
    changed |= ImGui::IsItemDeactivatedAfterEdit();
    tooltip("Bins K of each rational-quadratic spline: more bins, more bends per layer");
    float bound = static_cast<float>(t.bound);
    ImGui::SetNextItemWidth(field);
    if (ImGui::SliderFloat("bound B", &bound, 1.0f, 8.0f, "%.1f")) t.bound = bound;
    changed |= ImGui::IsItemDeactivatedAfterEdit();
    tooltip("The splines act on [-B, B]; outside it each layer is the identity (linear tails)");
  }
  if (kind == FamilyKind::Cnf) {
    ImGui::SetNextItemWidth(field);
    ImGui::SliderInt("solver steps", &t.solverSteps, 1, 64);
    changed |= ImGui::IsItemDeactivatedAfterEdit();
    tooltip("Fixed RK4 steps per time segment: more steps, a more exact (and slower) ODE solve and inverse");
  }
  return changed;
}

void TrainView::numbersPanel() {
  const RunnerSnapshot& t = *s_.snap;
  const double floor = t.floor;
  row("step", std::to_string(t.step).c_str());
  row("train NLL", fixed(t.trainNll).c_str());
  ImGui::SameLine();
  helpMarker("Moving average of the batch NLL (nats per point): -mean log p_X over each fresh batch.");
  row("test NLL", fixed(t.testNll).c_str());
  ImGui::SameLine();
  helpMarker("Mean -log p_X on held-out points (16,384 fresh samples of a built-in set; of your own points, "
             "the 20% held out): every 0.25 to 1.5 s while running (about 5% of the "
             "training time), every 100 steps of a Step request, and whenever training stops.");
  row("baseline", fixed(kGaussianBaselineNll).c_str());
  ImGui::SameLine();
  helpMarker("log(2πe) = 2.838: the NLL of N(0, I), i.e. of the untrained flow (the identity).");
  const PointSet* own = t.config.data.points.get();
  if (own) {
    row("floor (est.)", own->floorKnown() ? (fixed(floor) + " ± " + fixed(own->floorStdError)).c_str() : "unknown",
        &theme::kInfoText);
    ImGui::SameLine();
    helpMarker(own->floorKnown()
                   ? "Your points have no known density: this is an ESTIMATE of their differential entropy from "
                     "nearest-neighbour distances (Kozachenko-Leonenko, k = 3), ± one standard error. A model can "
                     "come close to it, and on few points the test NLL can even fall below it."
                   : own->floorNote.c_str());
  } else {
    row("floor", fixed(floor).c_str());
    ImGui::SameLine();
    helpMarker("The data's differential entropy: no model can have a lower expected NLL.");
  }
  row("gap", fixed(t.testNll - floor).c_str());
  ImGui::SameLine();
  helpMarker("test NLL − floor: the KL divergence from the data to the model, in nats.");
  const RunnerFields* fields = t.fields.get();
  const double roundTrip = fields ? fields->roundTripError : std::nan("");
  const bool solverError = t.family && t.family->kind == FamilyKind::Cnf;
  row("round trip", std::isfinite(roundTrip) ? fixed(roundTrip, "%.1e").c_str() : "—",
      solverError && roundTrip > 1e-4 ? &theme::kWarningText : nullptr);
  ImGui::SameLine();
  helpMarker(solverError
                 ? "max |f⁻¹(f(z)) − z| over the base points: the continuous flow's inverse is another ODE "
                   "solve, so it is exact only up to the RK4 solver's error; more solver steps shrink it."
                 : "max |f⁻¹(f(z)) − z| over the base points: this family inverts in closed form, so only "
                   "rounding remains.");
  row("steps/s", t.running && t.stepsPerSecond > 0 ? fixed(t.stepsPerSecond, "%.0f").c_str() : "—");
  row("learning rate", fixed(t.learningRate, "%.2e").c_str());
  const std::string rb = std::to_string(t.rollbacks);
  row("rollbacks", rb.c_str(), t.rollbacks > 0 ? &theme::kWarningText : nullptr);
  ImGui::SameLine();
  helpMarker("Steps whose loss, gradient or parameters became non-finite: each was undone and the "
             "learning rate halved.");
  if (!t.message.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(t.stopped == StopReason::Diverged ? theme::kErrorText : theme::kWarningText, "%s",
                       t.message.c_str());
    ImGui::PopTextWrapPos();
  }
}

void TrainView::sidebar(AppState& state) {
  // The family of the run shown (the sidebar's pick takes effect with the next run).
  const std::string family = s_.snap->family ? familyName(s_.snap->family->kind) : "realnvp";
  ImGui::TextDisabled("Train a flow (%s) by maximum likelihood", family.c_str());
  scenePicker(state);
  ImGui::Separator();
  ImGui::TextDisabled("Training");
  transport();
  ImGui::Separator();
  ImGui::TextDisabled("Setup");
  ImGui::SameLine();
  mafVsIafButton(state);  // next to the flow picker: the MAF/IAF cost panel (app/ui/maf_vs_iaf_panel.h)
  settingsPanel();
  drawToolPanel(s_);
  ImGui::Separator();
  ImGui::TextDisabled("Numbers");
  numbersPanel();
  ImGui::Separator();
  ImGui::TextUnformatted("points on p_X:");
  int scatter = static_cast<int>(s_.scatter);
  ImGui::RadioButton("data", &scatter, 0);
  tooltip("The dataset's points (white)");
  ImGui::SameLine();
  ImGui::RadioButton("samples", &scatter, 1);
  tooltip("Samples of the model (pink): N(0, I) points of the base pane pushed through the flow f");
  ImGui::SameLine();
  ImGui::RadioButton("both", &scatter, 2);
  s_.scatter = static_cast<TrainState::Scatter>(scatter);
  ImGui::Checkbox("grid", &s_.showGrid);
  gridToggleMin_ = ImGui::GetItemRectMin(), gridToggleMax_ = ImGui::GetItemRectMax();
  tooltip("A grid of lines in z (base pane) and its image under the learned map f on p_X: where the "
          "flow bends space. Colours follow each line from pane to pane.");
  ImGui::SameLine();
  ImGui::Checkbox("Jacobian patches", &s_.showPatches);
  patchesToggleMin_ = ImGui::GetItemRectMin(), patchesToggleMax_ = ImGui::GetItemRectMax();
  tooltip("Small squares of z and their images under f, coloured by log|det J| at the centre: blue "
          "shrinks area, red stretches it (as in the 2D lab)");
  const int layers = s_.snap->layers;
  const bool haveStages = s_.snap->fields && !s_.snap->fields->stages.empty();
  int shown = s_.layerShown < 0 ? layers : s_.layerShown;
  ImGui::BeginDisabled(!haveStages);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8.0f);
  // A continuous flow has time segments, not layers: the slider reads as the time t of the pull-back.
  const bool continuous = s_.snap->family && s_.snap->family->kind == FamilyKind::Cnf;
  char timeLabel[32];
  std::snprintf(timeLabel, sizeof timeLabel, "t = %.2f", layers > 0 ? 1.0 - double(shown) / layers : 0.0);
  if (ImGui::SliderInt(continuous ? "time" : "pull-back", &shown, 0, layers, continuous ? timeLabel : "%d layers")) {
    s_.layerShown = shown >= layers ? -1 : shown;
    s_.layerPlay = false;
  }
  if (continuous)
    tooltip("Base pane: the data carried back along the flow's ODE from t = 1 (the data) to t = 0 (z), "
            "one time segment per notch. Available while paused.");
  else
    tooltip("Base pane: the data after this many layers of f⁻¹, from the data itself (0) to z (all). "
            "Available while paused.");
  ImGui::SameLine();
  if (ImGui::Button(s_.layerPlay ? "Stop" : "Play")) s_.playRequested = true;
  tooltip("Pull the data back to z one layer at a time");
  ImGui::EndDisabled();
  ImGui::Checkbox("log step axis", &s_.logX);
  tooltip("The NLL plot's step axis in decades: early steps spread out");
  if (state.presentation) return;  // the model files and engine timing are not for the hall
  ImGui::Separator();
  ImGui::TextDisabled("Model");
  ImGui::SetNextItemWidth(-1);
  ImGui::InputText("##savepath", &s_.savePath);
  tooltip("Where \"Save model...\" writes the checkpoint (a scene file with the optimizer state; "
          "flowlab train --resume continues from it)");
  if (ImGui::Button("Save model...")) s_.showSaveDialog = true;
  tooltip("Save the model with its optimizer state and step (Ctrl+S); File > Open model... (Ctrl+Shift+O) "
          "continues training it");
  ImGui::SameLine();
  if (ImGui::Button("Open in 2D lab")) s_.openIn2DRequested = true;
  tooltip("Look inside the trained flow layer by layer in the 2D lab (standardized coordinates)");
  const RunnerFields* f = s_.snap->fields.get();
  ImGui::TextDisabled("engine: %.1f ms at %d² cells", f ? f->computeMs : 0.0, f ? f->resolution : 0);
  (void)state;
}

bool TrainView::startRecording() {
  if (!s_.running()) s_.toggleRequested = true;
  recordSeconds_ = 0.0, recordStopped_ = false;
  return true;
}

void TrainView::update(AppState& state, double dt) {
  if (recordSeconds_ >= 0.0) {
    recordSeconds_ += dt;
    // Stopped by itself (schedule end, early stop, divergence) once it has started running.
    recordStopped_ = recordSeconds_ > 1.0 && !s_.snap->running && s_.snap->step > 0;
  }
  if (shortcutPressed(Action::TrainRunPause) && s_.snap->stopped != StopReason::Diverged) s_.toggleRequested = true;
  if (shortcutPressed(Action::TrainReset)) s_.resetRequested = true;
  if (shortcutPressed(Action::TrainSaveModel)) s_.showSaveDialog = true;
  if (shortcutPressed(Action::TrainOpenModel)) s_.showOpenDialog = true;
  if (shortcutPressed(Action::TrainImportPoints)) s_.showImportDialog = true;
  drawToolKeys(s_);
  if (s_.draw.useRequested) useDrawnPoints(state, s_);
  if (s_.importRequested) importPoints(state, s_);
  pacer_->setFrameMs(state.frame.frameMs);
  // Play of the layer slider: one layer every 0.6 s, from the data to z.
  const int layers = s_.snap->layers;
  if (s_.playRequested) {
    s_.playRequested = false;
    s_.layerPlay = !s_.layerPlay;
    if (s_.layerPlay) s_.layerShown = 0, s_.layerClock = 0.0;
  }
  if (s_.layerPlay) {
    s_.layerClock += dt;
    if (s_.layerClock >= 0.6) {
      s_.layerClock = 0.0;
      if (++s_.layerShown >= layers) s_.layerShown = -1, s_.layerPlay = false;
    }
  }
  advanceTraining(state, s_, dt);
  requestOverlays(state);
}

void TrainView::requestOverlays(const AppState& state) {
  const RunnerSnapshot& snap = *s_.snap;
  if (!(s_.showGrid || s_.showPatches) || !snap.fields || !snap.hasModel()) return;
  if (!s_.overlayWorker) {
    auto wake = s_.wake;  // a copy: the worker thread never reads the view's state
    s_.overlayWorker = std::make_unique<OverlayFieldWorker>([wake] { if (wake) wake(true); });
  }
  s_.overlays = s_.overlayWorker->latest();
  // With the runner's fields when paused; while running at most every max(1 s, 30 × its cost),
  // so the overlay thread takes about 3% of a core from training (a refresh costs tens of ms:
  // the exported Flow is the general, slower path).
  const double now = state.frame.time;
  const double cost = s_.overlays ? s_.overlays->computeMs / 1000.0 : 0.05;
  if (snap.running && now - s_.overlayAskedAt < std::max(1.0, 30.0 * cost)) return;
  s_.overlayAskedAt = now;
  s_.overlayWorker->request(snap.generation, snap.fields->step, snap.run(), snap.params, snap.familyParams);
}

void TrainView::setOverlays(const std::vector<std::string>& names, bool exclusive, std::vector<std::string>& unknown) {
  bool data = !exclusive && s_.scatter != TrainState::Scatter::Samples;
  bool samples = !exclusive && s_.scatter != TrainState::Scatter::Data;
  if (exclusive) s_.showGrid = s_.showPatches = false;
  for (const std::string& n : names) {
    if (n == "data") data = true;
    else if (n == "samples") samples = true;
    else if (n == "grid") s_.showGrid = true;
    else if (n == "patches") s_.showPatches = true;
    else unknown.push_back(n);
  }
  s_.scatter = samples ? (data ? TrainState::Scatter::Both : TrainState::Scatter::Samples) : TrainState::Scatter::Data;
}

void TrainView::invalidate() {
  if (s_.runner) s_.runner->refreshFields();
}

void TrainView::traceState(std::string& out) const {
  const RunnerSnapshot& t = *s_.snap;
  char buf[320];
  std::snprintf(buf, sizeof buf,
                " running=%d synced=%d step=%lld steps_per_sec=%.1f test_nll=%.6f test_step=%lld test_points=%zu "
                "train_nll=%.6f lr=%.6g stopped=%s rollbacks=%d fields_step=%lld run_steps=%lld run_seconds=%.4f "
                "layer_shown=%d",
                s_.running() ? 1 : 0, s_.synced() ? 1 : 0, t.step, t.stepsPerSecond, t.testNll, t.testStep,
                t.test.steps.size(), t.trainNll, t.learningRate,
                traceName(t.stopped), t.rollbacks,
                t.fields ? t.fields->step : -1LL, t.runSteps, t.runSeconds, s_.layerShown);
  out += buf;
  // The run's configuration and the training scene it came from (file stem, "none").
  const TrainerConfig& c = t.config;
  const std::string scene = s_.scenePath.empty() ? "none" : std::filesystem::path(s_.scenePath).stem().string();
  std::snprintf(buf, sizeof buf,
                " scene=%s dataset=%s noise=%g layers=%d hidden=%d depth=%d batch=%d peak_lr=%g schedule_steps=%d "
                "warmup_steps=%d seed=%llu generation=%llu",
                scene.c_str(), datasetName(c.data.kind).c_str(), c.data.noise,
                t.family ? t.family->layers : c.model.layers, t.family ? t.family->hidden : c.model.hidden,
                c.model.depth, c.batch, c.learningRate, c.schedule.total, c.schedule.warmup,
                static_cast<unsigned long long>(c.seed), static_cast<unsigned long long>(t.generation));
  out += buf;
  // Pixel boxes of the canvas, its panes and its text (layout tests): x0,y0,x1,y1.
  const auto box = [&](const char* key, ImVec2 a, ImVec2 b) {
    std::snprintf(buf, sizeof buf, " %s=%.0f,%.0f,%.0f,%.0f", key, a.x, a.y, b.x, b.y);
    out += buf;
  };
  box("canvas_px", canvasMin_, canvasMax_);
  box("density_px", layout_.density.min(), layout_.density.max());
  box("bar_px", layout_.colourBarMin, layout_.colourBarMax);
  box("curve_px", layout_.curve.min(), layout_.curve.max());
  box("base_px", layout_.base.min(), layout_.base.max());
  box("title_px", layout_.titleMin, layout_.titleMax);
  box("legend_px", layout_.legendMin, layout_.legendMax);
  box("grid_toggle_px", gridToggleMin_, gridToggleMax_);
  box("patches_toggle_px", patchesToggleMin_, patchesToggleMax_);
  // The parameters' bits as one FNV-1a checksum: a saved and reopened model must match exactly.
  std::uint64_t crc = 1469598103934665603ull;
  for (float v : t.params) {
    std::uint32_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    for (int b = 0; b < 4; ++b) crc = (crc ^ ((bits >> (8 * b)) & 0xffu)) * 1099511628211ull;
  }
  for (double v : t.familyParams) {
    std::uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    for (int b = 0; b < 8; ++b) crc = (crc ^ ((bits >> (8 * b)) & 0xffu)) * 1099511628211ull;
  }
  std::snprintf(buf, sizeof buf, " params_crc=%016llx flow=%s model_layers=%d", static_cast<unsigned long long>(crc),
                t.family ? familyName(t.family->kind).c_str() : "realnvp", t.layers);
  out += buf;
  // Overlays drawn by the last canvas, and the hover probe (its terms sum to the total).
  const OverlayFields* o = s_.overlays.get();
  std::snprintf(buf, sizeof buf, " grid=%d patches=%d grid_lines=%d patches_drawn=%d overlay_step=%lld overlay_ms=%.2f",
                s_.showGrid ? 1 : 0, s_.showPatches ? 1 : 0, s_.gridLinesDrawn, s_.patchesDrawn, o ? o->step : -1LL,
                o ? o->computeMs : 0.0);
  out += buf;
  const char* pane = s_.hoverPane == TrainState::HoverPane::Data ? "data"
                     : s_.hoverPane == TrainState::HoverPane::Base ? "base" : "none";
  std::snprintf(buf, sizeof buf, " hover_pane=%s", s_.hover ? pane : "none");
  out += buf;
  traceDrawTool(s_, out);
  std::snprintf(buf, sizeof buf, " own_points=%d", s_.settings.ownPoints ? int(s_.settings.ownPoints->rows()) : 0);
  out += buf;
  if (s_.hover) {
    const PointProbe& h = *s_.hover;
    std::snprintf(buf, sizeof buf, " hover_x=%.6f,%.6f hover_z=%.6f,%.6f hover_log_px=%.9g hover_log_pz=%.9g "
                  "hover_det_total=%.9g hover_dets=",
                  h.x(0), h.x(1), h.z(0), h.z(1), h.logPx, h.logPz, h.logAbsDetTotal);
    out += buf;
    for (size_t k = 0; k < h.terms.size(); ++k) {  // per layer, base outwards (the test sums them)
      std::snprintf(buf, sizeof buf, "%s%.9g", k ? "," : "", h.terms[k].logAbsDet);
      out += buf;
    }
  }
}

void TrainView::fileMenu(AppState& /*state*/) {
  ImGui::Separator();
  if (ImGui::MenuItem("Save model...", shortcutKeys(Action::TrainSaveModel))) s_.showSaveDialog = true;
  if (ImGui::MenuItem("Open model...", shortcutKeys(Action::TrainOpenModel))) s_.showOpenDialog = true;
  if (ImGui::MenuItem("Import points...", shortcutKeys(Action::TrainImportPoints))) s_.showImportDialog = true;
}

void TrainView::canvas(AppState& state, ImVec2 origin, ImVec2 size) {
  layout_ = drawTrainCanvas(state, s_, heatmap_, origin, size);
  drawModelFileDialogs(state, s_);
  drawImportPointsDialog(s_);
  canvasMin_ = origin;
  canvasMax_ = ImVec2(origin.x + size.x, origin.y + size.y);
}

}  // namespace flowlab::app
