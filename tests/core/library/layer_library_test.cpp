#include "core/library/layer_library.h"

#include <gtest/gtest.h>

#include "core/random.h"

namespace flowlab {
namespace {

TEST(LayerLibrary, EveryKindHasAValidDefaultOfTheRightTypeAndDim) {
  for (int dim : {1, 2}) {
    ASSERT_FALSE(layerKinds(dim).empty());
    for (const auto& kind : layerKinds(dim)) {
      SCOPED_TRACE(kind.type);
      const BijectorPtr b = makeDefaultLayer(kind.type, dim);
      ASSERT_NE(b, nullptr);
      EXPECT_EQ(b->type(), kind.type);
      EXPECT_EQ(b->dim(), dim);
      EXPECT_TRUE(b->validate().ok()) << b->validate().message();
      // The default round-trips, so a freshly added layer never shows an error.
      Rng rng(5);
      const Batch z = rng.normalBatch(64, dim);
      const Batch back = b->inverse(b->forward(z).value).value;
      EXPECT_LT((back - z).cwiseAbs().maxCoeff(), 1e-9);
    }
  }
}

TEST(LayerLibrary, UnknownKindOrDimensionGivesNull) {
  EXPECT_EQ(makeDefaultLayer("no_such_layer", 1), nullptr);
  EXPECT_EQ(makeDefaultLayer("planar", 1), nullptr);
  EXPECT_EQ(makeDefaultLayer("sine", 2), nullptr);
  EXPECT_TRUE(layerKinds(3).empty());
}

}  // namespace
}  // namespace flowlab
