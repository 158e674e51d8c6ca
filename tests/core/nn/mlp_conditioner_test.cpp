#include "core/nn/mlp_conditioner.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/bijectors/affine_coupling.h"
#include "tests/support/bijector_properties.h"

namespace flowlab {
namespace {

std::vector<double> randomWeights(const MlpShape& shape, Rng& rng, double lastScale) {
  std::vector<double> w(shape.paramCount());
  mlpInit(shape, w.data(), rng, false);
  for (int i = shape.weightOffset(shape.depth); i < shape.paramCount(); ++i) w[i] *= lastScale;
  return w;
}

// s = c·tanh(s̃/c) (bounded by c) and t come out of the MLP rows in that order.
TEST(MlpConditioner, BoundsTheLogScaleAndSplitsTheOutput) {
  const MlpShape shape{2, 4, 1, 4, Activation::Tanh};  // 2 kept → 2 rest
  Rng rng(3);
  std::vector<double> w = randomWeights(shape, rng, 1.0);
  for (int i = shape.biasOffset(1); i < shape.biasOffset(1) + 2; ++i) w[i] = 6.0;  // s̃ ≈ 6: s = 1.5·tanh(4) ≈ 1.499
  const MlpConditioner c(shape, w, 1.5);
  Batch kept(3, 2), s, t;
  kept << 0.1, -0.2, 1.0, 2.0, -3.0, 0.5;
  c.compute(kept, s, t);
  ASSERT_EQ(s.rows(), 3);
  ASSERT_EQ(s.cols(), 2);
  EXPECT_LT(s.maxCoeff(), 1.5);
  EXPECT_GT(s.minCoeff(), 1.4);
  MlpWorkspace<double> ws;
  const MatrixT<double> x = kept.transpose();
  mlpForward(shape, w.data(), x.data(), 3, ws);
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 2; ++j) {
      EXPECT_DOUBLE_EQ(s(i, j), 1.5 * std::tanh(ws.act.back()(j, i) / 1.5));
      EXPECT_DOUBLE_EQ(t(i, j), ws.act.back()(2 + j, i));
    }
}

TEST(MlpConditioner, ValidateRejectsNonFiniteWeightsAndBadBounds) {
  const MlpShape shape{1, 3, 2, 2, Activation::Relu};
  std::vector<double> w(shape.paramCount(), 0.1);
  EXPECT_TRUE(MlpConditioner(shape, w, 2.0).validate().ok());
  EXPECT_FALSE(MlpConditioner(shape, w, 0.0).validate().ok());
  w[5] = std::nan("");
  EXPECT_NE(MlpConditioner(shape, w, 2.0).validate().message().find("weight 5"), std::string::npos);
  EXPECT_THROW(MlpConditioner(shape, std::vector<double>(3), 2.0), std::invalid_argument);
}

}  // namespace

// The shared bijector battery over AffineCoupling + MlpConditioner, 2D and 4D, both activations.
std::vector<test::BijectorCase> mlpCouplingCases() {
  auto make = [](int dim, std::vector<int> kept, Activation act) {
    return [=](Rng& rng) -> BijectorPtr {
      const int k = int(kept.size());
      const MlpShape shape{k, 8, 2, 2 * (dim - k), act};
      return std::make_unique<AffineCoupling>(
          dim, kept, std::make_unique<MlpConditioner>(shape, randomWeights(shape, rng, 3.0), 2.0));
    };
  };
  auto pattern = [](int dim, std::vector<int> kept) {
    return [=](const Bijector&) { return test::couplingPattern(dim, kept); };
  };
  return {{"MlpCoupling2DTanh", make(2, {0}, Activation::Tanh), pattern(2, {0}), 40},
          {"MlpCoupling2DRelu", make(2, {1}, Activation::Relu), pattern(2, {1}), 40},
          {"MlpCoupling4D", make(4, {0, 2}, Activation::Tanh), pattern(4, {0, 2}), 40}};
}

}  // namespace flowlab

FLOWLAB_INSTANTIATE_BIJECTOR_PROPERTIES(MlpCoupling, ::flowlab::mlpCouplingCases())
