// The 1D lab: drag a transform and watch p_X(x) = p_Z(f⁻¹(x))·|df⁻¹/dx| change, live.
#pragma once

#include "app/ui/view.h"
#include "app/views/lab1d/lab1d_state.h"

namespace flowlab::app {

class Lab1DView : public View {
 public:
  Lab1DView();
  std::string id() const override { return "1d"; }
  std::string title() const override { return "1D flow lab"; }
  void sidebar(AppState& state) override;
  void update(AppState& state, double dt) override;
  void canvas(AppState& state, ImVec2 origin, ImVec2 size) override;
  void traceState(std::string& out) const override;  // lab1d_trace.cpp
  bool openScene(AppState& state, const std::string& path) override;
  void invalidate() override { s_.dirty = true; }
  bool acceptsDim(int dim) const override { return dim == 1; }
  void setOverlays(const std::vector<std::string>& names, bool exclusive, std::vector<std::string>& unknown) override;
  bool goToStep(int k) override;
  bool animating() const override { return s_.steps.animating(); }

  Lab1DState& labState() { return s_; }

  // Scene files (app/ui/scene_files.h): the scene as shown (the flow with the layer slider and
  // sample count in its "view"), opening scene text (a pasted scene; `source` names it in
  // messages), and the file it came from or was saved to ("" for a pasted one).
  SceneFile currentScene() const;
  bool openSceneText(AppState& state, const std::string& text, const std::string& source);
  const std::string& scenePath() const { return s_.scenePath; }
  void setScenePath(const std::string& path) { s_.scenePath = path; }

 private:
  void adopt(SceneFile scene, const std::string& path);
  bool adoptChecked(AppState& state, Expected<SceneFile> scene, const std::string& source, const std::string& path);
  Lab1DState s_;
};

// Canvas drawing and direct manipulation (lab1d_canvas.cpp).
void drawLab1DCanvas(Lab1DState& s, ImVec2 origin, ImVec2 size);

}  // namespace flowlab::app
