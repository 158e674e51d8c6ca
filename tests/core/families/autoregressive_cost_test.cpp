// MAF against IAF (core/families/autoregressive_cost.h): the conditioner passes each direction
// really runs (counted by the layers, not read from forwardPasses()), the flows at D = 4 and 16
// (round trips, log-det against a central-difference Jacobian, the two forms' shared conditioner
// pass, density against sampler), the sine chain's sampler against its density, brief training at
// D = 4, 8, 16, the stepper's results and the runner's cancel and re-run. No wall-clock asserts.
#include <gtest/gtest.h>

#include <Eigen/LU>
#include <atomic>
#include <cmath>

#include "core/families/autoregressive_cost.h"
#include "core/families/autoregressive_cost_runner.h"
#include "core/families/sine_chain.h"
#include "family_cases.h"
#include "tests/support/bijector_properties.h"

namespace flowlab::test {
namespace {

FamilyConfig arConfig(FamilyKind kind, int dim, int layers = 3) {
  FamilyConfig c;
  c.kind = kind;
  c.dim = dim;
  c.layers = layers;
  c.hidden = 12;
  c.depth = 2;
  return c;
}

TEST(AutoregressivePasses, CountedPassesFollowTheDirection) {
  for (int dim : {2, 5, 16}) {
    for (FamilyKind kind : {FamilyKind::Maf, FamilyKind::Iaf}) {
      const int layers = 3;
      TrainableFlow flow = makeFamilyFlow(arConfig(kind, dim, layers));
      Rng rng(1);
      const std::vector<double> w = randomWeights(flow, rng, 0.3);
      const Batch x = rng.normalBatch(7, dim);
      const long long before = conditionerPassesRun(flow);
      flow.toBase(w.data(), x);  // density direction
      const long long density = conditionerPassesRun(flow) - before;
      flow.toData(w.data(), x);  // sampling direction
      const long long sampling = conditionerPassesRun(flow) - before - density;
      const bool maf = kind == FamilyKind::Maf;
      EXPECT_EQ(density, maf ? layers : layers * dim) << familyName(kind) << " D=" << dim;
      EXPECT_EQ(sampling, maf ? layers * dim : layers) << familyName(kind) << " D=" << dim;
      // The declared counts agree with the counted ones.
      EXPECT_EQ(flow.densityPasses(), density);
      EXPECT_EQ(flow.samplingPasses(), sampling);
    }
  }
}

// log|det| of a central-difference Jacobian of a flow direction at one point.
double fdLogAbsDet(const std::function<Batch(const Batch&)>& map, const Vector& at) {
  const Matrix j = centralDifferenceJacobian(
      [&](const Vector& p) -> Vector { return map(p.transpose()).row(0).transpose(); }, at);
  return std::log(std::abs(j.determinant()));
}

class AutoregressiveFlow : public ::testing::TestWithParam<std::tuple<FamilyKind, int>> {};

TEST_P(AutoregressiveFlow, RoundTripsAndLogDetsMatchFiniteDifferences) {
  const auto [kind, dim] = GetParam();
  TrainableFlow flow = makeFamilyFlow(arConfig(kind, dim));
  Rng rng(7 + dim);
  const std::vector<double> w = randomWeights(flow, rng, 0.3);
  const Batch z = rng.normalBatch(6, dim);
  const Transformed x = flow.toData(w.data(), z);
  const Transformed back = flow.toBase(w.data(), x.value);
  EXPECT_LE((back.value - z).cwiseAbs().maxCoeff(), 1e-9);
  EXPECT_LE((back.logAbsDet + x.logAbsDet).cwiseAbs().maxCoeff(), 1e-9);
  const Transformed zx = flow.toBase(w.data(), z);  // z read as data points
  EXPECT_LE((flow.toData(w.data(), zx.value).value - z).cwiseAbs().maxCoeff(), 1e-9);
  for (int i = 0; i < z.rows(); ++i) {
    const Vector at = z.row(i).transpose();
    const double fwd = fdLogAbsDet([&](const Batch& p) { return flow.toData(w.data(), p).value; }, at);
    const double inv = fdLogAbsDet([&](const Batch& p) { return flow.toBase(w.data(), p).value; }, at);
    EXPECT_NEAR(x.logAbsDet(i), fwd, 1e-6 * std::max(1.0, std::abs(fwd)));
    EXPECT_NEAR(zx.logAbsDet(i), inv, 1e-6 * std::max(1.0, std::abs(inv)));
  }
}

// The density one direction computes is the one the other direction samples: log p(f(z)) =
// log N(z) - log|det df/dz|, although one side takes K passes and the other K·D.
TEST_P(AutoregressiveFlow, DensityOfSamplesIsTheSamplersDensity) {
  const auto [kind, dim] = GetParam();
  TrainableFlow flow = makeFamilyFlow(arConfig(kind, dim));
  Rng rng(19 + dim);
  const std::vector<double> w = randomWeights(flow, rng, 0.3);
  const Batch z = rng.normalBatch(20, dim);
  const Transformed x = flow.toData(w.data(), z);
  const Vector expected = standardNormalLogProb(z) - x.logAbsDet;
  const Vector lp = flow.logProb(w.data(), x.value);
  EXPECT_LE((lp - expected).cwiseAbs().maxCoeff(), 1e-9);
}

INSTANTIATE_TEST_SUITE_P(Dims, AutoregressiveFlow,
                         ::testing::Combine(::testing::Values(FamilyKind::Maf, FamilyKind::Iaf),
                                            ::testing::Values(4, 16)),
                         [](const auto& info) {
                           return familyName(std::get<0>(info.param)) + "_d" + std::to_string(std::get<1>(info.param));
                         });

// A MAF layer and an IAF layer on the same parameters share their fast direction's single
// conditioner pass, used in opposite senses: at the same input u, with (μ, α) = MADE(u),
//   MAF density  w = (u − μ)·e^{−α}   (log det −Σα),     IAF sampling  y = u·e^{α} + μ   (log det +Σα),
// so μ cancels: e^{α_v} = (y_v − u_v) / (u_v − w_v) for every coordinate, and the log-dets are opposite.
TEST(AutoregressiveForms, MafDensityAndIafSamplingShareOneConditionerPass) {
  for (int dim : {4, 16}) {
    TrainableAutoregressive maf(smallMade(dim, false, true)), iaf(smallMade(dim, true, true));
    Rng rng(dim);
    const std::vector<double> w = randomWeights(maf, rng, 0.4);
    ASSERT_EQ(maf.paramCount(), iaf.paramCount());
    const Batch u = rng.normalBatch(10, dim);
    const Transformed down = maf.inverse(w.data(), u);
    const Transformed up = iaf.forward(w.data(), u);
    EXPECT_EQ(maf.conditionerPassesRun(), 1);
    EXPECT_EQ(iaf.conditionerPassesRun(), 1);
    for (int i = 0; i < u.rows(); ++i) {
      EXPECT_NEAR(down.logAbsDet(i), -up.logAbsDet(i), 1e-12);
      double sumAlpha = 0.0;
      for (int v = 0; v < dim; ++v) sumAlpha += std::log((up.value(i, v) - u(i, v)) / (u(i, v) - down.value(i, v)));
      EXPECT_NEAR(sumAlpha, up.logAbsDet(i), 1e-8) << "D=" << dim << " row " << i;
    }
  }
}

TEST(SineChain, DensityIntegratesToOneIn2D) {
  const SineChain chain{2};
  const int n = 600;
  const double x0 = -7, x1 = 7, y0 = -5, y1 = 5, hx = (x1 - x0) / n, hy = (y1 - y0) / n;
  Batch grid(n * n, 2);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) grid.row(i * n + j) << x0 + (i + 0.5) * hx, y0 + (j + 0.5) * hy;
  const double mass = chain.logProb(grid).array().exp().sum() * hx * hy;
  EXPECT_NEAR(mass, 1.0, 1e-4);
}

TEST(SineChain, SamplesHaveTheDensitysEntropyAndConditionals) {
  for (int dim : {2, 8}) {
    const SineChain chain{dim};
    Rng rng(3);
    const int n = 200000;
    const Batch x = chain.sample(n, rng);
    const Vector nll = -chain.logProb(x);
    const double mean = nll.mean();
    const double se = std::sqrt((nll.array() - mean).square().mean() / n);
    EXPECT_NEAR(mean, chain.entropy(), 4.0 * se) << "D=" << dim;
    // Each conditional residual x_v − a·sin(ω x_{v−1}) is N(0, σ²).
    for (int v = 1; v < dim; ++v) {
      const Vector r = x.col(v) - (chain.frequency * x.col(v - 1)).array().sin().matrix() * chain.amplitude;
      EXPECT_NEAR(r.mean(), 0.0, 4.0 * chain.noise / std::sqrt(double(n)));
      EXPECT_NEAR(std::sqrt(r.squaredNorm() / n), chain.noise, 0.005);
    }
    EXPECT_NEAR(x.col(0).squaredNorm() / n, 1.0, 0.02);
  }
}

AutoregressiveCostConfig tinyConfig(std::vector<int> dims, int steps) {
  AutoregressiveCostConfig c;
  c.dims = std::move(dims);
  c.layers = 2;
  c.hidden = 16;
  c.trainSteps = steps;
  c.batch = 128;
  c.points = 250;
  c.chunk = 100;
  c.testSize = 2000;
  return c;
}

TEST(AutoregressiveCostRun, CountsPassesPerDirectionAndTrains) {
  const AutoregressiveCostConfig config = tinyConfig({4, 8, 16}, 60);
  ASSERT_TRUE(validateAutoregressiveCostConfig(config).ok());
  AutoregressiveCostRun run(config);
  double last = 0.0;
  int units = 0;
  while (run.advance()) {
    EXPECT_GE(run.progress(), last);
    last = run.progress();
    ++units;
  }
  EXPECT_GT(units, 20);
  EXPECT_EQ(run.progress(), 1.0);
  EXPECT_EQ(run.phase(), "done");
  ASSERT_EQ(run.results().size(), 3u);
  for (const DimensionCost& r : run.results()) {
    const int d = r.dim, k = config.layers;
    SCOPED_TRACE("D=" + std::to_string(d));
    for (const FlowCost* f : {&r.maf, &r.iaf}) {
      EXPECT_EQ(f->calls, 3);  // 250 points in chunks of 100
      EXPECT_GT(f->densitySeconds, 0.0);
      EXPECT_GT(f->samplingSeconds, 0.0);
      EXPECT_EQ(f->paramCount, r.maf.paramCount);  // the same size
    }
    EXPECT_EQ(r.maf.densityPasses, 3 * k);
    EXPECT_EQ(r.maf.samplingPasses, 3 * k * d);
    EXPECT_EQ(r.iaf.densityPasses, 3 * k * d);
    EXPECT_EQ(r.iaf.samplingPasses, 3 * k);
    EXPECT_EQ(r.maf.densityPassesPerCall(), k);
    EXPECT_EQ(r.iaf.densityPassesPerCall(), k * d);
    // Trained: below the untrained flow's NLL (N(0, I) on the chain's points), above the entropy.
    const SineChain chain{d};
    Rng rng(99);
    const double untrained = -standardNormalLogProb(chain.sample(20000, rng)).mean();
    EXPECT_NEAR(r.entropy, chain.entropy(), 1e-12);
    for (const FlowCost* f : {&r.maf, &r.iaf}) {
      EXPECT_LT(f->testNll, untrained - 0.05 * d);
      EXPECT_GT(f->testNll, r.entropy - 0.3);  // 2000 test points: a standard error below 0.07
    }
  }
}

TEST(AutoregressiveCostRun, RefusesBadConfigsNamingTheField) {
  AutoregressiveCostConfig c;
  c.dims = {2, 1};
  EXPECT_EQ(validateAutoregressiveCostConfig(c).message(), "dims[1]: a dimension must be in [2, 64], got 1");
  c = {};
  c.chunk = 0;
  EXPECT_NE(validateAutoregressiveCostConfig(c).message().find("chunk"), std::string::npos);
}

TEST(AutoregressiveCostRunner, FinishesCancelsAndRunsAgain) {
  std::atomic<int> wakes{0}, lastWakes{0};
  AutoregressiveCostRunner runner([&](bool last) { ++wakes, lastWakes += last; });
  EXPECT_EQ(runner.snapshot().state, AutoregressiveCostSnapshot::State::Idle);
  runner.start(tinyConfig({2, 3}, 10));
  runner.wait();
  AutoregressiveCostSnapshot s = runner.snapshot();
  EXPECT_EQ(s.state, AutoregressiveCostSnapshot::State::Finished);
  EXPECT_EQ(s.generation, 1);
  EXPECT_EQ(s.progress, 1.0);
  ASSERT_EQ(s.results.size(), 2u);
  EXPECT_EQ(s.results[1].dim, 3);
  EXPECT_GT(wakes.load(), 4);
  EXPECT_EQ(lastWakes.load(), 1) << "one last call, when the worker stops";
  // A long run, cancelled before it can finish: it stops at a unit boundary, keeping what it has.
  runner.start(tinyConfig({16, 16, 16, 16}, 100000));
  runner.cancel();
  runner.wait();
  s = runner.snapshot();
  EXPECT_EQ(s.state, AutoregressiveCostSnapshot::State::Cancelled);
  EXPECT_EQ(s.generation, 2);
  EXPECT_LT(s.progress, 0.5);
  EXPECT_TRUE(s.results.empty());
  runner.start(tinyConfig({2}, 5));  // and again
  runner.wait();
  EXPECT_EQ(runner.snapshot().state, AutoregressiveCostSnapshot::State::Finished);
  EXPECT_EQ(runner.snapshot().generation, 3);
}

}  // namespace
}  // namespace flowlab::test
