// Every layer's hand-written backward pass against central differences, in double precision:
// for L = Σ_i a_i·z_i + Σ_i b_i·log|det dz/dx|_i with random a, b (so both upstream gradients
// are exercised), dL/dweight for every weight and dL/dx for every input entry.
#include <gtest/gtest.h>

#include "family_cases.h"

namespace flowlab::test {
namespace {

class LayerGradient : public ::testing::TestWithParam<LayerCase> {};

double lossOf(TrainableLayer& layer, const std::vector<double>& w, const Batch& x, const Batch& a, const Vector& b) {
  const Transformed t = layer.inverse(w.data(), x);
  return (t.value.array() * a.array()).sum() + t.logAbsDet.dot(b);
}

TEST_P(LayerGradient, WeightsAndInputMatchCentralDifferences) {
  const LayerCase& c = GetParam();
  Rng rng(77);
  for (int draw = 0; draw < 3; ++draw) {
    TrainableLayerPtr layer = c.make();
    std::vector<double> w = randomWeights(*layer, rng, c.weightNoise);
    const int n = 6, d = layer->dim();
    const Batch x = 1.5 * rng.normalBatch(n, d);
    const Batch a = rng.normalBatch(n, d);
    const Vector b = rng.normalBatch(n, 1).col(0);
    layer->inverse(w.data(), x);
    std::vector<double> grad(w.size(), 0.25);  // backward ADDS: start from a known offset
    Batch gX;
    layer->backward(w.data(), a, b, grad.data(), gX);
    ASSERT_EQ(gX.rows(), n);
    ASSERT_EQ(gX.cols(), d);
    const double h = 1e-6;
    for (std::size_t k = 0; k < w.size(); ++k) {
      std::vector<double> up = w, down = w;
      up[k] += h;
      down[k] -= h;
      const double fd = (lossOf(*layer, up, x, a, b) - lossOf(*layer, down, x, a, b)) / (2 * h);
      EXPECT_NEAR(grad[k] - 0.25, fd, 1e-6 * std::max(1.0, std::abs(fd))) << c.name << " weight " << k;
    }
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < d; ++j) {
        Batch up = x, down = x;
        up(i, j) += h;
        down(i, j) -= h;
        const double fd = (lossOf(*layer, w, up, a, b) - lossOf(*layer, w, down, a, b)) / (2 * h);
        EXPECT_NEAR(gX(i, j), fd, 1e-6 * std::max(1.0, std::abs(fd))) << c.name << " input (" << i << ", " << j << ")";
      }
  }
}

// The sequential passes are what MAF and IAF trade: one pass for density / D for sampling, and
// the other way round.
TEST(Autoregressive, PassCountsAreTheTradeOff) {
  for (int d : {2, 3, 5}) {
    TrainableAutoregressive maf(smallMade(d, false, false)), iaf(smallMade(d, true, false));
    EXPECT_EQ(maf.inversePasses(), 1);
    EXPECT_EQ(maf.forwardPasses(), d);
    EXPECT_EQ(iaf.inversePasses(), d);
    EXPECT_EQ(iaf.forwardPasses(), 1);
  }
}

// The MADE masks make output v depend on the variables before v in the order only.
TEST(Autoregressive, MafDensityOfOneVariableIgnoresLaterOnes) {
  Rng rng(5);
  TrainableAutoregressive maf(smallMade(3, false, true));  // order 2, 1, 0
  const std::vector<double> w = randomWeights(maf, rng, 0.5);
  Batch x = rng.normalBatch(4, 3);
  const Batch z = maf.inverse(w.data(), x).value;
  x.col(0) += Vector::Constant(4, 0.7);  // variable 0 is last: nothing else may change
  const Batch z2 = maf.inverse(w.data(), x).value;
  EXPECT_EQ(z.col(1), z2.col(1));
  EXPECT_EQ(z.col(2), z2.col(2));
  EXPECT_GT((z.col(0) - z2.col(0)).cwiseAbs().minCoeff(), 1e-3);
}

std::string caseName(const ::testing::TestParamInfo<LayerCase>& info) { return info.param.name; }

INSTANTIATE_TEST_SUITE_P(Layers, LayerGradient, ::testing::ValuesIn(layerCases()), caseName);

}  // namespace
}  // namespace flowlab::test
