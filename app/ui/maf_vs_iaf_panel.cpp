#include "app/ui/maf_vs_iaf_panel.h"

#include <algorithm>
#include <cstdio>

#include <imgui.h>

#include "app/platform/window.h"
#include "app/ui/app_state.h"
#include "app/ui/tooltip.h"
#include "core/io/read_file.h"
#include "core/scene/scene_file.h"

namespace flowlab::app {

namespace {

using State = AutoregressiveCostSnapshot::State;

// The trade-off in words (facts from the chapter-6 notes; the numbers below are measured).
constexpr const char* kExplanation =
    "Both flows are the same stack of masked (MADE) networks with the same weights' shapes; what differs "
    "is what the network reads. A MAF computes each coordinate's shift and log-scale from the data point x: "
    "given x, every coordinate's parameters come out of one pass, so its density costs one pass per layer. "
    "Sampling goes the other way: coordinate v needs the coordinates before it, which must be generated "
    "first, so a sample is built one coordinate per pass, D passes per layer. An IAF reads the base noise z "
    "instead: a sample needs one pass (all of z is drawn at once), but the density of a given x means "
    "recovering z coordinate by coordinate, D passes per layer. The table counts the passes the layers "
    "actually ran and times them; the plot shows the slow direction pulling away as D grows. Use a MAF "
    "where densities of data are needed (maximum-likelihood training), an IAF where fast samples matter "
    "and only its own samples need scoring.";

void startRun(MafVsIafPanel& p) { p.runner.start(p.config); }

// The knobs of the next run (disabled while one runs).
void drawSettings(MafVsIafPanel& p, bool running) {
  const float em = ImGui::GetFontSize();
  ImGui::BeginDisabled(running);
  ImGui::SetNextItemWidth(em * 6);
  ImGui::SliderInt("layers", &p.config.layers, 1, 8);
  if (ImGui::IsItemHovered()) showTooltip("Autoregressive layers K of both flows (orders alternating)");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(em * 5);
  if (ImGui::BeginCombo("hidden", std::to_string(p.config.hidden).c_str())) {
    for (int h : {16, 32, 64})
      if (ImGui::Selectable(std::to_string(h).c_str(), h == p.config.hidden)) p.config.hidden = h;
    ImGui::EndCombo();
  }
  if (ImGui::IsItemHovered()) showTooltip("Units per hidden layer of each MADE (two hidden layers)");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(em * 7);
  if (ImGui::InputInt("training steps", &p.config.trainSteps, 50, 100)) p.config.trainSteps = std::clamp(p.config.trainSteps, 0, 5000);
  if (ImGui::IsItemHovered())
    showTooltip("Adam steps per flow on the sine chain before timing (the IAF's training pays D passes a step)");
  ImGui::EndDisabled();
}

void drawControls(MafVsIafPanel& p) {
  const bool running = p.snap.state == State::Running;
  ImGui::BeginDisabled(running);
  if (ImGui::Button(p.snap.state == State::Idle ? "Measure" : "Measure again")) startRun(p);
  const ImVec2 runMin = ImGui::GetItemRectMin(), runMax = ImGui::GetItemRectMax();
  ImGui::EndDisabled();
  p.runPx[0] = (runMin.x + runMax.x) * 0.5f, p.runPx[1] = (runMin.y + runMax.y) * 0.5f;
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    showTooltip("Train a MAF and an IAF for each D, then time their densities and samples (a minute or so)");
  ImGui::SameLine();
  ImGui::BeginDisabled(!running);
  if (ImGui::Button("Cancel")) p.runner.cancel();
  const ImVec2 cMin = ImGui::GetItemRectMin(), cMax = ImGui::GetItemRectMax();
  ImGui::EndDisabled();
  p.cancelPx[0] = (cMin.x + cMax.x) * 0.5f, p.cancelPx[1] = (cMin.y + cMax.y) * 0.5f;
  ImGui::SameLine();
  char overlay[160];
  const char* what = p.snap.state == State::Running     ? p.snap.phase.c_str()
                     : p.snap.state == State::Finished  ? "finished"
                     : p.snap.state == State::Cancelled ? "cancelled (the finished dimensions are kept)"
                                                        : "not measured yet";
  std::snprintf(overlay, sizeof overlay, "%3.0f%%  %s", p.snap.progress * 100.0, what);
  ImGui::ProgressBar(static_cast<float>(p.snap.progress), ImVec2(-1, 0), overlay);
  drawSettings(p, running);
  const AutoregressiveCostConfig& c = p.snap.state == State::Idle ? p.config : p.snap.config;
  std::string dims;
  for (int d : c.dims) dims += (dims.empty() ? "" : ", ") + std::to_string(d);
  ImGui::TextDisabled("D = %s  ·  %d layers  ·  MADE %d×%d  ·  %d steps, batch %d  ·  %s points in batches of %s",
                      dims.c_str(), c.layers, c.hidden, c.depth, c.trainSteps, c.batch, withThousands(c.points).c_str(),
                      withThousands(c.chunk).c_str());
}

}  // namespace

MafVsIafPanel::MafVsIafPanel() : pacer(std::make_shared<WakePacer>([] { Window::wake(); })),
                                 runner([p = pacer](bool last) { p->onPublish(last); }) {}

void openMafVsIafPanel(AppState& state, const MafVsIafScene* scene) {
  if (!state.mafVsIaf) state.mafVsIaf = std::make_shared<MafVsIafPanel>();
  state.showMafVsIaf = true;
  if (!scene) return;
  state.mafVsIaf->config = scene->config;
  if (scene->autostart) startRun(*state.mafVsIaf);
}

bool openMafVsIafFromScene(AppState& state, const std::string& path) {
  const Expected<std::string> text = readTextFile(path);
  if (!text.ok()) return true;  // the view's own loader has reported it
  const Expected<Json> j = parseSceneJson(text.value, path);
  if (!j.ok()) return true;
  const Expected<std::optional<MafVsIafScene>> block = readMafVsIafScene(j.value);
  if (!block.ok()) {
    state.error(locateSceneError(block.status, text.value, path).message());
    return false;
  }
  if (block.value) openMafVsIafPanel(state, &*block.value);
  return true;
}

void mafVsIafButton(AppState& state) {
  if (!state.mafVsIaf) state.mafVsIaf = std::make_shared<MafVsIafPanel>();  // no thread until Measure
  const bool clicked = ImGui::SmallButton("MAF vs IAF...");
  const ImVec2 lo = ImGui::GetItemRectMin(), hi = ImGui::GetItemRectMax();
  state.mafVsIaf->buttonPx[0] = (lo.x + hi.x) * 0.5f, state.mafVsIaf->buttonPx[1] = (lo.y + hi.y) * 0.5f;
  if (clicked) openMafVsIafPanel(state);
  if (ImGui::IsItemHovered())
    showTooltip("Measure it: a MAF and an IAF of the same size, the time for 10,000 densities and 10,000 "
                "samples, as the dimension D grows (also View > MAF vs IAF)");
}

void drawMafVsIafWindow(AppState& state) {
  if (!state.showMafVsIaf) return;
  if (!state.mafVsIaf) state.mafVsIaf = std::make_shared<MafVsIafPanel>();
  MafVsIafPanel& p = *state.mafVsIaf;
  p.pacer->setFrameMs(state.frame.frameMs);
  p.snap = p.runner.snapshot();
  const float em = ImGui::GetFontSize();
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowSize(ImVec2(std::min(em * 52, display.x * 0.95f), std::min(em * 58, display.y * 0.92f)),
                           ImGuiCond_Appearing);
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (!ImGui::Begin("MAF vs IAF: what each direction costs", &state.showMafVsIaf)) {
    ImGui::End();
    return;
  }
  drawControls(p);
  ImGui::Separator();
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(kExplanation);
  ImGui::PopTextWrapPos();
  ImGui::Separator();
  drawMafVsIafTable(p.snap);
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  drawMafVsIafPlot(p.snap, avail.x, std::max(em * 14, avail.y));
  ImGui::End();
}

void traceMafVsIaf(const AppState& state, std::string& line) {
  char buf[256];
  if (!state.mafVsIaf) {
    line += " mafiaf_open=0 mafiaf_state=idle";
    return;
  }
  const MafVsIafPanel& p = *state.mafVsIaf;
  std::snprintf(buf, sizeof buf, " mafiaf_open=%d mafiaf_state=%s mafiaf_progress=%.3f mafiaf_done=%zu mafiaf_run_px=%.0f,%.0f "
                "mafiaf_cancel_px=%.0f,%.0f mafiaf_button_px=%.0f,%.0f",
                state.showMafVsIaf ? 1 : 0, costStateName(p.snap.state), p.snap.progress, p.snap.results.size(),
                p.runPx[0], p.runPx[1], p.cancelPx[0], p.cancelPx[1], p.buttonPx[0], p.buttonPx[1]);
  line += buf;
  // Per finished D: the passes per batch call that were counted, density/sampling, MAF then IAF.
  for (const DimensionCost& r : p.snap.results) {
    std::snprintf(buf, sizeof buf, " mafiaf_d%d=%lld/%lld,%lld/%lld", r.dim, r.maf.densityPassesPerCall(),
                  r.maf.samplingPassesPerCall(), r.iaf.densityPassesPerCall(), r.iaf.samplingPassesPerCall());
    line += buf;
  }
}

void closeMafVsIafPanel(AppState& state) { state.mafVsIaf.reset(); }

}  // namespace flowlab::app
