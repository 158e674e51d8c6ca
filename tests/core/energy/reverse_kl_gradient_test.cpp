// The reverse-KL objective's hand-written gradient against central differences, for every flow
// it trains (planar, radial and the families), on fixed base points.
#include <gtest/gtest.h>

#include "core/energy/reverse_kl.h"
#include "core/random.h"

namespace flowlab {
namespace {

ReverseKlConfig smallConfig(const std::string& flow) {
  ReverseKlConfig c;
  c.flow = flow;
  c.knobs.layers = flow == "planar" || flow == "radial" ? 4 : 2;
  c.knobs.hidden = 5;
  c.knobs.depth = 1;
  c.knobs.bins = 4;
  c.knobs.bound = 3.0;
  c.knobs.solverSteps = 4;
  return c;
}

class ReverseKlGradient : public ::testing::TestWithParam<std::string> {};

TEST_P(ReverseKlGradient, MatchesCentralDifferences) {
  const ReverseKlConfig config = smallConfig(GetParam());
  ASSERT_TRUE(validateReverseKlConfig(config).ok()) << validateReverseKlConfig(config).message();
  for (const std::string target : {"u1", "mixture"}) {
    ReverseKlTrainer trainer(config, makePresetTarget(target));
    Rng rng(11);
    Vector p = trainer.params();
    for (int k = 0; k < p.size(); ++k) p(k) += 0.3 * (2 * rng.uniform() - 1);  // off the initial values
    const Batch z = rng.normalBatch(7, 2);
    Vector grad, scratch;
    trainer.lossAndGrad(p, z, grad);
    const double h = 1e-6;
    for (int k = 0; k < p.size(); ++k) {
      Vector up = p, down = p;
      up(k) += h;
      down(k) -= h;
      const double fd = (trainer.lossAndGrad(up, z, scratch) - trainer.lossAndGrad(down, z, scratch)) / (2 * h);
      EXPECT_NEAR(grad(k), fd, 2e-6 * std::max(1.0, std::abs(fd))) << GetParam() << " on " << target << ", parameter " << k;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(EveryFlow, ReverseKlGradient, ::testing::ValuesIn(energyFlowNames()),
                         [](const auto& info) { return info.param; });

// The density of q at its own samples is the one the sampler reports: log q(g(z)) = log N(z) − log|det dg/dz|.
TEST(ReverseKl, DensityAtSamplesAgreesWithTheSampler) {
  for (const std::string& flow : energyFlowNames()) {
    ReverseKlTrainer trainer(smallConfig(flow), makePresetTarget("banana"));
    trainer.step(20);
    Rng rng(5);
    const Batch z = rng.normalBatch(64, 2);
    const Transformed t = trainer.flow().toBase(trainer.params().data(), z);
    const Vector expected = standardNormalLogProb(z) - t.logAbsDet;
    const double tol = flow == "cnf" ? 1e-6 : 1e-9;
    EXPECT_LT((trainer.logProb(t.value) - expected).cwiseAbs().maxCoeff(), tol) << flow;
  }
}

}  // namespace
}  // namespace flowlab
