// A reverse-KL fit saved as a scene and loaded back is the same q: log p of the loaded flow equals
// the trainer's log q, and its samples are the trainer's sampler's, for every flow kind.
#include <gtest/gtest.h>

#include "core/energy/fitted_scene.h"
#include "core/energy/target_json.h"
#include "core/random.h"

namespace flowlab {
namespace {

class FittedScene : public ::testing::TestWithParam<std::string> {};

TEST_P(FittedScene, LoadsBackAsTheSameDensity) {
  ReverseKlConfig c;
  c.flow = GetParam();
  c.knobs.layers = 3;
  c.knobs.hidden = 8;
  c.knobs.bins = 4;
  c.knobs.solverSteps = 4;
  ReverseKlTrainer trainer(c, makePresetTarget("u1"));
  trainer.step(30);
  const SceneFile scene = fittedFlowScene(trainer, trainer.estimate(500, 1));
  const Expected<Json> json = sceneToJson(scene);
  ASSERT_TRUE(json.ok()) << json.status.message();
  const Expected<SceneFile> loaded = parseScene(json.value.dump(2), "<fit>");
  ASSERT_TRUE(loaded.ok()) << loaded.status.message();
  EXPECT_TRUE(loaded.value.flow.problems().empty());
  ASSERT_TRUE(readTargetJson(loaded.value.extras["target"]).ok());
  EXPECT_EQ(loaded.value.extras["objective"], "reverse_kl");
  // At the sampler's own points and at points of the plane.
  Rng rng(8);
  const Batch z = rng.normalBatch(40, 2);
  Batch x(80, 2);
  x << trainer.flow().toBase(trainer.params().data(), z).value, 2.0 * rng.normalBatch(40, 2);
  const Expected<Vector> lp = loaded.value.flow.logProb(x);
  ASSERT_TRUE(lp.ok()) << lp.status.message();
  const double tol = GetParam() == "cnf" ? 1e-7 : 1e-9;
  EXPECT_LT((lp.value - trainer.logProb(x)).cwiseAbs().maxCoeff(), tol);
  // The scene's forward pass is the trainer's sampler.
  const Expected<Transformed> fwd = loaded.value.flow.forward(z);
  ASSERT_TRUE(fwd.ok());
  EXPECT_LT((fwd.value.value - x.topRows(40)).cwiseAbs().maxCoeff(), 1e-12);
  // Saved again, the text is the same.
  const Expected<Json> again = sceneToJson(loaded.value);
  ASSERT_TRUE(again.ok()) << again.status.message();
  EXPECT_EQ(again.value.dump(), json.value.dump());
}

INSTANTIATE_TEST_SUITE_P(EveryFlow, FittedScene, ::testing::ValuesIn(energyFlowNames()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace flowlab
