// The engine's work per 2D-lab update at 128², 256² and 512² density cells, on the 6-layer analytic
// stack of bench/scenes/six_layers.json: the density grid, the warped grid lines (17 per axis, 96
// vertices each), 11×11 Jacobian patches, and all three together as app/views/lab2d/lab2d_compute.cpp
// does for a still view. Times in ms per update; one frame at 60 Hz is 16.7 ms.
#include <benchmark/benchmark.h>

#include <filesystem>

#include "core/eval/density_grid.h"
#include "core/eval/grid_warp.h"
#include "core/eval/jacobian_patches.h"
#include "core/scene/scene_file.h"

namespace flowlab {
namespace {

const SceneFile& sixLayers() {
  static const SceneFile scene = [] {
    const auto root = std::filesystem::path(FLOWLAB_SOURCE_DIR) / "bench";
    auto loaded = loadSceneFile((root / "scenes" / "six_layers.json").string());
    if (!loaded.ok()) throw std::runtime_error(loaded.status.message());
    return loaded.value;
  }();
  return scene;
}

Rect dataRect() {
  const ViewSettings& v = sixLayers().view;
  return Rect{v.xMin, v.xMax, v.yMin, v.yMax};
}

void BM_DensityGrid(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(densityGrid(sixLayers().flow, GridSpec{dataRect(), n, n}));
  state.SetItemsProcessed(state.iterations() * n * n);
}
BENCHMARK(BM_DensityGrid)->Arg(128)->Arg(256)->Arg(512)->Unit(benchmark::kMillisecond);

void BM_GridAndPatches(benchmark::State& state) {
  const Rect z{-3.5, 3.5, -3.5, 3.5};
  for (auto _ : state) {
    benchmark::DoNotOptimize(warpGridLines(sixLayers().flow, z, 17, 96));
    benchmark::DoNotOptimize(jacobianPatches(sixLayers().flow, z, 11, 11, 0.45));
  }
}
BENCHMARK(BM_GridAndPatches)->Unit(benchmark::kMillisecond);

void BM_Lab2DUpdate(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const Rect z{-3.5, 3.5, -3.5, 3.5};
  for (auto _ : state) {
    benchmark::DoNotOptimize(densityGrid(sixLayers().flow, GridSpec{dataRect(), n, n}));
    benchmark::DoNotOptimize(warpGridLines(sixLayers().flow, z, 17, 96));
    benchmark::DoNotOptimize(jacobianPatches(sixLayers().flow, z, 11, 11, 0.45));
  }
}
BENCHMARK(BM_Lab2DUpdate)->Arg(128)->Arg(256)->Arg(512)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace flowlab
