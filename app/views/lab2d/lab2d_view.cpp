#include "app/views/lab2d/lab2d_view.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <imgui.h>

#include "app/ui/app_state.h"
#include "app/ui/dialogs.h"
#include "app/ui/keys.h"
#include "app/ui/preset_catalog.h"
#include "app/ui/preset_header.h"
#include "app/ui/shortcuts.h"
#include "app/ui/theme.h"
#include "app/ui/tooltip.h"
#include "core/io/read_file.h"

namespace flowlab::app {

Lab2DView::Lab2DView() {
  s_.scene.dim = 2;
  s_.scene.flow = Flow(2);
  for (const auto& p : presets(2))
    if (p.path.find("linear_004") != std::string::npos) {
      auto scene = loadSceneFile(p.path);
      if (scene.ok()) {
        s_.scene = std::move(scene.value);
        s_.presetPath = p.path;
      }
    }
}

bool Lab2DView::openScene(AppState& state, const std::string& path) {
  // The text too: the guided steps' reader turns its errors into the file's line and column.
  const Expected<std::string> text = readTextFile(path);
  if (!text.ok()) return adoptChecked(state, loadSceneFile(path), path, path, "");
  return adoptChecked(state, parseScene(text.value, path), path, path, text.value);
}

bool Lab2DView::openSceneText(AppState& state, const std::string& text, const std::string& source) {
  return adoptChecked(state, parseScene(text, source), source, "", text);
}

bool Lab2DView::adoptChecked(AppState& state, Expected<SceneFile> scene, const std::string& source,
                             const std::string& path, const std::string& text) {
  if (!scene.ok()) {
    state.error(scene.status.message());
    return false;
  }
  if (scene.value.dim != 2) {
    state.error(source + ": the 2D lab shows 2D scenes (this one has dim = " + std::to_string(scene.value.dim) + ")");
    return false;
  }
  s_.editor.history.clear();  // a new scene starts a new history
  s_.editor.selected = 0;
  s_.scene = std::move(scene.value);
  s_.presetPath = path;
  s_.position = s_.scene.view.visibleLayers;
  s_.resolution = std::clamp(s_.scene.view.resolution, 32, 512);
  s_.playing = false;
  s_.baseRect = kDefaultBaseRect;
  s_.dirty = true;
  // Optional "view": {"colour_scale": "shared" | "per_pane" | "log"}.
  if (const auto it = s_.scene.view.extras.find("colour_scale"); it != s_.scene.view.extras.end()) {
    if (!it->is_string() || !parseColourScale(it->get<std::string>(), s_.colourScale))
      state.warn(source + ": view.colour_scale must be \"shared\", \"per_pane\" or \"log\"");
  }
  // Optional "view": {"overlays": ["density", "grid", ...]} picks the overlays a scene opens with.
  if (const auto it = s_.scene.view.extras.find("overlays"); it != s_.scene.view.extras.end() && it->is_array()) {
    std::vector<std::string> names, unknown;
    for (const auto& n : *it)
      if (n.is_string()) names.push_back(n.get<std::string>());
    setOverlays(names, true, unknown);
    for (const auto& u : unknown) state.warn(source + ": unknown overlay '" + u + "'");
  }
  state.info("opened " + source);
  for (const auto& problem : s_.scene.flow.problems()) state.warn(problem);
  loadLab2DSteps(state, s_, source, text);
  return true;
}

SceneFile Lab2DView::currentScene() const {
  SceneFile out = s_.scene;
  out.view.visibleLayers = s_.position < 0 ? -1 : static_cast<int>(std::lround(s_.position));
  out.view.resolution = s_.resolution;
  // What opening reads back (openScene): the overlays as an exclusive list, and the colour scale.
  Json overlays = Json::array();
  const std::pair<bool, const char*> flags[] = {{s_.showDensity, "density"}, {s_.showGrid, "grid"},
                                                {s_.showPatches, "patches"}, {s_.showSamples, "samples"},
                                                {s_.showRoundTrip, "roundtrip"}};
  for (const auto& [on, name] : flags)
    if (on) overlays.push_back(name);
  if (!s_.showHandles) overlays.push_back("no_handles");
  // An exclusive list without "log" would reset a log scale, so the scale is in the list too.
  if (s_.colourScale != ColourScale::Shared) overlays.push_back(colourScaleName(s_.colourScale));
  out.view.extras["overlays"] = overlays;
  out.view.extras["colour_scale"] = colourScaleName(s_.colourScale);
  return out;
}

void Lab2DView::setOverlays(const std::vector<std::string>& names, bool exclusive, std::vector<std::string>& unknown) {
  // Handles stay on unless a list asks for "no_handles": an overlay list names what to add.
  // "log" is an overlay of the list too: a list without it leaves log p (a per-pane scale stays).
  if (exclusive) {
    s_.showDensity = s_.showGrid = s_.showPatches = s_.showSamples = s_.showRoundTrip = false;
    if (s_.colourScale == ColourScale::Log) s_.colourScale = ColourScale::Shared;
  }
  for (const auto& n : names) {
    bool* flag = n == "density" ? &s_.showDensity : n == "grid" ? &s_.showGrid : n == "patches" ? &s_.showPatches
               : n == "samples" ? &s_.showSamples : n == "handles" ? &s_.showHandles
               : n == "roundtrip" ? &s_.showRoundTrip : nullptr;
    ColourScale scale;
    if (flag) *flag = true;
    else if (n == "no_handles") s_.showHandles = false;
    else if (parseColourScale(n, scale) && n != "shared") s_.colourScale = scale;  // "log", "per_pane"
    else unknown.push_back(n);
  }
  s_.dirty = true;
}

void Lab2DView::transport(AppState& state) {
  const float em = ImGui::GetFontSize();
  const int K = enabledLayers(s_);
  float p = static_cast<float>(s_.position < 0 ? K : std::min<double>(s_.position, K));
  // Transport: reset, play/pause, step (the same controls everywhere).
  if (ImGui::Button("|<")) s_.position = 0, s_.playing = false, s_.dirty = true;
  if (ImGui::IsItemHovered()) showTooltip("Back to the base (k = 0)");
  ImGui::SameLine();
  if (ImGui::Button(s_.playing ? "Pause" : "Play")) {
    s_.playing = !s_.playing;
    if (s_.playing && p >= K) s_.position = 0;
  }
  if (ImGui::IsItemHovered()) showTooltip("Morph through the layers one by one (Space)");
  ImGui::SameLine();
  if (ImGui::Button(">|")) {
    s_.position = std::min<double>(K, std::floor(p) + 1);
    if (s_.position >= K) s_.position = -1;
    s_.playing = false;
    s_.dirty = true;
  }
  if (ImGui::IsItemHovered()) showTooltip("Next layer (Right arrow)");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-em * 3.5f);
  if (ImGui::SliderFloat("k", &p, 0.0f, static_cast<float>(K), "%.2f")) {
    s_.position = p >= K ? -1.0 : p;
    s_.playing = false;
    s_.dirty = true;
  }
  if (ImGui::IsItemHovered()) showTooltip("Layers applied: 0 is the base, %d the whole flow; fractions morph", K);
  (void)state;
}

void Lab2DView::update(AppState& state, double dt) {
  updateLab2DSteps(s_, dt);
  const int K = enabledLayers(s_);
  const double p = s_.position < 0 ? K : std::min<double>(s_.position, K);
  if (!ImGui::GetIO().WantTextInput) {
    if (shortcutPressed(Action::PlayPause)) {
      s_.playing = !s_.playing;
      if (s_.playing && p >= K) s_.position = 0;
    }
    if (shortcutPressed(Action::NextLayer)) {
      s_.position = std::min<double>(K, std::floor(p) + 1), s_.dirty = true;
      if (s_.position >= K) s_.position = -1;
    }
    if (shortcutPressed(Action::PreviousLayer)) s_.position = std::max(0.0, std::ceil(p) - 1.0), s_.dirty = true;
  }
  if (s_.playing) {
    const double next = (s_.position < 0 ? K : s_.position) + dt * 0.6;
    if (next >= K) {
      s_.position = -1;
      s_.playing = false;
    } else {
      s_.position = next;
    }
    s_.dirty = true;
  }
  // A step's animation draws at the drag resolution too: half a second must look smooth.
  s_.interacting = ImGui::IsAnyItemActive() || s_.dragHandle >= 0 || s_.panPane != Pane::None || lab2dStepAnimating(s_);
  s_.dirty |= handleUndoShortcuts(s_.scene.flow, s_.editor);
  updateRecording(dt);
}

void Lab2DView::traceState(std::string& out) const {
  int k = 0;
  double t = 0;
  morphPosition(s_, k, t);
  char buf[160];
  std::snprintf(buf, sizeof buf, " layers=%d position=%.3f playing=%d dragging=%d fields_version=%llu", enabledLayers(s_),
                k + t, s_.playing ? 1 : 0, s_.dragHandle >= 0 ? 1 : 0,
                static_cast<unsigned long long>(s_.fields.version));
  out += buf;
  out += " hidden=" + lab2dHiddenNames(s_);
  std::snprintf(buf, sizeof buf, " reveal_shown=%.2f,%.2f,%.2f", s_.steps.density.shown, s_.steps.grid.shown,
                s_.steps.patches.shown);
  out += buf;
  std::snprintf(buf, sizeof buf, " step=%d steps=%d step_animating=%d", s_.steps.shown, int(s_.steps.steps.size()),
                lab2dStepAnimating(s_) ? 1 : 0);
  out += buf;
  for (size_t i = 0; i < s_.handleTips.size(); ++i) {
    std::snprintf(buf, sizeof buf, " handle%zu=%d,%d handle%zu_value=%.4f,%.4f", i, static_cast<int>(s_.handleTips[i].x),
                  static_cast<int>(s_.handleTips[i].y), i, s_.handleValues[i].x, s_.handleValues[i].y);
    out += buf;
  }
  std::string caption = lab2dStageCaption(s_);
  std::replace(caption.begin(), caption.end(), ' ', '_');
  const Rect d = dataRect(s_), b = s_.baseRect;
  std::snprintf(buf, sizeof buf, " handles=%d colour_scale=%s stages_computed=%d resolution=%d caption=%s",
                s_.showHandles ? 1 : 0, colourScaleName(s_.colourScale), s_.cache.computed, s_.fields.resolution,
                caption.c_str());
  out += buf;
  std::snprintf(buf, sizeof buf, " data_range=%.4f,%.4f,%.4f,%.4f base_range=%.4f,%.4f,%.4f,%.4f", d.xMin, d.xMax,
                d.yMin, d.yMax, b.xMin, b.xMax, b.yMin, b.yMax);
  out += buf;
  out += s_.fields.from.validity.ok() ? " valid=1" : " valid=0";
  for (size_t i = 0; i < s_.editor.sliderRects.size(); ++i) {
    const auto& [a, c] = s_.editor.sliderRects[i];
    std::snprintf(buf, sizeof buf, " slider%zu=%d,%d,%d,%d", i, int(a.x), int(a.y), int(c.x), int(c.y));
    out += buf;
  }
  if (!s_.fields.from.validity.ok()) out += s_.editor.history.canUndo() ? " invalid_hint=undo" : " invalid_hint=fix";
  if (s_.fields.from.density.ok()) {
    std::snprintf(buf, sizeof buf, " mass=%.4f", s_.fields.from.density.value.mass);
    out += buf;
  }
  traceEvidence(out);
  if (!layout_) return;
  auto rect = [&](const char* name, ImVec2 a, ImVec2 c) {
    std::snprintf(buf, sizeof buf, " %s=%d,%d,%d,%d", name, static_cast<int>(std::floor(a.x)), static_cast<int>(std::floor(a.y)),
                  static_cast<int>(std::ceil(c.x)), static_cast<int>(std::ceil(c.y)));
    out += buf;
  };
  rect("canvas", layout_->canvas.min, layout_->canvas.max);
  rect("base_frame", layout_->base.min(), layout_->base.max());
  rect("data_frame", layout_->data.min(), layout_->data.max());
  const float em = ImGui::GetFontSize();
  rect("fit_base", layout_->baseFit, ImVec2(layout_->baseFit.x + em * 2, layout_->baseFit.y + em));
  rect("fit_data", layout_->dataFit, ImVec2(layout_->dataFit.x + em * 2, layout_->dataFit.y + em));
  for (const auto& [name, r] : layout_->parts()) rect(("part_" + name).c_str(), r.min, r.max);
}

void Lab2DView::traceEvidence(std::string& out) const {
  char buf[200];
  const auto& [a, c] = s_.roundTripBox;
  std::snprintf(buf, sizeof buf, " roundtrip=%d roundtrip_box=%d,%d,%d,%d", s_.showRoundTrip ? 1 : 0, int(a.x), int(a.y),
                int(c.x), int(c.y));
  out += buf;
  const Lab2DEvidence& e = s_.evidence;
  if (s_.showRoundTrip && e.roundTrip.ok() && e.roundTrip.value.maxCell >= 0) {
    const RoundTripField& f = e.roundTrip.value;
    std::snprintf(buf, sizeof buf, " roundtrip_max=%.3e roundtrip_at=%.4f,%.4f roundtrip_nonfinite=%d roundtrip_top=%g",
                  f.maxError, f.maxAt(0), f.maxAt(1), f.nonFinite, e.decades.high);
    out += buf;
  }
  if (s_.roundTripMark) {
    std::snprintf(buf, sizeof buf, " roundtrip_px=%d,%d", int(s_.roundTripMark->x), int(s_.roundTripMark->y));
    out += buf;
  }
  const bool found = e.nonFinite && e.nonFinite->site.found;
  out += found ? " nonfinite=1" : " nonfinite=0";
  if (found) {
    const NonFiniteOnGrid& g = *e.nonFinite;
    std::string label = g.site.label;
    std::replace(label.begin(), label.end(), ' ', '_');
    std::snprintf(buf, sizeof buf, " nonfinite_layer=%d nonfinite_label=%s nonfinite_what=%s nonfinite_count=%d/%d",
                  g.site.layer + 1, label.c_str(), g.site.what.c_str(), g.site.count, g.grid.size());
    out += buf;
    std::snprintf(buf, sizeof buf, " nonfinite_at=%.4f,%.4f", g.at(0), g.at(1));
    out += buf;
  }
  if (s_.nonFiniteMark) {
    std::snprintf(buf, sizeof buf, " nonfinite_px=%d,%d", int(s_.nonFiniteMark->x), int(s_.nonFiniteMark->y));
    out += buf;
  }
  if (s_.hover) {
    std::string diffs;
    int off = 0;
    for (const LayerTerm& t : s_.hover->terms) {
      std::snprintf(buf, sizeof buf, "%s%.2e", diffs.empty() ? "" : ",", t.logAbsDetDifference());
      diffs += buf;
      off += t.logAbsDetAgrees() ? 0 : 1;
    }
    std::snprintf(buf, sizeof buf, " probe_rows=%zu probe_logdet_diff=%s probe_logdet_off=%d", s_.hover->terms.size(),
                  diffs.empty() ? "none" : diffs.c_str(), off);
    out += buf;
  }
  std::snprintf(buf, sizeof buf, " readout_overflow=%.1f", s_.readoutOverflow);
  out += buf;
}

void Lab2DView::sidebar(AppState& state) {
  const float em = ImGui::GetFontSize();
  s_.dirty |= drawPresetHeader(2, s_.scene, s_.presetPath, s_.editor,
                               [&](const std::string& path) { openSceneFile(state, path); });
  drawLab2DStepControls(s_);

  ImGui::Separator();
  ImGui::TextDisabled("Overlays");
  s_.dirty |= ImGui::Checkbox("density", &s_.showDensity);
  ImGui::SameLine(em * 6.5f);
  ImGui::Checkbox("handles", &s_.showHandles);
  if (ImGui::IsItemHovered()) showTooltip("The drag handles of a single shown layer (A·e₁, b, u, w, z₀)");
  ImGui::Checkbox("grid", &s_.showGrid);
  ImGui::SameLine(em * 6.5f);
  ImGui::Checkbox("Jacobian patches", &s_.showPatches);
  ImGui::Checkbox("samples", &s_.showSamples);
  ImGui::SameLine(em * 6.5f);
  s_.dirty |= ImGui::Checkbox("round-trip error", &s_.showRoundTrip);
  s_.roundTripBox = {ImGui::GetItemRectMin(), ImGui::GetItemRectMax()};
  if (ImGui::IsItemHovered())
    showTooltip("The base pane shows |f⁻¹(f(z)) − z| on a log scale: how far the inverse misses its way back.\n"
                "Rounding is about 1e-16; iterative inverses stop near 1e-12.");
  // Presentation mode keeps the lesson's controls and hides the engine's knobs.
  if (!state.presentation) {
    ImGui::SetNextItemWidth(em * 5);
    const char* resolutions[] = {"128", "256", "512"};
    int r = s_.resolution <= 128 ? 0 : s_.resolution <= 256 ? 1 : 2;
    if (ImGui::Combo("cells", &r, resolutions, 3)) {
      s_.resolution = 128 << r;
      s_.dirty = true;
    }
    if (ImGui::IsItemHovered()) showTooltip("Density resolution per axis (kept while dragging or playing)");
    ImGui::SetNextItemWidth(em * 8);
    const char* scales[] = {"shared", "per pane", "log p"};
    int scale = static_cast<int>(s_.colourScale);
    if (ImGui::Combo("colour scale", &scale, scales, 3)) s_.colourScale = static_cast<ColourScale>(scale);
    if (ImGui::IsItemHovered())
      showTooltip("shared: one colour is one density in both panes\nper pane: each pane's peak is the brightest colour\n"
                  "log p: log density, 9 units below the peak");
  }

  ImGui::Separator();
  ImGui::TextDisabled("Layer by layer");
  transport(state);

  ImGui::Separator();
  ImGui::TextDisabled("Layers (base z first, data x last)");
  const bool edited = drawStackEditor(s_.scene.flow, s_.editor);
  s_.dirty |= edited;
  drawCouplingPanel(s_);
  if (state.presentation) return;
  ImGui::Separator();
  ImGui::TextDisabled("engine: %.1f ms at %d² cells", s_.fields.computeMs, s_.fields.resolution);
}

bool Lab2DView::startRecording() {
  recording_ = Recording{};
  if (!s_.steps.steps.empty()) {
    goToLab2DStep(s_, 0, false);
    recording_.mode = Recording::Steps;
  } else if (enabledLayers(s_) > 0) {
    s_.position = 0, s_.playing = true, s_.dirty = true;
    recording_.mode = Recording::Morph;
  } else {
    return false;
  }
  return true;
}

void Lab2DView::updateRecording(double dt) {
  if (recording_.mode == Recording::None || recording_.done) return;
  const bool moving = recording_.mode == Recording::Steps ? lab2dStepAnimating(s_) : s_.playing;
  if (moving) return;
  recording_.held += dt;
  if (recording_.held < Recording::kHoldSeconds) return;
  recording_.held = 0.0;
  if (recording_.mode == Recording::Steps && s_.steps.shown < int(s_.steps.steps.size()))
    goToLab2DStep(s_, s_.steps.shown + 1, true);
  else
    recording_.done = true;
}

bool Lab2DView::goToStep(int k) {
  if (s_.steps.steps.empty()) return false;
  goToLab2DStep(s_, k, false);
  return true;
}

void Lab2DView::canvas(AppState& state, ImVec2 origin, ImVec2 size) {
  Lab2DRenderers renderers{baseHeatmap_, dataHeatmap_, dataHeatmapNext_, roundTripHeatmap_};
  const float band = drawLab2DStepCaption(ImGui::GetWindowDrawList(), s_, origin, size);
  layout_ = drawLab2DCanvas(state, s_, renderers, ImVec2(origin.x, origin.y + band), ImVec2(size.x, size.y - band));
}

}  // namespace flowlab::app
