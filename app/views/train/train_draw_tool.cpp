#include "app/views/train/train_draw_tool.h"

#include <cmath>
#include <cstdio>

#include "app/ui/app_state.h"
#include "app/ui/keys.h"
#include "app/ui/shortcuts.h"
#include "app/ui/theme.h"
#include "app/ui/tooltip.h"
#include "app/views/train/train_own_points.h"
#include "app/views/train/train_state.h"

namespace flowlab::app {
namespace {

constexpr ImU32 kDrawnDot = IM_COL32(255, 214, 64, 230);
constexpr ImU32 kBrushRing = IM_COL32(255, 214, 64, 200);
constexpr ImU32 kEraserRing = IM_COL32(214, 48, 49, 220);

void tooltip(const char* text) {
  if (ImGui::IsItemHovered()) showTooltip("%s", text);
}

void beginStroke(DrawTool& d) {
  d.undo.push_back(d.points);
  if (int(d.undo.size()) > DrawTool::kMaxHistory) d.undo.erase(d.undo.begin());
  d.redo.clear();
  d.stroking = true;
}

void undoStroke(DrawTool& d) {
  if (d.undo.empty()) return;
  d.redo.push_back(std::move(d.points));
  d.points = std::move(d.undo.back());
  d.undo.pop_back();
}

void redoStroke(DrawTool& d) {
  if (d.redo.empty()) return;
  d.undo.push_back(std::move(d.points));
  d.points = std::move(d.redo.back());
  d.redo.pop_back();
}

}  // namespace

void drawToolPanel(TrainState& s) {
  DrawTool& d = s.draw;
  char label[48];
  std::snprintf(label, sizeof label, "%s###drawtool", d.active ? "Stop drawing" : "Draw points");
  if (ImGui::Button(label)) d.active = !d.active;
  tooltip("Draw your own distribution on the density pane (D): drag to spray points, Shift+drag to erase. "
          "Then press \"Train on these points\".");
  if (!d.active) return;
  ImGui::SameLine();
  ImGui::Checkbox("eraser", &d.eraser);
  tooltip("Drag to remove points instead of adding them (Shift inverts the tool while dragging)");
  const float field = ImGui::GetFontSize() * 8.0f;
  ImGui::SetNextItemWidth(field);
  if (d.eraser) {
    ImGui::SliderFloat("eraser radius", &d.eraseRadius, 0.05f, 1.0f, "%.2f");
  } else {
    ImGui::SliderFloat("spread σ", &d.spread, 0.01f, 0.6f, "%.2f", ImGuiSliderFlags_Logarithmic);
    tooltip("Standard deviation of each dab's little Gaussian cloud, in the pane's units");
    ImGui::SetNextItemWidth(field);
    ImGui::SliderInt("points per dab", &d.perDab, 1, 40);
  }
  ImGui::Text("%d points drawn", int(d.points.rows()));
  ImGui::BeginDisabled(d.undo.empty());
  if (ImGui::Button("Undo")) undoStroke(d);
  ImGui::EndDisabled();
  tooltip("Take back the last stroke (Ctrl+Z)");
  ImGui::SameLine();
  ImGui::BeginDisabled(d.redo.empty());
  if (ImGui::Button("Redo")) redoStroke(d);
  ImGui::EndDisabled();
  tooltip("Ctrl+Y");
  ImGui::SameLine();
  ImGui::BeginDisabled(d.points.rows() == 0);
  if (ImGui::Button("Clear")) {
    beginStroke(d);
    d.stroking = false;
    d.points.resize(0, 2);
  }
  ImGui::EndDisabled();
  tooltip("Remove every drawn point (Undo brings them back)");
  ImGui::BeginDisabled(d.points.rows() < DrawTool::kMinPoints);
  if (ImGui::Button("Train on these points (T)")) d.useRequested = true;
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    showTooltip("Start a new run on the drawing (at least %d points): standardized to zero mean and unit "
                "variance like every dataset, 80%% for training and 20%% held out for the test NLL. The floor "
                "becomes an estimate (k-nearest-neighbour entropy).",
                DrawTool::kMinPoints);
}

void drawToolKeys(TrainState& s) {
  if (shortcutPressed(Action::TrainDrawTool)) s.draw.active = !s.draw.active;
  if (!s.draw.active || s.draw.stroking) return;
  if (shortcutPressed(Action::Undo)) undoStroke(s.draw);
  if (shortcutPressed(Action::TrainUseDrawing)) s.draw.useRequested = true;
  if (shortcutPressed(Action::Redo) || shortcutPressed(Action::RedoShift)) redoStroke(s.draw);
}

bool handleDrawStrokes(TrainState& s, const PlotFrame& pane) {
  DrawTool& d = s.draw;
  if (!d.active) {
    d.stroking = false;
    return false;
  }
  const ImVec2 mouse = ImGui::GetMousePos();
  if (!d.stroking && ImGui::IsWindowHovered() && ImGui::IsMouseClicked(0) && pane.contains(mouse)) {
    beginStroke(d);
    d.lastDab = ImVec2(-1e9f, -1e9f);
  }
  if (!d.stroking) return false;
  if (!ImGui::IsMouseDown(0)) {
    d.stroking = false;
    if (!d.undo.empty() && d.undo.back().rows() == d.points.rows() && d.undo.back() == d.points) d.undo.pop_back();
    return false;
  }
  // One dab per few pixels of travel (and the first at the click), so a slow drag is not a blot.
  const float step = ImGui::GetFontSize() * 0.35f;
  if (std::hypot(mouse.x - d.lastDab.x, mouse.y - d.lastDab.y) < step || !pane.contains(mouse)) return true;
  d.lastDab = mouse;
  double x = 0, y = 0;
  pane.toData(mouse, x, y);
  const bool erase = d.eraser != ImGui::GetIO().KeyShift;
  if (erase) d.points = erasePoints(d.points, Eigen::Vector2d(x, y), d.eraseRadius);
  else d.points = sprayPoints(d.points, Eigen::Vector2d(x, y), Brush{d.spread, d.perDab}, d.rng, DrawTool::kMaxPoints);
  return true;
}

void drawDrawing(ImDrawList* dl, const TrainState& s, const PlotFrame& pane) {
  const DrawTool& d = s.draw;
  if (!d.active) return;
  dl->PushClipRect(pane.min(), pane.max(), true);
  for (Eigen::Index i = 0; i < d.points.rows(); ++i)
    dl->AddCircleFilled(pane.toPixels(d.points(i, 0), d.points(i, 1)), 2.0f, kDrawnDot, 8);
  const ImVec2 mouse = ImGui::GetMousePos();
  if (pane.contains(mouse)) {
    const bool erase = d.eraser != ImGui::GetIO().KeyShift;
    double x = 0, y = 0;
    pane.toData(mouse, x, y);
    const double r = erase ? d.eraseRadius : 2.0 * d.spread;  // the brush ring holds ~86% of a dab
    const float px = std::fabs(pane.toPixels(x + r, y).x - mouse.x);
    dl->AddCircle(mouse, px, erase ? kEraserRing : kBrushRing, 32, 2.0f);
  }
  dl->PopClipRect();
  const float em = ImGui::GetFontSize();
  // The longest hint that fits the pane's width.
  char full[96], brief[48];
  std::snprintf(full, sizeof full, "drawing: %d points (Shift+drag erases, T trains)", int(d.points.rows()));
  std::snprintf(brief, sizeof brief, "%d points", int(d.points.rows()));
  const float room = pane.max().x - pane.min().x - em * 0.8f;
  const char* text = ImGui::CalcTextSize(full).x <= room ? full : brief;
  dl->AddText(ImVec2(pane.min().x + em * 0.4f, pane.max().y - em * 1.3f), IM_COL32(255, 255, 255, 230), text);
}

void useDrawnPoints(AppState& app, TrainState& s) {
  s.draw.useRequested = false;
  const int n = int(s.draw.points.rows());
  if (n < DrawTool::kMinPoints) {
    app.error("Draw tool: " + std::to_string(n) + " points drawn; at least " + std::to_string(DrawTool::kMinPoints) +
              " are needed to train (the current data stays)");
    return;
  }
  if (setOwnPoints(app, s, std::make_shared<const Batch>(s.draw.points), "drawn points")) s.draw.active = false;
}

void traceDrawTool(const TrainState& s, std::string& out) {
  char buf[96];
  std::snprintf(buf, sizeof buf, " draw_tool=%d draw_points=%d draw_undo=%d", s.draw.active ? 1 : 0,
                int(s.draw.points.rows()), int(s.draw.undo.size()));
  out += buf;
}

}  // namespace flowlab::app
