// The 2D lab: base pane z and data pane x side by side; the density warps, the grid bends and the
// Jacobian's volume patches grow and shrink while the user drags parameters.
#pragma once

#include <memory>
#include <optional>

#include "app/gl/heatmap_renderer.h"
#include "app/ui/view.h"
#include "app/views/lab2d/lab2d_layout.h"
#include "app/views/lab2d/lab2d_state.h"

namespace flowlab::app {

class Lab2DView : public View {
 public:
  Lab2DView();
  std::string id() const override { return "2d"; }
  std::string title() const override { return "2D flow lab"; }
  void sidebar(AppState& state) override;
  void update(AppState& state, double dt) override;
  void canvas(AppState& state, ImVec2 origin, ImVec2 size) override;
  bool animating() const override {
    return s_.playing || s_.interacting || s_.panPane != Pane::None || lab2dStepAnimating(s_) || lab2dRevealFading(s_);
  }
  bool goToStep(int k) override;
  bool startRecording() override;
  bool recordingDone() const override { return recording_.mode != Recording::None && recording_.done; }
  bool openScene(AppState& state, const std::string& path) override;
  void invalidate() override { s_.dirty = true; }
  bool acceptsDim(int dim) const override { return dim == 2; }
  void setOverlays(const std::vector<std::string>& names, bool exclusive, std::vector<std::string>& unknown) override;

  void traceState(std::string& out) const override;
  Lab2DState& labState() { return s_; }

  // Scene files (app/ui/scene_files.h): the scene as shown (the flow, and in its "view" the layer
  // slider, resolution, overlays and colour scale), opening scene text (a pasted scene; `source`
  // names it in messages), and the file it came from or was saved to ("" for a pasted one).
  SceneFile currentScene() const;
  bool openSceneText(AppState& state, const std::string& text, const std::string& source);
  const std::string& scenePath() const { return s_.presetPath; }
  void setScenePath(const std::string& path) { s_.presetPath = path; }

 private:
  void transport(AppState& state);
  bool adoptChecked(AppState& state, Expected<SceneFile> scene, const std::string& source, const std::string& path,
                    const std::string& text);
  void traceEvidence(std::string& out) const;  // the truth overlays' keys
  Lab2DState s_;
  HeatmapRenderer baseHeatmap_, dataHeatmap_, dataHeatmapNext_, roundTripHeatmap_;
  std::optional<Lab2DLayout> layout_;  // last frame's, for --trace-state
  // A --gif recording: each guided step animates and then holds, or the morph plays from the base.
  struct Recording {
    static constexpr double kHoldSeconds = 0.8;
    enum Mode { None, Steps, Morph } mode = None;
    double held = 0.0;
    bool done = false;
  } recording_;
  void updateRecording(double dt);
};

// Sidebar panel explaining the selected coupling layer (lab2d_coupling_panel.cpp).
void drawCouplingPanel(const Lab2DState& s);

// Canvas (lab2d_canvas.cpp): handles drags, recomputes, draws both panes.
struct Lab2DRenderers {
  HeatmapRenderer& base;
  HeatmapRenderer& data;
  HeatmapRenderer& dataNext;
  HeatmapRenderer& roundTrip;
};
Lab2DLayout drawLab2DCanvas(AppState& state, Lab2DState& s, Lab2DRenderers& renderers, ImVec2 origin, ImVec2 size);

}  // namespace flowlab::app
