// The Training view: train a RealNVP on a toy dataset step by step and watch p_X form and the NLL
// fall from the Gaussian baseline towards the data's entropy floor (the "TensorFlow Playground"
// of flows). Training runs on the UI thread within a time budget per frame (≤ 8 ms), which the
// single-threaded Trainer::step API suits best: no locks, and a paused view never steps.
#pragma once

#include "app/gl/heatmap_renderer.h"
#include "app/plot/plot_frame.h"
#include "app/ui/view.h"
#include "app/views/train/train_state.h"

namespace flowlab::app {

class TrainView : public View {
 public:
  TrainView();
  std::string id() const override { return "train"; }
  std::string title() const override { return "Training"; }
  void sidebar(AppState& state) override;
  void update(AppState& state, double dt) override;
  void canvas(AppState& state, ImVec2 origin, ImVec2 size) override;
  void invalidate() override { s_.fields.step = -1; }
  bool animating() const override { return s_.running; }
  bool acceptsDim(int dim) const override { return dim == 2; }

  void traceState(std::string& out) const override;
  TrainState& trainState() { return s_; }

 private:
  void transport();
  void settingsPanel();
  void numbersPanel();
  TrainState s_;
  HeatmapRenderer heatmap_;
};

// Canvas (train_canvas.cpp): density pane with the data scatter, NLL curve, base-space pane.
struct TrainLayout {
  PlotFrame density, curve, base;
  ImVec2 colourBarMin, colourBarMax;
};
TrainLayout layoutTrain(const TrainState& s, ImVec2 origin, ImVec2 size);
// The NLL axis the curve uses: covers the baseline, the floor and the history.
Range nllRange(const TrainState& s);
void drawTrainCanvas(AppState& state, TrainState& s, HeatmapRenderer& heatmap, ImVec2 origin, ImVec2 size);

}  // namespace flowlab::app
