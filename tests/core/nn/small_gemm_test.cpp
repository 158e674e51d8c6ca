// The small-GEMM engines against a plain triple loop in double, for the shapes of the trainer's
// MLPs and odd ones libxsmm may decline; and one MLP step agreeing across engines to float rounding.
#include "core/nn/small_gemm.h"

#include <gtest/gtest.h>

#include <vector>

#include "core/nn/mlp.h"

namespace flowlab {
namespace {

std::vector<float> randomMatrix(int rows, int cols, Rng& rng) {
  std::vector<float> m(size_t(rows) * cols);
  for (float& v : m) v = float(2.0 * rng.uniform() - 1.0);
  return m;
}

// C = op(A)·op(B) in double from column-major float inputs.
std::vector<double> reference(int m, int n, int k, const std::vector<float>& a, bool transA,
                              const std::vector<float>& b, bool transB) {
  std::vector<double> c(size_t(m) * n, 0.0);
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < m; ++i) {
      double sum = 0;
      for (int p = 0; p < k; ++p) {
        const double av = transA ? a[size_t(i) * k + p] : a[size_t(p) * m + i];
        const double bv = transB ? b[size_t(p) * n + j] : b[size_t(j) * k + p];
        sum += av * bv;
      }
      c[size_t(j) * m + i] = sum;
    }
  return c;
}

double maxError(const std::vector<float>& c, const std::vector<double>& ref) {
  double worst = 0;
  for (size_t i = 0; i < c.size(); ++i) worst = std::max(worst, std::abs(double(c[i]) - ref[i]));
  return worst;
}

class SmallGemm : public ::testing::TestWithParam<GemmEngine> {
 protected:
  void SetUp() override {
    if (GetParam() == GemmEngine::Libxsmm && !libxsmmBuiltIn()) GTEST_SKIP() << "built without libxsmm";
    before_ = gemmEngine();
    setGemmEngine(GetParam());
  }
  void TearDown() override { setGemmEngine(before_); }
  GemmEngine before_ = GemmEngine::Eigen;
};

struct Shape {
  int m, n, k;
};
const Shape kShapes[] = {{64, 256, 64}, {64, 64, 256}, {2, 256, 64}, {64, 512, 64}, {7, 13, 5}, {33, 1, 17}};

TEST_P(SmallGemm, EveryFormMatchesATripleLoop) {
  ASSERT_EQ(gemmEngine(), GetParam());
  Rng rng(3);
  for (const Shape& s : kShapes) {
    const auto a = randomMatrix(s.m, s.k, rng), b = randomMatrix(s.k, s.n, rng), bT = randomMatrix(s.n, s.k, rng);
    const auto aT = randomMatrix(s.k, s.m, rng);
    std::vector<float> c(size_t(s.m) * s.n, 123.f), scratch(size_t(s.m) * s.k);
    const double tol = 1e-5 * s.k;  // float products of k terms of size <= 1
    gemmNN(s.m, s.n, s.k, a.data(), b.data(), c.data());
    EXPECT_LT(maxError(c, reference(s.m, s.n, s.k, a, false, b, false)), tol) << "NN " << s.m << "x" << s.n << "x" << s.k;
    gemmNT(s.m, s.n, s.k, a.data(), bT.data(), c.data());
    EXPECT_LT(maxError(c, reference(s.m, s.n, s.k, a, false, bT, true)), tol) << "NT " << s.m << "x" << s.n << "x" << s.k;
    gemmTN(s.m, s.n, s.k, aT.data(), b.data(), c.data(), scratch.data());
    EXPECT_LT(maxError(c, reference(s.m, s.n, s.k, aT, true, b, false)), tol) << "TN " << s.m << "x" << s.n << "x" << s.k;
  }
}

INSTANTIATE_TEST_SUITE_P(Engines, SmallGemm, ::testing::Values(GemmEngine::Eigen, GemmEngine::Libxsmm),
                         [](const auto& info) { return gemmEngineName(info.param); });

TEST(SmallGemmEngines, OneMlpStepAgreesAcrossEnginesToFloatRounding) {
  if (!libxsmmBuiltIn()) GTEST_SKIP() << "built without libxsmm";
  const GemmEngine before = gemmEngine();
  const MlpShape shape{1, 64, 2, 2, Activation::Tanh};
  Rng rng(5);
  std::vector<float> params(shape.paramCount());
  mlpInit(shape, params.data(), rng, false);
  const int n = 256;
  std::vector<float> x(n);
  for (float& v : x) v = float(2.0 * rng.uniform() - 1.0);
  MatrixT<float> dOut = MatrixT<float>::Random(2, n);
  std::vector<float> grad[2], dx[2];
  MatrixT<float> out[2];
  for (GemmEngine engine : {GemmEngine::Eigen, GemmEngine::Libxsmm}) {
    const int e = engine == GemmEngine::Libxsmm;
    setGemmEngine(engine);
    MlpWorkspace<float> ws;
    mlpForward(shape, params.data(), x.data(), n, ws);
    out[e] = ws.act.back();
    grad[e].assign(params.size(), 0.f);
    dx[e].assign(n, 0.f);
    mlpBackward(shape, params.data(), x.data(), n, ws, dOut, grad[e].data(), dx[e].data());
  }
  setGemmEngine(before);
  EXPECT_LT((out[0] - out[1]).cwiseAbs().maxCoeff(), 1e-5f);
  double worstGrad = 0, scale = 0;
  for (size_t i = 0; i < params.size(); ++i) {
    worstGrad = std::max(worstGrad, double(std::abs(grad[0][i] - grad[1][i])));
    scale = std::max(scale, double(std::abs(grad[0][i])));
  }
  EXPECT_GT(scale, 1.0) << "a gradient of some size, so the comparison means something";
  EXPECT_LT(worstGrad, 1e-5 * scale * n);
  for (int i = 0; i < n; ++i) EXPECT_NEAR(dx[0][i], dx[1][i], 1e-4f) << i;
}

}  // namespace
}  // namespace flowlab
