// What the 1D lab prints each frame under --trace-state: its density scale as drawn in each panel,
// handle positions, clip marks, the panel rectangles and the layout checks, for the journey tests.
#include <cstdio>
#include <string>

#include "app/views/lab1d/lab1d_view.h"

namespace flowlab::app {
namespace {

void add(std::string& out, const char* key, ImVec2 p) {
  char buf[80];
  std::snprintf(buf, sizeof buf, " %s=%d,%d", key, static_cast<int>(p.x), static_cast<int>(p.y));
  out += buf;
}

void addRect(std::string& out, const char* key, ImVec2 a, ImVec2 b) {
  char buf[96];
  std::snprintf(buf, sizeof buf, " %s=%.1f,%.1f,%.1f,%.1f", key, a.x, a.y, b.x, b.y);
  out += buf;
}

}  // namespace

void Lab1DView::traceState(std::string& out) const {
  const Lab1DState& s = s_;
  char buf[256];
  std::string params;
  for (int i = 0; i < s.scene.flow.layerCount(); ++i)
    for (const auto& p : s.scene.flow.layer(i).parameters()) {
      std::snprintf(buf, sizeof buf, "%s%.6g", params.empty() ? "" : ",", p.value);
      params += buf;
    }
  std::snprintf(buf, sizeof buf, " layers=%d valid=%d dragging=%d params=%s density_top=%.6g", s.scene.flow.layerCount(),
                s.fields.validity.ok() ? 1 : 0, (s.dragCurve || s.dragKnot >= 0) ? 1 : 0,
                params.empty() ? "none" : params.c_str(), s.densityTop);
  out += buf;
  std::snprintf(buf, sizeof buf, " step=%d steps=%d step_animating=%d", s.steps.shown, int(s.steps.steps.size()),
                s.steps.animating() ? 1 : 0);
  out += buf;
  for (size_t i = 0; i < s.editor.sliderRects.size(); ++i) {
    const auto& [a, c] = s.editor.sliderRects[i];
    std::snprintf(buf, sizeof buf, " slider%zu=%d,%d,%d,%d", i, int(a.x), int(a.y), int(c.x), int(c.y));
    out += buf;
  }
  // The first-NaN locator: which layer (1-based), where along x, and where it was marked.
  const auto& nf = s.fields.nonFinite;
  out += nf ? " nonfinite=1" : " nonfinite=0";
  if (nf) {
    std::string label = nf->site.label;
    for (char& c : label)
      if (c == ' ') c = '_';
    std::snprintf(buf, sizeof buf, " nonfinite_layer=%d nonfinite_label=%s nonfinite_what=%s nonfinite_count=%d/%d nonfinite_at=%.4f",
                  nf->site.layer + 1, label.c_str(), nf->site.what.c_str(), nf->site.count, int(nf->x.size()), nf->at);
    out += buf;
  }
  if (s.drawn.nonFiniteMark) add(out, "nonfinite_px", *s.drawn.nonFiniteMark);
  if (!s.layout) return;
  const Lab1DLayout& l = *s.layout;
  std::snprintf(buf, sizeof buf, " pz_px_per_unit=%.4f px_px_per_unit=%.4f px_clipped=%zu readout_overflow=%.1f",
                basePixelsPerDensity(l), dataPixelsPerDensity(l), s.drawn.clipMarks.size(), s.drawn.readoutOverflow);
  out += buf;
  for (size_t i = 0; i < s.drawn.clipMarks.size() && i < 8; ++i) add(out, ("clip" + std::to_string(i)).c_str(), s.drawn.clipMarks[i]);
  for (size_t i = 0; i < s.drawn.linePoints.size(); ++i) add(out, ("line" + std::to_string(i)).c_str(), s.drawn.linePoints[i]);
  for (size_t i = 0; i < s.drawn.knots.size(); ++i) add(out, ("knot" + std::to_string(i)).c_str(), s.drawn.knots[i]);
  addRect(out, "canvas", l.canvasMin, l.canvasMax);
  addRect(out, "panel_curve", l.curve.min(), l.curve.max());
  addRect(out, "panel_data", l.dataPanel.min(), l.dataPanel.max());
  addRect(out, "panel_base", l.basePanel.min(), l.basePanel.max());
  addRect(out, "readout", l.cornerMin, l.cornerMax);
  const Lab1DLayoutProblems p = checkLab1DLayout(l, s.drawn);
  std::string first = p.first;
  for (char& c : first)
    if (c == ' ') c = '_';  // values carry no spaces
  std::snprintf(buf, sizeof buf, " labels=%zu layout_problems=%d", s.drawn.labels.size(), p.total());
  out += buf;
  if (!first.empty()) out += " layout_problem=" + first;
}

}  // namespace flowlab::app
