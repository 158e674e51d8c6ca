#include "core/train/realnvp.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "core/data/dataset.h"

namespace flowlab {
namespace {

// Parameters with every layer non-zero (at init the zero last layers hide all other gradients).
VectorT<double> randomParams(const RealNvp<double>& model, std::uint64_t seed) {
  VectorT<double> p(model.paramCount());
  Rng rng(seed);
  model.init(p.data(), rng);
  const MlpShape& s = model.mlpShape();
  for (int j = 0; j < model.config().layers; ++j)
    for (int i = s.weightOffset(s.depth); i < s.paramCount(); ++i)
      p(j * s.paramCount() + i) = 0.6 * (rng.uniform() - 0.5);
  return p;
}

// Gradient of the mean NLL vs central finite differences, every parameter, in double precision:
// per parameter relative error < 1e-4 (absolute 1e-9 where the gradient itself is ~0), and per
// tensor (each W_l, b_l of each conditioner) ‖g - fd‖ / ‖fd‖ < 1e-4.
void checkGradient(Activation activation, double bound) {
  RealNvpConfig config;
  config.layers = 4;
  config.hidden = 8;
  config.activation = activation;
  config.logScaleBound = bound;
  const RealNvp<double> model(config);
  const VectorT<double> p = randomParams(model, 3);
  Rng rng(4);
  const MatrixT<double> x = Dataset::make("moons").value.sample(64, rng);
  RealNvpWorkspace<double> ws;
  VectorT<double> grad(model.paramCount());
  model.nllAndGrad(p.data(), x, grad.data(), ws);

  VectorT<double> fd(model.paramCount()), q = p;
  const double h = 1e-6;
  for (int i = 0; i < model.paramCount(); ++i) {
    q(i) = p(i) + h;
    const double up = model.nll(q.data(), x, ws);
    q(i) = p(i) - h;
    const double down = model.nll(q.data(), x, ws);
    q(i) = p(i);
    fd(i) = (up - down) / (2 * h);
    const double scale = std::max(std::abs(fd(i)), std::abs(grad(i)));
    if (scale > 1e-5)
      EXPECT_LT(std::abs(grad(i) - fd(i)) / scale, 1e-4) << "parameter " << i;
    else
      EXPECT_LT(std::abs(grad(i) - fd(i)), 1e-9) << "parameter " << i;
  }
  const MlpShape& s = model.mlpShape();
  for (int j = 0; j < config.layers; ++j)
    for (int l = 0; l < s.layerCount(); ++l) {
      const int w = j * s.paramCount() + s.weightOffset(l), b = j * s.paramCount() + s.biasOffset(l);
      const int nw = s.fanIn(l) * s.fanOut(l), nb = s.fanOut(l);
      for (auto [start, len] : {std::pair{w, nw}, std::pair{b, nb}}) {
        const double err = (grad.segment(start, len) - fd.segment(start, len)).norm();
        EXPECT_LT(err, 1e-4 * fd.segment(start, len).norm() + 1e-12) << "layer " << j << " tensor at " << start;
        EXPECT_GT(fd.segment(start, len).norm(), 1e-6) << "a vanishing gradient tests nothing";
      }
    }
}

TEST(RealNvp, GradientMatchesFiniteDifferencesTanh) { checkGradient(Activation::Tanh, 2.0); }
TEST(RealNvp, GradientMatchesFiniteDifferencesRelu) { checkGradient(Activation::Relu, 1.5); }

// The untrained flow is the identity, so its NLL on standardized data is the Gaussian baseline
// E[½|x|²] + log 2π = 1 + log 2π = log(2πe) = 2.838 (std 1 per coordinate).
TEST(RealNvp, IdentityAtInitGivesTheGaussianBaseline) {
  const RealNvp<float> model(RealNvpConfig{});
  VectorT<float> p(model.paramCount());
  Rng rng(1);
  model.init(p.data(), rng);
  const MatrixT<float> x = Dataset::make("moons").value.sample(200000, rng).cast<float>();
  RealNvpWorkspace<float> ws;
  EXPECT_NEAR(model.nll(p.data(), x, ws), std::log(2 * std::numbers::pi * std::numbers::e), 0.01);
  VectorT<float> lp;
  model.logProb(p.data(), x.topRows(1000), lp, ws, 128);
  for (int i = 0; i < 1000; ++i)
    EXPECT_NEAR(lp(i), -0.5 * x.row(i).squaredNorm() - std::log(2 * std::numbers::pi), 1e-5);
}

// Chunked log p equals the unchunked one, and float32 agrees with float64 to float precision.
TEST(RealNvp, ChunkedFloatLogProbMatchesDouble) {
  const RealNvp<double> md(RealNvpConfig{});
  const RealNvp<float> mf(RealNvpConfig{});
  const VectorT<double> p = randomParams(md, 9);
  const VectorT<float> pf = p.cast<float>();
  Rng rng(2);
  const MatrixT<double> x = Dataset::make("moons").value.sample(1000, rng);
  RealNvpWorkspace<double> wd;
  RealNvpWorkspace<float> wf;
  VectorT<double> a, b;
  VectorT<float> c;
  md.logProb(p.data(), x, a, wd, 1000);
  md.logProb(p.data(), x, b, wd, 96);
  mf.logProb(pf.data(), x.cast<float>(), c, wf, 256);
  EXPECT_LT((a - b).cwiseAbs().maxCoeff(), 1e-12);
  EXPECT_LT((a - c.cast<double>()).cwiseAbs().maxCoeff(), 1e-3);
  EXPECT_GT((a.array() + 0.5 * x.rowwise().squaredNorm().array()).abs().maxCoeff(), 0.1) << "not the identity";
}

}  // namespace
}  // namespace flowlab
