// Speed of the trainer's hot path: one training step (forward, backward, Adam) at batch 256,
// and log p on a 256×256 grid; counters report points/s and matmul GFLOP/s.
#include <benchmark/benchmark.h>

#include "core/data/dataset.h"
#include "core/nn/adam.h"
#include "core/train/realnvp.h"

namespace flowlab {
namespace {

RealNvpConfig configFor(const benchmark::State& state) {
  RealNvpConfig c;
  c.layers = int(state.range(0));
  c.hidden = int(state.range(1));
  return c;
}

void BM_TrainStep(benchmark::State& state) {
  const RealNvp<float> model(configFor(state));
  const int batch = int(state.range(2));
  VectorT<float> p(model.paramCount()), grad(model.paramCount()), p2;
  Rng rng(0);
  model.init(p.data(), rng);
  const MatrixT<float> x = Dataset::make("moons").value.sample(batch, rng).cast<float>();
  RealNvpWorkspace<float> ws;
  AdamState<float> adam, adam2;
  adam.reset(model.paramCount());
  for (auto _ : state) {
    benchmark::DoNotOptimize(model.nllAndGrad(p.data(), x, grad.data(), ws));
    adamStep(AdamConfig{}, 1e-4, p, adam, grad, p2, adam2);
    std::swap(p, p2);
    std::swap(adam, adam2);
  }
  const double flops = 3.0 * model.forwardFlopsPerPoint() * batch;  // forward + two backward products
  state.counters["steps/s"] = benchmark::Counter(double(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["GFLOP/s"] =
      benchmark::Counter(flops * double(state.iterations()) * 1e-9, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_TrainStep)->Args({6, 64, 256})->Args({6, 32, 256})->Unit(benchmark::kMicrosecond);

void BM_GridLogProb(benchmark::State& state) {
  const RealNvp<float> model(configFor(state));
  VectorT<float> p(model.paramCount());
  Rng rng(0);
  model.init(p.data(), rng);
  p += VectorT<float>::Constant(p.size(), 0.01f);  // not the identity
  const int side = 256, chunk = int(state.range(2));
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
BENCHMARK(BM_GridLogProb)->Args({6, 64, 256})->Args({6, 64, 512})->Args({6, 64, 65536})->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace flowlab
