#include "core/train/model_density.h"

#include <gtest/gtest.h>

#include "core/train/flow_export.h"

namespace flowlab {
namespace {

TEST(ModelDensity, FastGridMatchesTheExportedFlowAndIntegratesToOne) {
  TrainerConfig c;
  c.seed = 3;
  Trainer t(c);
  t.step(150);
  const GridSpec grid{Rect{-4, 4, -4, 4}, 96, 96};
  const auto fast = modelDensityGrid(t, grid);
  ASSERT_TRUE(fast.ok()) << fast.status.message();
  const auto& p = t.state().params;
  const Flow flow = exportRealNvp(t.config().model, std::vector<float>(p.data(), p.data() + p.size()));
  const auto exact = densityGrid(flow, grid);
  ASSERT_TRUE(exact.ok()) << exact.status.message();
  // float32 against double: log p agrees to float rounding through six layers.
  EXPECT_LT((fast.value.logProb - exact.value.logProb).cwiseAbs().maxCoeff(), 2e-3);
  EXPECT_NEAR(fast.value.mass, exact.value.mass, 1e-3);
  // A trained model still holds its mass in the box around the standardized data.
  EXPECT_NEAR(fast.value.mass, 1.0, 0.03);
  EXPECT_GT(fast.value.maxDensity, 1.0 / (2 * M_PI));  // sharper than the N(0, I) it started from
}

TEST(ModelDensity, BadGridIsAnErrorNotAnException) {
  TrainerConfig c;
  Trainer t(c);
  EXPECT_FALSE(modelDensityGrid(t, GridSpec{Rect{1, 1, 0, 1}, 8, 8}).ok());
}

}  // namespace
}  // namespace flowlab
