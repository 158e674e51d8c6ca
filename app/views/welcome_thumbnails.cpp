#include "app/views/welcome_thumbnails.h"

#include <algorithm>
#include <vector>

#include "app/gl/heatmap_renderer.h"
#include "app/plot/plot_frame.h"
#include "app/ui/theme.h"
#include "core/data/toy_distributions.h"
#include "core/random.h"
#include "core/scene/scene_file.h"
#include "core/train/training_scene.h"

namespace flowlab::app {

namespace {

constexpr double kRange = 4.0;   // the flow scenes' pictures show [-4, 4] (their lessons' default view)
constexpr int kCells = 64;       // small: six cards computed in well under a second
constexpr int kPoints = 600;     // a training set's picture (raw coordinates)

}  // namespace

ChapterThumbnail makeChapterThumbnail(const std::string& path) {
  ChapterThumbnail t;
  if (Expected<TrainingScene> training = loadTrainingScene(path); training.ok()) {
    const DatasetSpec& data = training.value.config.data;
    Rng rng(7);
    t.points = data.ownData() ? data.points->train : sampleRaw(data.kind, data.noise, kPoints, rng);
    t.kind = t.points.rows() > 0 ? ChapterThumbnail::Kind::Points : ChapterThumbnail::Kind::None;
    return t;
  }
  const Expected<SceneFile> scene = loadSceneFile(path);
  if (!scene.ok()) return t;
  if (scene.value.dim == 1) {
    t.base = density1D(Flow(1), -kRange, kRange, 160);
    t.data = density1D(scene.value.flow, -kRange, kRange, 160);
    if (t.base.ok() && t.data.ok()) t.kind = ChapterThumbnail::Kind::Curves;
  } else if (scene.value.dim == 2) {
    t.density = densityGrid(scene.value.flow, GridSpec{Rect{-kRange, kRange, -kRange, kRange}, kCells, kCells});
    if (t.density.ok() && t.density.value.logProb.allFinite()) t.kind = ChapterThumbnail::Kind::Heatmap;
  }
  return t;
}

void drawChapterThumbnail(ImDrawList* dl, ChapterThumbnail& t, ImVec2 mn, ImVec2 mx) {
  if (t.kind == ChapterThumbnail::Kind::None || mx.x - mn.x < 8.0f || mx.y - mn.y < 8.0f) return;
  dl->AddRectFilled(mn, mx, theme::kPanelBg);
  switch (t.kind) {
    case ChapterThumbnail::Kind::Curves: {
      const double peak = std::max(t.base.value.density.maxCoeff(), t.data.value.density.maxCoeff());
      const PlotFrame f(mn, mx, Range{-kRange, kRange}, Range{0.0, 1.1 * peak});
      for (const auto* d : {&t.base, &t.data})
        drawPolyline(dl, f, d->value.x.data(), d->value.density.data(), int(d->value.x.size()),
                     d == &t.base ? theme::kBaseSpace : theme::kDataSpace, 1.5f);
      break;
    }
    case ChapterThumbnail::Kind::Heatmap: {
      if (!t.heatmap) t.heatmap = std::make_shared<HeatmapRenderer>();
      const DensityGrid& g = t.density.value;
      const double high = g.density.maxCoeff();
      unsigned tex = t.heatmap->cached(1, HeatmapStyle{ColormapKind::Sequential, false, 0.0f, float(high)});
      if (!tex) {
        std::vector<float> logP(size_t(g.logProb.size()));
        for (size_t i = 0; i < logP.size(); ++i) logP[i] = float(std::max(g.logProb(Eigen::Index(i)), -1e30));
        t.heatmap->setKey(1);
        tex = t.heatmap->render(logP.data(), g.grid.width, g.grid.height,
                                HeatmapStyle{ColormapKind::Sequential, false, 0.0f, float(high)});
      }
      // GL textures have row 0 at the bottom: flip V so the picture is upright.
      if (tex) dl->AddImage(reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(tex)), mn, mx, ImVec2(0, 1), ImVec2(1, 0));
      break;
    }
    case ChapterThumbnail::Kind::Points: {
      // The points' own box, a little larger, with equal scales on both axes.
      const Eigen::Array2d lo = t.points.colwise().minCoeff().transpose(), hi = t.points.colwise().maxCoeff().transpose();
      const Eigen::Array2d mid = 0.5 * (lo + hi);
      const double half = 0.55 * std::max({hi(0) - lo(0), hi(1) - lo(1), 1e-9});
      const PlotFrame f(mn, mx, Range{mid(0) - half, mid(0) + half}, Range{mid(1) - half, mid(1) + half});
      dl->PushClipRect(mn, mx, true);
      for (Eigen::Index i = 0; i < t.points.rows(); ++i)
        dl->AddCircleFilled(f.toPixels(t.points(i, 0), t.points(i, 1)), 1.3f, IM_COL32(222, 112, 38, 170), 4);
      dl->PopClipRect();
      break;
    }
    case ChapterThumbnail::Kind::None: break;
  }
  dl->AddRect(mn, mx, theme::kAxis);
}

}  // namespace flowlab::app
