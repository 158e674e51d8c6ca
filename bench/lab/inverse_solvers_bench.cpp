// The numerical inverses' solvers side by side in one run: the lane solver (what Planar, Sine1D
// and Radial use), the earlier gathered batch solver, and point by point (the scalar safeguarded
// Newton; Radial's row-by-row loop). First one bijector on 4,096 points, then the six-layer
// stack's 256² density field (bench/scenes/six_layers.json, what the 2D lab computes per drag
// frame) with every numerical layer pinned to one solver, on one and on two threads.
// Read the lanes' time as a ratio against the others in the same run (the "vs_*" counters of
// the Lanes rows: how many times faster, in CPU time; see timeLoop).
#include <benchmark/benchmark.h>

#include <time.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "core/bijectors/elementwise.h"
#include "core/bijectors/planar.h"
#include "core/bijectors/radial.h"
#include "core/bijectors/sine_1d.h"
#include "core/eval/density_grid.h"
#include "core/random.h"
#include "core/scene/scene_file.h"

namespace flowlab {
namespace {

constexpr int kPoints = 4096;
const char* const kSolverNames[] = {"lanes", "gathered", "point_by_point"};
const InverseSolver kSolvers[] = {InverseSolver::Lanes, InverseSolver::Gathered, InverseSolver::PointByPoint};

// A layer whose inverse runs a chosen solver (forward and the rest unchanged): the bench's way to
// build the stack as it inverted before, without a switch in the engine.
class PinnedSolver : public Bijector {
 public:
  PinnedSolver(BijectorPtr inner, InverseSolver solver) : inner_(std::move(inner)), solver_(solver) {}
  Transformed forward(const Batch& z) const override { return inner_->forward(z); }
  Transformed inverse(const Batch& x) const override {
    if (const auto* p = dynamic_cast<const Planar*>(inner_.get())) return p->inverseWith(x, solver_);
    if (const auto* s = dynamic_cast<const Sine1D*>(inner_.get())) return s->inverseWith(x, solver_);
    if (const auto* r = dynamic_cast<const Radial*>(inner_.get())) return r->inverseWith(x, solver_);
    return inner_->inverse(x);
  }
  int dim() const override { return inner_->dim(); }
  std::string type() const override { return inner_->type(); }
  Status validate() const override { return inner_->validate(); }
  std::vector<Parameter> parameters() const override { return inner_->parameters(); }
  void setParameter(int index, double value) override { inner_->setParameter(index, value); }
  std::unique_ptr<Bijector> clone() const override {
    return std::make_unique<PinnedSolver>(inner_->clone(), solver_);
  }

 private:
  BijectorPtr inner_;
  InverseSolver solver_;
};

BijectorPtr pinned(const Bijector& layer, InverseSolver solver) {
  if (const auto* e = dynamic_cast<const Elementwise*>(&layer)) {
    std::vector<BijectorPtr> coordinates;
    for (int j = 0; j < e->dim(); ++j) coordinates.push_back(pinned(e->coordinate(j), solver));
    return std::make_unique<Elementwise>(std::move(coordinates));
  }
  return std::make_unique<PinnedSolver>(layer.clone(), solver);
}

const SceneFile& sixLayers() {
  static const SceneFile scene = [] {
    const auto root = std::filesystem::path(FLOWLAB_SOURCE_DIR) / "bench";
    auto loaded = loadSceneFile((root / "scenes" / "six_layers.json").string());
    if (!loaded.ok()) throw std::runtime_error(loaded.status.message());
    return loaded.value;
  }();
  return scene;
}

const Flow& sixLayersWith(InverseSolver solver) {
  static std::map<InverseSolver, Flow> flows;
  auto it = flows.find(solver);
  if (it == flows.end()) {
    const Flow& original = sixLayers().flow;
    Flow flow(original.dim());
    for (int k = 0; k < original.layerCount(); ++k) flow.append(pinned(original.layer(k), solver));
    it = flows.emplace(solver, std::move(flow)).first;
  }
  return it->second;
}

// Seconds per iteration of each benchmark already run, by name, for the ratio counters.
std::map<std::string, double>& secondsPerIteration() {
  static std::map<std::string, double> seconds;
  return seconds;
}

// Records this run's time and, on a lanes row, how many times faster it is than the other
// solvers' rows of the same family (registered first, so they have run).
void recordAndCompare(benchmark::State& state, const std::string& family, int solver, double seconds) {
  secondsPerIteration()[family + "/" + kSolverNames[solver]] = seconds;
  if (solver != 0) return;
  for (int other = 1; other < 3; ++other) {
    const auto it = secondsPerIteration().find(family + "/" + kSolverNames[other]);
    if (it != secondsPerIteration().end() && seconds > 0) state.counters[std::string("vs_") + kSolverNames[other]] = it->second / seconds;
  }
}

// Seconds per iteration of f: the process's CPU time (all threads) divided by the threads, so
// that on a machine shared with other work the ratio still compares the work done; the wall
// time is Google Benchmark's own column.
template <class F>
double timeLoop(benchmark::State& state, int threads, F&& f) {
  const auto cpu = [] {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) + 1e-9 * double(t.tv_nsec);
  };
  const double start = cpu();
  for (auto _ : state) f();
  const double total = cpu() - start;
  return state.iterations() ? total / double(state.iterations()) / threads : 0.0;
}

void inverseOf(benchmark::State& state, const std::string& name, int solver) {
  Rng rng(1);
  BijectorPtr b;
  if (name == "planar") b = std::make_unique<Planar>((Vector(2) << 1.0, 0.5).finished(), (Vector(2) << 1.0, 2.0).finished(), 0.1);
  if (name == "sine") b = std::make_unique<Sine1D>(0.4, 2.0, 0.3);
  if (name == "radial") b = std::make_unique<Radial>((Vector(2) << 0.2, -0.3).finished(), 0.8, 1.5);
  const BijectorPtr p = pinned(*b, kSolvers[solver]);
  const Batch x = rng.normalBatch(kPoints, b->dim()) * 2.0;
  const double seconds = timeLoop(state, 1, [&] {
    Transformed out = p->inverse(x);
    benchmark::DoNotOptimize(out.value.data());
    benchmark::DoNotOptimize(out.logAbsDet.data());
  });
  state.SetItemsProcessed(state.iterations() * kPoints);
  state.counters["ns_per_point"] = seconds * 1e9 / kPoints;
  recordAndCompare(state, "inverse/" + name, solver, seconds);
}

void sixLayerField(benchmark::State& state, int solver, int threads) {
  const ViewSettings& v = sixLayers().view;
  const GridSpec grid{Rect{v.xMin, v.xMax, v.yMin, v.yMax}, 256, 256};
  const Flow& flow = sixLayersWith(kSolvers[solver]);
  bool ok = true;
  const double seconds = timeLoop(state, threads, [&] {
    const Expected<DensityGrid> d = densityGrid(flow, grid, threads);
    ok = ok && d.ok();
    benchmark::DoNotOptimize(d.value.logProb.data());
  });
  if (!ok) state.SkipWithError("the density grid failed");
  state.counters["cpu_ms_per_thread"] = seconds * 1e3;
  recordAndCompare(state, "six_layers_256/threads:" + std::to_string(threads), solver, seconds);
}

const bool registered = [] {
  for (const char* name : {"planar", "sine", "radial"})
    for (int solver : {2, 1, 0})
      benchmark::RegisterBenchmark((std::string("inverse/") + name + "/" + kSolverNames[solver]).c_str(),
                                   [name = std::string(name), solver](benchmark::State& s) { inverseOf(s, name, solver); })
          ->Unit(benchmark::kMicrosecond)
          ->UseRealTime();
  for (int threads : {1, 2})
    for (int solver : {2, 1, 0})
      benchmark::RegisterBenchmark(
          ("six_layers_256/threads:" + std::to_string(threads) + "/" + kSolverNames[solver]).c_str(),
          [solver, threads](benchmark::State& s) { sixLayerField(s, solver, threads); })
          ->Unit(benchmark::kMillisecond)
          ->UseRealTime();
  return true;
}();

}  // namespace
}  // namespace flowlab
