// Forward and inverse, each with log|det J| per point, for every engine bijector on a batch of
// 4096 points. Reports items/s (points per second); the linear maps are the baseline that the
// numerically inverted ones (sine, planar) are read against.
#include <benchmark/benchmark.h>

#include <cmath>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/bijectors/additive_coupling.h"
#include "core/bijectors/affine_1d.h"
#include "core/bijectors/affine_coupling.h"
#include "core/bijectors/elementwise.h"
#include "core/bijectors/leaky_relu_1d.h"
#include "core/bijectors/linear.h"
#include "core/bijectors/lu_linear.h"
#include "core/bijectors/parametric_conditioner.h"
#include "core/bijectors/planar.h"
#include "core/bijectors/radial.h"
#include "core/bijectors/root_finding.h"
#include "core/bijectors/rational_quadratic_spline_1d.h"
#include "core/bijectors/sine_1d.h"
#include "core/bijectors/sinh_arcsinh_1d.h"
#include "core/bijectors/swap.h"
#include "core/random.h"

namespace flowlab {
namespace {

constexpr int kPoints = 4096;

Vector vec2(double a, double b) { return (Vector(2) << a, b).finished(); }

struct Entry {
  std::string name;
  std::function<BijectorPtr()> make;
};

std::vector<Entry> entries() {
  return {
      {"affine", [] { return std::make_unique<Affine1D>(1.5, 0.3); }},
      {"sine", [] { return std::make_unique<Sine1D>(0.4, 2.0, 0.3); }},
      {"sinh_arcsinh", [] { return std::make_unique<SinhArcsinh1D>(0.5, 0.8); }},
      {"leaky_relu", [] { return std::make_unique<LeakyRelu1D>(0.3); }},
      {"spline", [] {
         return std::make_unique<RationalQuadraticSpline1D>(std::vector<double>{-3, -1.5, -0.2, 0.7, 1.9, 3},
                                                            std::vector<double>{-3, -2, -0.5, 1.1, 2.0, 3.5},
                                                            std::vector<double>{1.0, 0.6, 1.4, 2.0, 0.5, 1.2});
       }},
      {"linear", [] {
         Matrix A(2, 2);
         A << 1.2, 0.3, 0.1, 0.9;
         return std::make_unique<Linear>(A, vec2(0.5, -0.2));
       }},
      {"lu_linear", [] {
         Matrix lower = Matrix::Identity(2, 2), upper(2, 2);
         lower(1, 0) = 0.4;
         upper << 1.5, 0.2, 0.0, 0.7;
         return std::make_unique<LuLinear>(std::vector<int>{1, 0}, lower, upper, vec2(0.1, 0.2));
       }},
      {"elementwise", [] {
         std::vector<BijectorPtr> maps;
         maps.push_back(std::make_unique<SinhArcsinh1D>(0.5, 0.8));
         maps.push_back(std::make_unique<LeakyRelu1D>(0.3));
         return std::make_unique<Elementwise>(std::move(maps));
       }},
      {"swap", [] { return std::make_unique<Swap>(2); }},
      {"planar", [] { return std::make_unique<Planar>(vec2(1.0, 0.5), vec2(1.0, 2.0), 0.1); }},
      {"radial", [] { return std::make_unique<Radial>(vec2(0.2, -0.3), 0.8, 1.5); }},
      {"affine_coupling", [] {
         return std::make_unique<AffineCoupling>(2, std::vector<int>{0},
                                                 std::make_unique<ParametricConditioner>(0.5, 0.3, 2.0, 0.2, 0.5));
       }},
      {"additive_coupling", [] {
         return std::make_unique<AdditiveCoupling>(2, std::vector<int>{0},
                                                   std::make_unique<ParametricConditioner>(0.0, 0.0, 2.0, 0.2, 0.5));
       }},
  };
}

void run(benchmark::State& state, const Entry& entry, bool forward) {
  const BijectorPtr bijector = entry.make();
  Rng rng(1);
  const Batch points = rng.normalBatch(kPoints, bijector->dim()) * 2.0;
  for (auto _ : state) {
    Transformed out = forward ? bijector->forward(points) : bijector->inverse(points);
    benchmark::DoNotOptimize(out.value.data());
    benchmark::DoNotOptimize(out.logAbsDet.data());
  }
  state.SetItemsProcessed(state.iterations() * kPoints);
}

// Baselines for the batch inverses, in the same process: the scalar safeguarded Newton point by
// point, as Sine1D and Planar inverted before their batch solvers (root_finding.h).
void sineScalarInverse(benchmark::State& state) {
  const Sine1D f(0.4, 2.0, 0.3);
  Rng rng(1);
  const Batch x = rng.normalBatch(kPoints, 1) * 2.0;
  Vector z(kPoints), lad(kPoints);
  for (auto _ : state) {
    for (int i = 0; i < kPoints; ++i) z(i) = f.inverseScalar(x(i, 0), lad(i));
    benchmark::DoNotOptimize(z.data());
  }
  state.SetItemsProcessed(state.iterations() * kPoints);
}

void planarScalarInverse(benchmark::State& state) {
  const Vector u = vec2(1.0, 0.5), w = vec2(1.0, 2.0);
  const double b = 0.1, wu = w.dot(u);
  Rng rng(1);
  const Batch x = rng.normalBatch(kPoints, 2) * 2.0;
  Batch z(kPoints, 2);
  Vector lad(kPoints);
  for (auto _ : state) {
    for (int i = 0; i < kPoints; ++i) {
      const double target = x.row(i).dot(w) + b;
      const auto g = [wu, target](double a) {
        const double t = std::tanh(a);
        return ValueAndSlope{a + wu * t - target, 1.0 + wu * (1.0 - t * t)};
      };
      const double margin = std::abs(wu) + 1e-9 * std::max(1.0, std::abs(target));
      RootOptions o;
      o.guess = target - wu * std::tanh(target);
      o.useGuess = true;
      const double t = std::tanh(findRoot(g, target - margin, target + margin, o).value);
      z.row(i) = x.row(i) - t * u.transpose();
      lad(i) = -std::log(std::abs(1.0 + wu * (1.0 - t * t)));
    }
    benchmark::DoNotOptimize(z.data());
  }
  state.SetItemsProcessed(state.iterations() * kPoints);
}

const bool registered = [] {
  benchmark::RegisterBenchmark("inverse_scalar_baseline/sine", sineScalarInverse);
  benchmark::RegisterBenchmark("inverse_scalar_baseline/planar", planarScalarInverse);
  for (const Entry& entry : entries()) {
    benchmark::RegisterBenchmark(("forward/" + entry.name).c_str(), [entry](benchmark::State& s) { run(s, entry, true); });
    benchmark::RegisterBenchmark(("inverse/" + entry.name).c_str(), [entry](benchmark::State& s) { run(s, entry, false); });
  }
  return true;
}();

}  // namespace
}  // namespace flowlab
