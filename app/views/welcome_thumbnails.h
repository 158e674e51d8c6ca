// The chapter cards' pictures on the Welcome view, computed by the engine from each chapter's
// first lesson when the view first shows (so a changed lesson changes its card): a 1D scene's base
// and data densities, a 2D scene's output density, a training scene's data points.
#pragma once

#include <memory>
#include <string>

#include <imgui.h>

#include "core/eval/density_grid.h"
#include "core/flow/view_1d.h"
#include "core/types.h"

namespace flowlab::app {

class HeatmapRenderer;

struct ChapterThumbnail {
  enum class Kind { None, Curves, Heatmap, Points } kind = Kind::None;
  Expected<Density1D> base, data;  // Curves: p_Z and p_X on [-4, 4]
  Expected<DensityGrid> density;   // Heatmap: p_X over [-4, 4]², 64² cells
  Batch points;                    // Points: samples of the training set (standardized scale ±3)
  std::shared_ptr<HeatmapRenderer> heatmap;  // its texture, made when first drawn
};

// The picture of the scene at `path`; Kind::None when it cannot be read (the card keeps its text).
ChapterThumbnail makeChapterThumbnail(const std::string& path);
// Draws it into [mn, mx] (a light frame; nothing for Kind::None).
void drawChapterThumbnail(ImDrawList* dl, ChapterThumbnail& thumb, ImVec2 mn, ImVec2 mx);

}  // namespace flowlab::app
