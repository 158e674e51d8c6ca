// The Training view's grid and patch overlays (drawn by app/plot/warp_overlays.h, the 2D lab's
// code) and its hover readout: the point under the cursor in either square pane, its partner in
// the other, and log p_X(x) = log p_Z(z) − Σ_k log|det J_k| split per layer, probed by core on the
// snapshot's model (core/inspect/point_probe.h).
#include <cmath>
#include <cstdio>
#include <string>

#include <imgui.h>

#include "app/plot/warp_overlays.h"
#include "app/ui/theme.h"
#include "app/ui/tooltip.h"
#include "app/views/train/train_view.h"
#include "core/train/flow_export.h"

namespace flowlab::app {

void drawTrainOverlays(ImDrawList* dl, TrainState& s, const TrainLayout& l) {
  s.gridLinesDrawn = s.patchesDrawn = 0;
  const OverlayFields* o = s.overlays.get();
  if (!o || o->generation != s.snap->generation) return;  // a new run: wait for its own
  if (s.showPatches && o->patches.ok())
    s.patchesDrawn = drawWarpPatches(dl, l.base, l.density, o->patches.value, o->patches.value, 0.0, o->patchRange);
  if (s.showGrid && o->grid.ok() && o->baseGrid.ok()) {
    drawWarpGrid(dl, l.base, o->baseGrid.value, o->baseGrid.value, 0.0, true);
    s.gridLinesDrawn = drawWarpGrid(dl, l.density, o->grid.value, o->grid.value, 0.0, false);
  }
}

void updateTrainHover(TrainState& s, const TrainLayout& l) {
  s.hover.reset();
  s.hoverError.clear();
  s.hoverPane = TrainState::HoverPane::None;
  const ImVec2 m = ImGui::GetIO().MousePos;
  if (!ImGui::IsWindowHovered() || !s.snap->hasModel()) return;
  const bool data = l.density.contains(m), base = l.base.contains(m);
  if (!data && !base) return;
  if (s.probedSnap != s.snap || !s.probeFlow) {  // the model of this frame's snapshot
    Expected<Flow> flow = runFlow(s.snap->run(), s.snap->params, s.snap->familyParams);
    s.probedSnap = s.snap;
    if (!flow.ok()) {
      s.probeFlow.reset();
      s.hoverError = flow.status.message();
      return;
    }
    s.probeFlow = std::move(flow.value);
  }
  Vector p(2);
  (data ? l.density : l.base).toData(m, p(0), p(1));
  s.hoverPane = data ? TrainState::HoverPane::Data : TrainState::HoverPane::Base;
  const Expected<PointProbe> probe = data ? probeAtData(*s.probeFlow, p) : probeAtBase(*s.probeFlow, p);
  if (!probe.ok()) {
    s.hoverError = probe.status.message();
    showTooltip("%s", s.hoverError.c_str());
    return;
  }
  s.hover = probe.value;
}

void drawTrainHover(ImDrawList* dl, const TrainState& s, const TrainLayout& l) {
  if (!s.hover) return;
  const PointProbe& p = *s.hover;
  const float r = ImGui::GetFontSize() * 0.35f;
  for (const auto& [pt, f] : {std::pair{l.base.toPixels(p.z(0), p.z(1)), &l.base},
                              std::pair{l.density.toPixels(p.x(0), p.x(1)), &l.density}}) {
    if (!f->contains(pt)) continue;
    dl->AddCircle(pt, r, IM_COL32(255, 255, 255, 255), 16, 3.0f);
    dl->AddCircle(pt, r, theme::kHover, 16, 1.5f);
  }
  std::string text;
  char buf[200];
  std::snprintf(buf, sizeof buf, "x = (%.3f, %.3f)%s\nz = f⁻¹(x) = (%.3f, %.3f)\n", p.x(0), p.x(1),
                s.hoverPane == TrainState::HoverPane::Base ? " = f(z)" : "", p.z(0), p.z(1));
  text += buf;
  std::snprintf(buf, sizeof buf, "log p_X(x) = log p_Z(z) − Σ log|det J_k| = %.4f\n  log p_Z(z) = %.4f\n", p.logPx,
                p.logPz);
  text += buf;
  for (const LayerTerm& t : p.terms) {
    // Each layer's share of log p_X: minus its log-volume change.
    std::snprintf(buf, sizeof buf, "  %s %.4f   %s\n", t.logAbsDet > 0 ? "−" : "+", std::abs(t.logAbsDet),
                  t.label.c_str());
    text += buf;
  }
  std::snprintf(buf, sizeof buf, "p_X(x) = %.4g   area under f⁻¹ × %.3f", p.px, p.volumeRatio);
  text += buf;
  showTooltip("%s", text.c_str());
}

}  // namespace flowlab::app
