// The Training view: train a RealNVP on a toy dataset step by step and watch p_X form and the NLL
// fall from the Gaussian baseline towards the data's entropy floor (the "TensorFlow Playground"
// of flows). Training runs on its own thread (core/train/training_runner.h); the view sends
// commands and draws the published snapshots, so a frame never waits for a step.
#pragma once

#include "app/gl/heatmap_renderer.h"
#include "app/plot/plot_frame.h"
#include "app/ui/view.h"
#include "app/views/train/train_state.h"
#include "app/views/train/wake_pacer.h"

namespace flowlab::app {

// Canvas (train_canvas.cpp): density pane with the data scatter, NLL curve, base-space pane.
struct TrainLayout {
  PlotFrame density{ImVec2(), ImVec2(), Range{}, Range{}}, curve = density, base = density;
  ImVec2 colourBarMin, colourBarMax;
  ImVec2 titleMin, titleMax, legendMin, legendMax;  // text boxes, filled by drawTrainCanvas
};

class TrainView : public View {
 public:
  TrainView();
  std::string id() const override { return "train"; }
  std::string title() const override { return "Training"; }
  void sidebar(AppState& state) override;
  void update(AppState& state, double dt) override;
  void canvas(AppState& state, ImVec2 origin, ImVec2 size) override;
  // Save model... (Ctrl+S) and Open model... (Ctrl+Shift+O).
  void fileMenu(AppState& state) override;
  void invalidate() override;
  // The training thread wakes the loop when it publishes (about 60 times a second while running).
  // Play of the layer slider animates the base pane.
  bool animating() const override { return s_.layerPlay; }
  // --gif: presses Run and records kRecordSeconds of the run (less if it stops by itself).
  static constexpr double kRecordSeconds = 8.0;
  bool startRecording() override;
  bool recordingDone() const override { return recordSeconds_ >= kRecordSeconds || recordStopped_; }
  // Training scenes (core/train/training_scene.h) only: openSceneFile routes them here by their
  // "training" field, so plain 2D scenes, whatever their dimension, open in the labs.
  bool acceptsDim(int /*dim*/) const override { return false; }
  // A training scene: its settings become the run's; with weights, they are loaded and continued.
  bool openScene(AppState& state, const std::string& path) override;

  void traceState(std::string& out) const override;
  // "data" and "samples": the points drawn on the density pane (--overlays data,samples); "grid"
  // and "patches": the learned map's grid deformation and Jacobian volume patches.
  void setOverlays(const std::vector<std::string>& names, bool exclusive, std::vector<std::string>& unknown) override;
  TrainState& trainState() { return s_; }

 private:
  void scenePicker(AppState& state);
  void transport();
  void settingsPanel();
  bool familyPicker(float field);
  bool familyKnobs(float field);
  void numbersPanel();
  void requestOverlays(const AppState& state);
  std::shared_ptr<WakePacer> pacer_;  // shared with the training thread's wake callback
  TrainState s_;
  HeatmapRenderer heatmap_;
  float noiseEdit_ = 0.05f;  // the noise slider's value while dragged (applied on release)
  bool noiseEditing_ = false;
  double recordSeconds_ = -1.0;  // animation time recorded so far (-1: not recording)
  bool recordStopped_ = false;   // the run stopped by itself while recording
  TrainLayout layout_{};          // of the last canvas (printed by traceState for layout tests)
  ImVec2 canvasMin_{}, canvasMax_{};
  ImVec2 gridToggleMin_{}, gridToggleMax_{}, patchesToggleMin_{}, patchesToggleMax_{};  // for journeys
};

TrainLayout layoutTrain(const TrainState& s, ImVec2 origin, ImVec2 size);
// The NLL axis the curve uses: covers the baseline, the floor and the history.
Range nllRange(const TrainState& s);
// Returns the layout it drew, with the title's and the legend's text boxes.
TrainLayout drawTrainCanvas(AppState& state, TrainState& s, HeatmapRenderer& heatmap, ImVec2 origin, ImVec2 size);

// Overlays and hover (train_canvas_overlays.cpp): the grid and the patches of the learned map in
// the density and base panes; the readout of the pane under the cursor (x, z = f⁻¹(x), log p per layer).
void drawTrainOverlays(ImDrawList* dl, TrainState& s, const TrainLayout& l);
void updateTrainHover(TrainState& s, const TrainLayout& l);
void drawTrainHover(ImDrawList* dl, const TrainState& s, const TrainLayout& l);

}  // namespace flowlab::app
