// Speed of the trainer's hot path: one training step (batch, forward, backward, Adam) and log p
// on a 256×256 grid in 512-point chunks (and in one 65,536-point batch, for contrast).
// Counters: steps/s, points/s and matmul GFLOP/s (3 products per layer in training, 1 in log p).
// Configuration from the environment (bench/compare_torch.sh sets it): FLOWLAB_BENCH_LAYERS (6),
// FLOWLAB_BENCH_HIDDEN (64), FLOWLAB_BENCH_BATCH (256), FLOWLAB_BENCH_ACTIVATION (tanh).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>

#include "core/nn/small_gemm.h"
#include "core/train/trainer.h"

namespace flowlab {
namespace {

int envInt(const char* name, int fallback) {
  const char* v = std::getenv(name);
  return v ? std::atoi(v) : fallback;
}

TrainerConfig benchConfig() {
  TrainerConfig c;
  c.model.layers = envInt("FLOWLAB_BENCH_LAYERS", 6);
  c.model.hidden = envInt("FLOWLAB_BENCH_HIDDEN", 64);
  c.batch = envInt("FLOWLAB_BENCH_BATCH", 256);
  const char* act = std::getenv("FLOWLAB_BENCH_ACTIVATION");
  c.model.activation = activationFromName(act ? act : "tanh").value_or(Activation::Tanh);
  c.testSize = 256;
  return c;
}

// batch = 0: the configured batch; else this batch (the cost-growth sweep).
void trainStep(benchmark::State& state, int batch) {
  TrainerConfig config = benchConfig();
  if (batch > 0) config.batch = batch;
  Trainer trainer(config);
  trainer.step(20);  // past the first allocations
  for (auto _ : state) trainer.step(1);
  const double flops = 3.0 * trainer.model().forwardFlopsPerPoint() * trainer.config().batch;
  state.counters["steps/s"] = benchmark::Counter(double(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["points/s"] =
      benchmark::Counter(double(state.iterations()) * trainer.config().batch, benchmark::Counter::kIsRate);
  state.counters["GFLOP/s"] =
      benchmark::Counter(flops * double(state.iterations()) * 1e-9, benchmark::Counter::kIsRate);
}

void gridLogProb(benchmark::State& state, int chunk, int side) {
  const TrainerConfig config = benchConfig();
  const RealNvp<float> model(config.model);
  VectorT<float> p(model.paramCount());
  Rng rng(0);
  model.init(p.data(), rng);
  for (int i = 0; i < p.size(); ++i) p(i) = float(0.2 * (rng.uniform() - 0.5));  // not the identity
  MatrixT<float> grid(side * side, 2);
  for (int i = 0; i < side; ++i)
    for (int j = 0; j < side; ++j) grid.row(i * side + j) << -3.f + 6.f * j / (side - 1), -3.f + 6.f * i / (side - 1);
  RealNvpWorkspace<float> ws;
  VectorT<float> out;
  for (auto _ : state) {
    model.logProb(p.data(), grid, out, ws, chunk);
    benchmark::DoNotOptimize(out.data());
  }
  state.counters["points/s"] =
      benchmark::Counter(double(state.iterations()) * side * side, benchmark::Counter::kIsRate);
  state.counters["GFLOP/s"] = benchmark::Counter(
      model.forwardFlopsPerPoint() * side * side * double(state.iterations()) * 1e-9, benchmark::Counter::kIsRate);
}

// One core's FMA peak, for "achieved GFLOP/s vs peak": 12 independent chains of multiply-adds in
// the widest vector the build targets (enough to cover the FMA latency on 2 pipes), 2 flops each.
#if defined(__AVX512F__)
constexpr int kPeakBytes = 64;
#elif defined(__AVX__)
constexpr int kPeakBytes = 32;
#else
constexpr int kPeakBytes = 16;
#endif
void fmaPeak(benchmark::State& state) {
  typedef float Packet __attribute__((vector_size(kPeakBytes)));
  constexpr int lanes = kPeakBytes / 4;
  Packet acc[12], a, b;
  for (int i = 0; i < lanes; ++i) a[i] = 1.0000001f, b[i] = 1e-7f;
  for (int k = 0; k < 12; ++k) acc[k] = a * float(k);
  const long inner = 1 << 16;
  for (auto _ : state) {
    for (long i = 0; i < inner; ++i) {
#pragma GCC unroll 12
      for (int k = 0; k < 12; ++k) acc[k] = acc[k] * a + b;
      __asm__ volatile("" : "+v"(a));  // keeps the chains from being folded
    }
  }
  benchmark::DoNotOptimize(acc);
  state.counters["GFLOP/s"] = benchmark::Counter(double(state.iterations()) * inner * 12 * lanes * 2 * 1e-9,
                                                 benchmark::Counter::kIsRate);
}

const bool registered = [] {
  benchmark::RegisterBenchmark("FmaPeak", fmaPeak)->Unit(benchmark::kMillisecond)->UseRealTime();
  benchmark::RegisterBenchmark("TrainStep", trainStep, 0)->Unit(benchmark::kMicrosecond)->UseRealTime();
  benchmark::RegisterBenchmark("GridLogProb/chunk512", gridLogProb, 512, 256)->Unit(benchmark::kMillisecond)->UseRealTime();
  benchmark::RegisterBenchmark("GridLogProb/oneBatch", gridLogProb, 65536, 256)->Unit(benchmark::kMillisecond)->UseRealTime();
  // The small-GEMM engines side by side (issue 15.1: chosen by measurement in one run).
  if (libxsmmBuiltIn())
    for (GemmEngine engine : {GemmEngine::Eigen, GemmEngine::Libxsmm}) {
      const std::string tag = "/engine:" + gemmEngineName(engine);
      benchmark::RegisterBenchmark(("TrainStep" + tag).c_str(), [engine](benchmark::State& s) {
        const GemmEngine before = gemmEngine();
        setGemmEngine(engine);
        trainStep(s, 0);
        setGemmEngine(before);
      })->Unit(benchmark::kMicrosecond)->UseRealTime();
      benchmark::RegisterBenchmark(("GridLogProb/chunk512" + tag).c_str(), [engine](benchmark::State& s) {
        const GemmEngine before = gemmEngine();
        setGemmEngine(engine);
        gridLogProb(s, 512, 256);
        setGemmEngine(before);
      })->Unit(benchmark::kMillisecond)->UseRealTime();
    }
  // Cost growth (bench/report.sh fits the exponent of time against size): the grid from 64² to
  // 1024² points in the app's 512-point chunks, and one training step from batch 64 to 4096.
  for (int side : {64, 128, 256, 512, 1024})
    benchmark::RegisterBenchmark(("GrowthGrid/side:" + std::to_string(side)).c_str(), gridLogProb, 512, side)
        ->Unit(benchmark::kMillisecond)->UseRealTime();
  for (int batch : {64, 256, 1024, 4096})
    benchmark::RegisterBenchmark(("GrowthTrain/batch:" + std::to_string(batch)).c_str(), trainStep, batch)
        ->Unit(benchmark::kMicrosecond)->UseRealTime();
  return true;
}();

}  // namespace
}  // namespace flowlab
