#include "app/views/train/train_view.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "app/ui/app_state.h"
#include "app/ui/keys.h"
#include "app/ui/shortcuts.h"
#include "app/ui/theme.h"
#include "app/ui/tooltip.h"

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

std::string defaultSavePath() {
  std::filesystem::path dir = std::filesystem::current_path();
  if (const char* home = std::getenv("HOME"); home && *home) dir = home;
  return (dir / "flowlab-model.json").string();
}

}  // namespace

TrainView::TrainView() { s_.savePath = defaultSavePath(); }

void TrainView::transport() {
  if (ImGui::Button("|<")) s_.resetRequested = true;
  tooltip("Reset: fresh parameters from the seed, step 0 (the flow is the identity: NLL = 2.838)");
  ImGui::SameLine();
  ImGui::BeginDisabled(!s_.diverged.empty());
  if (ImGui::Button(s_.running ? "Pause" : "Run")) s_.running = !s_.running;
  tooltip("Train continuously (Space)");
  ImGui::SameLine();
  if (ImGui::Button("+1")) s_.pendingSteps += 1;
  tooltip("One Adam step on a fresh batch");
  ImGui::SameLine();
  if (ImGui::Button("+10")) s_.pendingSteps += 10;
  tooltip("Ten steps");
  ImGui::SameLine();
  if (ImGui::Button("+100")) s_.pendingSteps += 100;
  tooltip("A hundred steps");
  ImGui::EndDisabled();
  ImGui::Checkbox("slow motion", &s_.slowMotion);
  helpMarker("About 10 steps a second, with the density redrawn after each step, so you can watch "
             "single updates move the probability mass.");
}

void TrainView::settingsPanel() {
  const float em = ImGui::GetFontSize();
  const float field = em * 8.0f;
  TrainSettings& t = s_.settings;
  bool rebuild = false;
  ImGui::SetNextItemWidth(field);
  if (ImGui::BeginCombo("dataset", t.dataset.c_str())) {
    for (const std::string& name : datasetNames())
      if (ImGui::Selectable(name.c_str(), name == t.dataset)) {
        t.dataset = name;
        t.noise = -1.0;
        rebuild = true;
      }
    ImGui::EndCombo();
  }
  helpMarker("The toy distribution to learn, in standardized coordinates (zero mean, unit variance "
             "per axis). Changing any setting but the learning rate starts a new run.");
  const Expected<Dataset> data = Dataset::make(t.dataset, t.noise);
  if (data.ok() && hasNoise(data.value.spec().kind)) {
    float noise = static_cast<float>(data.value.spec().noise);
    ImGui::SetNextItemWidth(field);
    if (ImGui::SliderFloat("noise σ", &noise, 0.01f, 0.5f, "%.3f", ImGuiSliderFlags_Logarithmic)) t.noise = noise;
    rebuild |= ImGui::IsItemDeactivatedAfterEdit();
    tooltip("Standard deviation of the Gaussian noise added to the raw points (applied on release)");
  }
  ImGui::SetNextItemWidth(field);
  ImGui::SliderInt("layers", &t.layers, 1, 16);
  rebuild |= ImGui::IsItemDeactivatedAfterEdit();
  tooltip("Affine coupling layers K (alternating which coordinate is kept)");
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
  tooltip("Peak Adam learning rate (100-step warm-up, cosine decay to 2% at step 2000). "
          "Takes effect at once, without a reset.");
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

void TrainView::numbersPanel() {
  if (!s_.trainer) return;
  const Trainer& t = *s_.trainer;
  const double floor = t.entropyFloor();
  row("step", std::to_string(t.stepCount()).c_str());
  row("train NLL", fixed(t.trainNll()).c_str());
  ImGui::SameLine();
  helpMarker("Moving average of the batch NLL (nats per point): -mean log p_X over each fresh batch.");
  row("test NLL", fixed(s_.lastTestNll).c_str());
  ImGui::SameLine();
  helpMarker("Mean -log p_X on 16,384 held-out points, refreshed twice a second while training.");
  row("baseline", fixed(kGaussianBaselineNll).c_str());
  ImGui::SameLine();
  helpMarker("log(2πe) = 2.838: the NLL of N(0, I), i.e. of the untrained flow (the identity).");
  row("floor", fixed(floor).c_str());
  ImGui::SameLine();
  helpMarker("The data's differential entropy: no model can have a lower expected NLL.");
  row("gap", fixed(s_.lastTestNll - floor).c_str());
  ImGui::SameLine();
  helpMarker("test NLL − floor: the KL divergence from the data to the model, in nats.");
  row("steps/s", s_.running && s_.stepsPerSecond > 0 ? fixed(s_.stepsPerSecond, "%.0f").c_str() : "—");
  row("learning rate", fixed(t.currentLearningRate(), "%.2e").c_str());
  const std::string rb = std::to_string(s_.rollbacks);
  row("rollbacks", rb.c_str(), s_.rollbacks > 0 ? &theme::kWarningText : nullptr);
  ImGui::SameLine();
  helpMarker("Steps whose loss, gradient or parameters became non-finite: each was undone and the "
             "learning rate halved.");
  if (!s_.diverged.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(theme::kErrorText, "%s", s_.diverged.c_str());
    ImGui::PopTextWrapPos();
  }
}

void TrainView::sidebar(AppState& state) {
  ImGui::TextDisabled("Train a RealNVP by maximum likelihood");
  ImGui::Separator();
  ImGui::TextDisabled("Training");
  transport();
  ImGui::Separator();
  ImGui::TextDisabled("Setup");
  settingsPanel();
  ImGui::Separator();
  ImGui::TextDisabled("Numbers");
  numbersPanel();
  ImGui::Separator();
  ImGui::TextDisabled("Model");
  ImGui::SetNextItemWidth(-1);
  ImGui::InputText("##savepath", &s_.savePath);
  tooltip("Where \"Save model...\" writes the checkpoint (a scene file with the optimizer state; "
          "flowlab train --resume continues from it)");
  if (ImGui::Button("Save model...")) s_.saveRequested = true;
  ImGui::SameLine();
  if (ImGui::Button("Open in 2D lab")) s_.openIn2DRequested = true;
  tooltip("Look inside the trained flow layer by layer in the 2D lab (standardized coordinates)");
  ImGui::TextDisabled("engine: %.1f ms at %d² cells", s_.fields.computeMs, s_.fields.resolution);
  (void)state;
}

void TrainView::update(AppState& state, double dt) {
  if (shortcutPressed(Action::TrainRunPause) && s_.diverged.empty()) s_.running = !s_.running;
  if (shortcutPressed(Action::TrainReset)) s_.resetRequested = true;
  advanceTraining(state, s_, dt);
}

void TrainView::traceState(std::string& out) const {
  char buf[160];
  std::snprintf(buf, sizeof buf, " running=%d step=%lld steps_per_sec=%.1f test_nll=%.6f", s_.running ? 1 : 0,
                s_.trainer ? s_.trainer->stepCount() : 0LL, s_.stepsPerSecond, s_.lastTestNll);
  out += buf;
}

void TrainView::canvas(AppState& state, ImVec2 origin, ImVec2 size) {
  drawTrainCanvas(state, s_, heatmap_, origin, size);
}

}  // namespace flowlab::app
