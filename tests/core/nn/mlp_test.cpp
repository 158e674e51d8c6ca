#include "core/nn/mlp.h"

#include <gtest/gtest.h>

#include <cmath>

namespace flowlab {
namespace {

// A 1 → 2 → 1 network by hand: a = act(w1·x + b1), y = w2·a + b2.
TEST(Mlp, ForwardMatchesHandComputation) {
  for (Activation act : {Activation::Relu, Activation::Tanh}) {
    const MlpShape shape{1, 2, 1, 1, act};
    ASSERT_EQ(shape.paramCount(), 2 + 2 + 2 + 1);
    const double p[] = {0.5, -1.5, 0.25, 0.75, 2.0, -3.0, 0.1};  // W1, b1, W2, b2
    const double x[] = {1.0, -2.0};
    MlpWorkspace<double> ws;
    mlpForward(shape, p, x, 2, ws);
    for (int j = 0; j < 2; ++j) {
      auto f = [&](double v) { return act == Activation::Relu ? std::max(v, 0.0) : std::tanh(v); };
      const double a0 = f(0.5 * x[j] + 0.25), a1 = f(-1.5 * x[j] + 0.75);
      EXPECT_NEAR(ws.act.back()(0, j), 2.0 * a0 - 3.0 * a1 + 0.1, 1e-15);
    }
  }
}

// dL/dparams and dL/dx of L = Σ ⟨R, MLP(x)⟩ vs central differences, for a 3 → 5 → 5 → 5 → 2
// network (the small-fanOut output path and the GEMM path both run) and a 3 → 6 → 6 one.
void checkBackward(const MlpShape& shape) {
  Rng rng(5);
  VectorT<double> p(shape.paramCount());
  mlpInit(shape, p.data(), rng, false);
  const int n = 7;
  MatrixT<double> x(shape.in, n), r(shape.out, n);
  for (int i = 0; i < x.size(); ++i) x(i) = 2.0 * rng.uniform() - 1.0;
  for (int i = 0; i < r.size(); ++i) r(i) = rng.normal();
  MlpWorkspace<double> ws;
  auto loss = [&](const VectorT<double>& q, const MatrixT<double>& xin) {
    mlpForward(shape, q.data(), xin.data(), n, ws);
    return (ws.act.back().array() * r.array()).sum();
  };
  loss(p, x);
  VectorT<double> grad(shape.paramCount());
  MatrixT<double> dx(shape.in, n);
  mlpBackward(shape, p.data(), x.data(), n, ws, r, grad.data(), dx.data());
  const double h = 1e-6;
  for (int i = 0; i < p.size(); ++i) {
    VectorT<double> up = p, down = p;
    up(i) += h;
    down(i) -= h;
    const double fd = (loss(up, x) - loss(down, x)) / (2 * h);
    EXPECT_NEAR(grad(i), fd, 1e-6 * std::max(1.0, std::abs(fd))) << "parameter " << i;
  }
  for (int i = 0; i < x.size(); ++i) {
    MatrixT<double> up = x, down = x;
    up(i) += h;
    down(i) -= h;
    const double fd = (loss(p, up) - loss(p, down)) / (2 * h);
    EXPECT_NEAR(dx(i), fd, 1e-6 * std::max(1.0, std::abs(fd))) << "input " << i;
  }
  EXPECT_GT(grad.norm(), 1e-3);
}

TEST(Mlp, BackwardMatchesFiniteDifferencesTanh) { checkBackward({3, 5, 3, 2, Activation::Tanh}); }
TEST(Mlp, BackwardMatchesFiniteDifferencesRelu) { checkBackward({3, 6, 2, 6, Activation::Relu}); }
// One input (the fused input-layer path), with the small output path and with the GEMM one.
TEST(Mlp, BackwardMatchesFiniteDifferencesOneInput) {
  checkBackward({1, 5, 2, 2, Activation::Tanh});
  checkBackward({1, 5, 3, 6, Activation::Tanh});
  checkBackward({1, 4, 1, 2, Activation::Relu});
  checkBackward({1, 4, 0, 2, Activation::Tanh});  // linear
  checkBackward({2, 4, 0, 6, Activation::Tanh});
}

TEST(Mlp, ZeroLastLayerGivesZeroOutputAndPyTorchInitBounds) {
  const MlpShape shape{1, 64, 2, 2, Activation::Relu};
  Rng rng(1);
  VectorT<float> p(shape.paramCount());
  mlpInit(shape, p.data(), rng, true);
  const int last = shape.weightOffset(2);
  EXPECT_EQ(p.tail(p.size() - last).cwiseAbs().maxCoeff(), 0.0f);
  const auto hiddenW = p.segment(shape.weightOffset(1), 64 * 64);
  EXPECT_LE(hiddenW.cwiseAbs().maxCoeff(), 1.0f / 8.0f);  // 1/sqrt(64)
  EXPECT_GT(hiddenW.cwiseAbs().maxCoeff(), 0.12f);
}

}  // namespace
}  // namespace flowlab
