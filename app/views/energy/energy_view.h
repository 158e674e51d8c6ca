// The Energy view: fit a flow to an unnormalized density u(x, y) by reverse KL (core/energy) and
// watch its samples fill the target. A preset (Rezende & Mohamed's U1–U4, a ring, a banana, a
// mixture with a known log Z) or a typed expression; any flow kind reverse KL trains (planar,
// radial, the families); annealing against mode dropping. The fit runs on core's worker thread
// (core/energy/reverse_kl_runner.h); the view sends commands and draws its snapshots: the target
// beside the flow's density and samples on one colour scale, and the ELBO rising toward log Z with
// the importance-sampling estimates (± one standard error) and, where known, the true log Z.
#pragma once

#include <memory>
#include <string>

#include "app/gl/heatmap_renderer.h"
#include "app/plot/plot_frame.h"
#include "app/ui/view.h"
#include "app/views/train/wake_pacer.h"
#include "core/energy/reverse_kl_runner.h"
#include "core/scene/scene_file.h"

namespace flowlab::app {

struct EnergyLayout {
  PlotFrame target{ImVec2(), ImVec2(), Range{}, Range{}}, flow = target, forward = target, curve = target;
  bool hasForward = false;  // a third pane: forward KL beside reverse KL
};

// What the sidebar edits: the next fit's settings.
struct EnergySettings {
  int preset = 0;              // index into targetPresetNames(), or -1: the typed expression
  std::string expression = "-((x^2 + y^2)^0.5 - 2)^2 / 0.18 + log(exp(-(x - 2)^2 / 0.72) + exp(-(x + 2)^2 / 0.72))";
  std::string expressionError;  // the parser's message for the last typed expression ("" = fine)
  int flow = 3;                 // index into energyFlowNames(): realnvp
  int layers = 8, hidden = 64, steps = 3000, anneal = 0, seed = 0;
  float learningRate = 3e-3f;
};

class EnergyView : public View {
 public:
  EnergyView();
  ~EnergyView() override;
  std::string id() const override { return "energy"; }
  std::string title() const override { return "Energy"; }
  void sidebar(AppState& state) override;
  void update(AppState& state, double dt) override;
  void canvas(AppState& state, ImVec2 origin, ImVec2 size) override;
  void traceState(std::string& out) const override;
  // A scene with a "target" (docs/scene-format.md): its target and its "fit" settings; the fit starts.
  bool openScene(AppState& state, const std::string& path) override;
  void fileMenu(AppState& state) override;
  bool animating() const override { return false; }  // the worker wakes the loop when it publishes

  // Starts a fit with the current settings (false, with the reason in settings().expressionError
  // or a posted message, when the target or the settings are refused).
  bool startFit(AppState& state);
  EnergySettings& settings() { return s_; }
  // The fitted flow as a scene (what Save fit writes); fails before anything is fitted.
  Expected<SceneFile> fittedScene() const;
  const ReverseKlRunSnapshot& snapshot() const { return snap_; }

 private:
  void targetPicker(AppState& state);
  void flowPicker();
  void readouts();
  void saveFit(AppState& state);
  ReverseKlRunSettings runSettings() const;

  EnergySettings s_;
  std::shared_ptr<WakePacer> pacer_;
  std::unique_ptr<ReverseKlRunner> runner_;
  ReverseKlRunSnapshot snap_;
  ReverseKlRunSettings running_;  // what the current fit was started with
  std::string runningTarget_;
  HeatmapRenderer targetHeat_, flowHeat_, forwardHeat_;
  std::shared_ptr<const EnergyFields> drawnFields_, drawnForward_;
  std::shared_ptr<const EnergyTargetField> drawnTarget_;
  std::uint64_t flowKey_ = 0, targetKey_ = 0, forwardKey_ = 0;
  std::string lessonTitle_, lessonText_;  // of the scene opened last (a lesson's explanation)
  std::string savePath_;
  bool showSave_ = false;
  bool autostart_ = true;  // the first visit starts a fit, so the view is never empty
  EnergyLayout layout_{};
};

// Two density panes (target, reverse-KL flow) or three (and the forward-KL flow) over the curve.
EnergyLayout layoutEnergy(ImVec2 origin, ImVec2 size, bool withForward);

}  // namespace flowlab::app
