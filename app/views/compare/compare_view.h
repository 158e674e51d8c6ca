// The Compare view (issue 16 item 3): two training runs side by side, A and B, each on its own
// worker thread (core/train/training_runner.h), training concurrently. Their densities share the
// axes and one colour scale, a third pane shows log p_A − log p_B (core/eval/density_difference.h),
// and their NLL curves are overlaid on one plot with the entropy floor. "Duplicate A → B" starts B
// from A's settings so one change can be tried; either side can also open a training scene.
#pragma once

#include <memory>
#include <string>

#include "app/gl/heatmap_renderer.h"
#include "app/plot/plot_frame.h"
#include "app/ui/view.h"
#include "app/views/train/wake_pacer.h"
#include "core/eval/density_difference.h"
#include "core/train/training_runner.h"

namespace flowlab::app {

// One side's settings, as the sidebar edits them.
struct CompareSideSettings {
  int dataset = 0;    // index into datasetNames()
  int family = 1;     // index into familyNames() (1: realnvp, the fast path)
  int layers = 6, hidden = 64, seed = 0, steps = 2000;
  bool operator==(const CompareSideSettings&) const = default;
};

struct CompareSide {
  const char* name = "A";
  CompareSideSettings settings, applied;  // edited, and what the runner trains
  std::unique_ptr<TrainingRunner> runner;
  std::shared_ptr<const RunnerSnapshot> snap;
  HeatmapRenderer heat;
  std::shared_ptr<const RunnerFields> drawnFields;
  std::uint64_t key = 0;
  std::string scenePath;  // the training scene it came from ("" for settings typed here)
};

struct CompareLayout {
  PlotFrame a{ImVec2(), ImVec2(), Range{}, Range{}}, b = a, diff = a, curve = a;
};

class CompareView : public View {
 public:
  CompareView();
  ~CompareView() override;
  std::string id() const override { return "compare"; }
  std::string title() const override { return "Compare"; }
  void sidebar(AppState& state) override;
  void update(AppState& state, double dt) override;
  void canvas(AppState& state, ImVec2 origin, ImVec2 size) override;
  void traceState(std::string& out) const override;
  void fileMenu(AppState& state) override;

  void runBoth();
  void pauseBoth();
  // B takes A's settings (the start of "Duplicate with a change").
  void duplicateAToB();
  CompareSide& side(int i) { return sides_[i]; }

 private:
  void ensureRunners();
  void sideControls(AppState& state, CompareSide& s);
  bool openSceneInto(AppState& state, CompareSide& s, const std::string& path);
  RunConfig runConfig(const CompareSideSettings& s) const;

  std::shared_ptr<WakePacer> pacer_;
  CompareSide sides_[2];
  HeatmapRenderer diffHeat_;
  std::shared_ptr<const DensityDifference> diff_;
  std::shared_ptr<const RunnerFields> diffOf_[2];
  std::uint64_t diffKey_ = 0;
  bool running_ = false;
  bool showOpen_[2] = {false, false};
  std::string openPath_;
  CompareLayout layout_{};
};

}  // namespace flowlab::app
