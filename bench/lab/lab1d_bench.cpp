// The engine's work per 1D-lab update, on every bundled 1D preset: the curve x = f(z) and p_X on
// 2,000 points, p_Z on 2,000 points, decile bands, a histogram of 100,000 samples (80 bins), the mass
// gauge (tolerance 1e-7), and the whole update as app/views/lab1d/lab1d_compute.cpp recompute()
// does it, through core calls only. The histogram two ways: "histogram100k" pushes the samples
// through f (sampleHistogram1D), "histogram100kSorted" counts sorted base draws below the inverse
// bin edges (pushedHistogram1D; the lab's way, the draws cached as the lab caches them, and
// "sortBaseSamples100k" is their one-off cost when the sample count or the seed changes);
// "update" is the lab's update, "updatePushed" the same with the pushed histogram. Times are in ms per call; "update" is the number the
// issue's "the view follows a drag in the same frame" is read against (one frame at 60 Hz: 16.7 ms).
#include <benchmark/benchmark.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/eval/histogram_1d.h"
#include "core/flow/view_1d.h"
#include "core/inspect/mass_gauge.h"
#include "core/scene/scene_file.h"

namespace flowlab {
namespace {

constexpr int kPoints = 2000;      // Lab1DState::curvePoints
constexpr int kSamples = 100000;   // the samples slider's maximum
constexpr int kBins = 80;          // recompute()'s histogram bins
constexpr double kZMin = -4.0, kZMax = 4.0;
constexpr double kMassTolerance = 1e-7;

const char* const kPresets[] = {"affine_1d", "sine_1d", "composition_1d", "sinh_arcsinh_1d", "bimodal_spline_1d",
                                "sine_noninvertible_1d", "spike_1d"};

// The bundled scene, found from this file's place in the source tree (bench/lab/ -> repo root).
Expected<SceneFile> loadPreset(const std::string& stem) {
  const auto root = std::filesystem::path(FLOWLAB_SOURCE_DIR);
  return loadSceneFile((root / "assets" / "scenes" / (stem + ".json")).string());
}

struct Update {
  Status validity;
  Expected<Curve1D> curve;
  Expected<Density1D> baseDensity, dataDensity;
  Expected<Bands1D> bands;
  Expected<Histogram1D> histogram;
  Expected<Mass1D> mass;
};

// The lab's cached base draws (Lab1DState::baseSamples), drawn once per seed here too.
const SortedBaseSamples& cachedBase(std::uint64_t seed) {
  static std::vector<std::unique_ptr<SortedBaseSamples>> cache;
  for (const auto& c : cache)
    if (c->seed() == seed) return *c;
  cache.push_back(std::make_unique<SortedBaseSamples>(kSamples, seed));
  return *cache.back();
}

// recompute() of the lab, field for field (`pushed`: with the histogram of pushed samples instead).
Update update(const Flow& flow, const ViewSettings& view, bool pushed = false) {
  Update u;
  u.validity = flow.validate();
  u.curve = curve1D(flow, kZMin, kZMax, kPoints);
  u.baseDensity = density1D(Flow(1), kZMin, kZMax, kPoints);
  u.dataDensity = density1D(flow, view.xMin, view.xMax, kPoints);
  u.bands = equalProbabilityBands(flow, 10);
  u.histogram = pushed ? sampleHistogram1D(flow, kSamples, view.seed, view.xMin, view.xMax, kBins)
                       : pushedHistogram1D(flow, cachedBase(view.seed), view.xMin, view.xMax, kBins);
  u.mass = massGauge1D(flow, view.xMin, view.xMax, kMassTolerance);
  return u;
}

using Stage = std::function<bool(const Flow&, const ViewSettings&)>;  // returns "ok" to keep the result alive

const std::vector<std::pair<std::string, Stage>>& stages() {
  static const std::vector<std::pair<std::string, Stage>> all = {
      {"curve1D", [](const Flow& f, const ViewSettings&) { return curve1D(f, kZMin, kZMax, kPoints).ok(); }},
      {"density1D", [](const Flow& f, const ViewSettings& v) { return density1D(f, v.xMin, v.xMax, kPoints).ok(); }},
      {"bands", [](const Flow& f, const ViewSettings&) { return equalProbabilityBands(f, 10).ok(); }},
      {"histogram100k",
       [](const Flow& f, const ViewSettings& v) {
         return sampleHistogram1D(f, kSamples, v.seed, v.xMin, v.xMax, kBins).ok();
       }},
      {"histogram100kSorted",
       [](const Flow& f, const ViewSettings& v) {
         return pushedHistogram1D(f, cachedBase(v.seed), v.xMin, v.xMax, kBins).ok();
       }},
      {"sortBaseSamples100k",
       [](const Flow&, const ViewSettings& v) { return SortedBaseSamples(kSamples, v.seed).count() == kSamples; }},
      {"massGauge1D",
       [](const Flow& f, const ViewSettings& v) { return massGauge1D(f, v.xMin, v.xMax, kMassTolerance).ok(); }},
      {"update", [](const Flow& f, const ViewSettings& v) { return update(f, v).mass.ok(); }},
      {"updatePushed", [](const Flow& f, const ViewSettings& v) { return update(f, v, true).mass.ok(); }},
  };
  return all;
}

void run(benchmark::State& state, const std::string& preset, const Stage& stage) {
  const Expected<SceneFile> scene = loadPreset(preset);
  if (!scene.ok()) {
    state.SkipWithError(scene.status.message().c_str());
    return;
  }
  int ok = 0;
  for (auto _ : state) {
    const bool result = stage(scene.value.flow, scene.value.view);
    benchmark::DoNotOptimize(result);
    ok += result;
  }
  state.counters["ok"] = state.iterations() ? double(ok) / double(state.iterations()) : 0.0;
}

const bool registered = [] {
  for (const char* preset : kPresets)
    for (const auto& [name, stage] : stages())
      benchmark::RegisterBenchmark((name + "/" + preset).c_str(),
                                   [preset, s = stage](benchmark::State& st) { run(st, preset, s); })
          ->Unit(benchmark::kMillisecond);
  return true;
}();

}  // namespace
}  // namespace flowlab
