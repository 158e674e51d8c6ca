// The 2D lab's hot path: p_X on a 256×256 grid through a 6-layer analytic stack.
// BM_DensityGrid256 is the real call (chunks of kChunkSize points); BM_LogProbOneBatch256 is the
// same work as one 65,536-point batch, the baseline the chunking is measured against.
#include <benchmark/benchmark.h>

#include "core/bijectors/affine_coupling.h"
#include "core/bijectors/elementwise.h"
#include "core/bijectors/linear.h"
#include "core/bijectors/parametric_conditioner.h"
#include "core/bijectors/planar.h"
#include "core/bijectors/radial.h"
#include "core/bijectors/sine_1d.h"
#include "core/bijectors/sinh_arcsinh_1d.h"
#include "core/eval/density_grid.h"
#include "core/eval/grid_warp.h"
#include "core/eval/jacobian_patches.h"

namespace flowlab {
namespace {

Vector v2(double a, double b) { return (Vector(2) << a, b).finished(); }

// linear, planar, radial, affine coupling, elementwise (sine, sinh-arcsinh), planar.
Flow sixLayerStack() {
  Flow flow(2);
  Matrix A(2, 2);
  A << 1.2, 0.3, 0.1, 0.9;
  flow.append(std::make_unique<Linear>(A, v2(0.5, -0.2)));
  flow.append(std::make_unique<Planar>(v2(1.0, 0.0), v2(1.0, 2.0), 0.0));
  flow.append(std::make_unique<Radial>(v2(0.0, 0.0), 1.0, 0.5));
  flow.append(std::make_unique<AffineCoupling>(2, std::vector<int>{0},
                                               std::make_unique<ParametricConditioner>(0.3, 0.2, 0.5, 0.1, 0.4)));
  std::vector<BijectorPtr> coords;
  coords.push_back(std::make_unique<Sine1D>(0.5, 1.0, 0.0));
  coords.push_back(std::make_unique<SinhArcsinh1D>(0.3, 0.9));
  flow.append(std::make_unique<Elementwise>(std::move(coords)));
  flow.append(std::make_unique<Planar>(v2(0.0, 0.8), v2(-0.5, 1.0), 0.2));
  return flow;
}

const GridSpec kGrid{{-6, 6, -6, 6}, 256, 256};

void BM_DensityGrid256(benchmark::State& state) {
  const Flow flow = sixLayerStack();
  for (auto _ : state) {
    Expected<DensityGrid> d = densityGrid(flow, kGrid);
    benchmark::DoNotOptimize(d.value.mass);
  }
  state.SetItemsProcessed(state.iterations() * kGrid.size());
}
BENCHMARK(BM_DensityGrid256)->Unit(benchmark::kMillisecond);

void BM_LogProbOneBatch256(benchmark::State& state) {
  const Flow flow = sixLayerStack();
  const Batch points = gridPoints(kGrid, 0, kGrid.size());
  for (auto _ : state) {
    Expected<Vector> lp = flow.logProb(points);
    benchmark::DoNotOptimize(lp.value.data());
  }
  state.SetItemsProcessed(state.iterations() * kGrid.size());
}
BENCHMARK(BM_LogProbOneBatch256)->Unit(benchmark::kMillisecond);

void BM_GridWarp(benchmark::State& state) {
  const Flow flow = sixLayerStack();
  for (auto _ : state) {
    Expected<GridWarp> w = warpGridLines(flow, kGrid.rect, 33, 257);
    benchmark::DoNotOptimize(w.value.lines.data());
  }
}
BENCHMARK(BM_GridWarp)->Unit(benchmark::kMillisecond);

void BM_JacobianPatches(benchmark::State& state) {
  const Flow flow = sixLayerStack();
  for (auto _ : state) {
    Expected<JacobianPatches> p = jacobianPatches(flow, kGrid.rect, 24, 24);
    benchmark::DoNotOptimize(p.value.absDet.data());
  }
}
BENCHMARK(BM_JacobianPatches)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace flowlab
