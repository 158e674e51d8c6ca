// Every layer codec writes what it reads: read(write(layer)) computes the same map.
#include "core/scene/layer_codecs.h"

#include <gtest/gtest.h>

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
#include "core/bijectors/rational_quadratic_spline_1d.h"
#include "core/bijectors/sine_1d.h"
#include "core/bijectors/sinh_arcsinh_1d.h"
#include "core/bijectors/swap.h"
#include "core/random.h"

namespace flowlab {
namespace {

Vector vec2(double a, double b) { return (Vector(2) << a, b).finished(); }

std::vector<BijectorPtr> everyLayer() {
  std::vector<BijectorPtr> out;
  out.push_back(std::make_unique<Affine1D>(2.0, -1.0));
  out.push_back(std::make_unique<Sine1D>(0.7, 1.3, 0.2));
  out.push_back(std::make_unique<SinhArcsinh1D>(0.5, 0.8));
  out.push_back(std::make_unique<LeakyRelu1D>(0.3));
  out.push_back(std::make_unique<RationalQuadraticSpline1D>(std::vector<double>{-3, -1, 0.5, 3},
                                                            std::vector<double>{-3, -0.2, 0.4, 3},
                                                            std::vector<double>{1, 0.4, 2.5, 1}));
  Matrix A(2, 2);
  A << 1.2, 0.3, 0.1, 0.9;
  out.push_back(std::make_unique<Linear>(A, vec2(0.5, -0.2)));
  out.push_back(std::make_unique<Planar>(vec2(1.0, 0.0), vec2(1.0, 2.0), 0.1));
  out.push_back(std::make_unique<Radial>(vec2(0.3, -0.2), 1.0, 0.5));
  std::vector<BijectorPtr> coords;
  coords.push_back(std::make_unique<Sine1D>(0.5, 1.0, 0.0));
  coords.push_back(std::make_unique<Affine1D>(0.5, 1.0));
  out.push_back(std::make_unique<Elementwise>(std::move(coords)));
  out.push_back(std::make_unique<Swap>(2));
  out.push_back(std::make_unique<AffineCoupling>(2, std::vector<int>{0},
                                                 std::make_unique<ParametricConditioner>(0.5, 0.2, 2.0, 0.1, 0.3)));
  out.push_back(std::make_unique<AdditiveCoupling>(2, std::vector<int>{1},
                                                   std::make_unique<ParametricConditioner>(0, 0, 1.0, -0.5, 0.4)));
  Matrix L(2, 2), U(2, 2);
  L << 1, 0, 0.4, 1;
  U << 1.5, -0.3, 0, 0.7;
  out.push_back(std::make_unique<LuLinear>(std::vector<int>{1, 0}, L, U, vec2(0.1, 0.2)));
  return out;
}

TEST(LayerCodecs, EveryTypeRoundTripsThroughJson) {
  Rng rng(5);
  int covered = 0;
  for (const BijectorPtr& layer : everyLayer()) {
    SCOPED_TRACE(layer->type());
    const Expected<Json> j = writeLayer(*layer);
    ASSERT_TRUE(j.ok()) << j.status.message();
    EXPECT_EQ(j.value["type"], layer->type());
    // Through text, as a file would carry it.
    const Expected<BijectorPtr> back = readLayer(Json::parse(j.value.dump()), layer->dim(), "/layers/0");
    ASSERT_TRUE(back.ok()) << back.status.message() << "\n" << j.value.dump();
    EXPECT_EQ(back.value->type(), layer->type());
    const Batch z = rng.normalBatch(50, layer->dim()) * 2.0;
    EXPECT_EQ(back.value->forward(z).value, layer->forward(z).value);
    EXPECT_EQ(back.value->forward(z).logAbsDet, layer->forward(z).logAbsDet);
    EXPECT_EQ(writeLayer(*back.value).value, j.value);
    ++covered;
  }
  // Every registered type except the learned conditioner's host is exercised above.
  EXPECT_EQ(covered, static_cast<int>(layerCodecs().size()));
}

TEST(LayerCodecs, MlpConditionerHasATableEntry) {
  const Expected<BijectorPtr> r = readLayer(
      Json::parse(R"({"type": "affine_coupling", "kept": [0], "conditioner": {"type": "mlp"}})"), 2, "/layers/4");
  // Until the training area provides it, reading says so (and names the conditioner's place).
  if (!r.ok()) {
    EXPECT_EQ(r.status.message().rfind("/layers/4/conditioner", 0), 0u) << r.status.message();
  }
}

}  // namespace
}  // namespace flowlab
