// Every family as a whole stack at random weights: round trips, log-det against a
// central-difference Jacobian both ways, batch = row by row, the mean-NLL gradient against
// central differences (every weight and every input entry), and a density integrating to 1.
#include <gtest/gtest.h>

#include <Eigen/LU>
#include <cmath>

#include "family_cases.h"

namespace flowlab::test {
namespace {

class Family : public ::testing::TestWithParam<FamilyKind> {};

std::string familyCaseName(const ::testing::TestParamInfo<FamilyKind>& info) { return familyName(info.param); }

// log|det| of a central-difference Jacobian of one row's map (2D: det by hand).
template <class Map>
double fdLogAbsDet(Map map, const Vector& at) {
  const int d = int(at.size());
  Matrix j(d, d);
  for (int c = 0; c < d; ++c) {
    const double h = 1e-6 * std::max(1.0, std::abs(at(c)));
    Batch up = at.transpose(), down = at.transpose();
    up(0, c) += h;
    down(0, c) -= h;
    j.col(c) = (map(up) - map(down)).transpose() / (up(0, c) - down(0, c));
  }
  return std::log(std::abs(j.determinant()));
}

TEST_P(Family, RoundTripsAndLogDetsMatchFiniteDifferences) {
  Rng rng(11);
  TrainableFlow flow = makeFamilyFlow(smallFamily(GetParam()));
  const std::vector<double> w = randomWeights(flow, rng, 0.4);
  const Batch x = 1.5 * rng.normalBatch(16, 2);
  const Transformed toBase = flow.toBase(w.data(), x);
  const Transformed back = flow.toData(w.data(), toBase.value);
  EXPECT_LE((back.value - x).cwiseAbs().maxCoeff(), 1e-10);
  EXPECT_LE((back.logAbsDet + toBase.logAbsDet).cwiseAbs().maxCoeff(), 1e-10);
  const Transformed fromBase = flow.toData(w.data(), x);
  EXPECT_LE((flow.toBase(w.data(), fromBase.value).value - x).cwiseAbs().maxCoeff(), 1e-10);
  for (int i = 0; i < x.rows(); ++i) {
    const Vector at = x.row(i).transpose();
    const double inv = fdLogAbsDet([&](const Batch& p) { return flow.toBase(w.data(), p).value; }, at);
    const double fwd = fdLogAbsDet([&](const Batch& p) { return flow.toData(w.data(), p).value; }, at);
    EXPECT_NEAR(toBase.logAbsDet(i), inv, 1e-6 * std::max(1.0, std::abs(inv))) << "toBase at " << at.transpose();
    EXPECT_NEAR(fromBase.logAbsDet(i), fwd, 1e-6 * std::max(1.0, std::abs(fwd))) << "toData at " << at.transpose();
  }
}

TEST_P(Family, BatchEqualsRowByRow) {
  Rng rng(12);
  TrainableFlow flow = makeFamilyFlow(smallFamily(GetParam()));
  const std::vector<double> w = randomWeights(flow, rng, 0.4);
  const Batch x = 1.5 * rng.normalBatch(9, 2);
  const Vector lp = flow.logProb(w.data(), x);
  const Batch sampled = flow.toData(w.data(), x).value;
  for (int i = 0; i < x.rows(); ++i) {
    EXPECT_NEAR(flow.logProb(w.data(), x.row(i))(0), lp(i), 1e-12 * std::max(1.0, std::abs(lp(i))));
    EXPECT_LE((flow.toData(w.data(), x.row(i)).value - sampled.row(i)).cwiseAbs().maxCoeff(), 1e-12);
  }
}

TEST_P(Family, MeanNllGradientMatchesCentralDifferences) {
  Rng rng(13);
  TrainableFlow flow = makeFamilyFlow(smallFamily(GetParam()));
  std::vector<double> w = randomWeights(flow, rng, 0.4);
  const Batch x = 1.5 * rng.normalBatch(5, 2);
  std::vector<double> grad(w.size());
  Batch gX;
  const double nll = flow.nllAndGrad(w.data(), x, grad.data(), &gX);
  EXPECT_NEAR(nll, -flow.logProb(w.data(), x).mean(), 1e-12);
  auto meanNll = [&](const std::vector<double>& p, const Batch& at) { return -flow.logProb(p.data(), at).mean(); };
  const double h = 1e-6;
  int nonzero = 0;
  for (std::size_t k = 0; k < w.size(); ++k) {
    std::vector<double> up = w, down = w;
    up[k] += h;
    down[k] -= h;
    const double fd = (meanNll(up, x) - meanNll(down, x)) / (2 * h);
    EXPECT_NEAR(grad[k], fd, 1e-6 * std::max(1.0, std::abs(fd))) << "weight " << k;
    nonzero += std::abs(grad[k]) > 1e-8;
  }
  EXPECT_GT(nonzero, int(w.size()) / 2) << "most weights should matter";
  for (int i = 0; i < x.rows(); ++i)
    for (int j = 0; j < 2; ++j) {
      Batch up = x, down = x;
      up(i, j) += h;
      down(i, j) -= h;
      const double fd = (meanNll(w, up) - meanNll(w, down)) / (2 * h);
      EXPECT_NEAR(gX(i, j), fd, 1e-6 * std::max(1.0, std::abs(fd))) << "input (" << i << ", " << j << ")";
    }
}

// Midpoint rule on [-9, 9]² with cells of 0.045: the mass of a normalised density is 1.
TEST_P(Family, DensityIntegratesToOne) {
  Rng rng(14);
  FamilyConfig c = smallFamily(GetParam());
  c.hidden = 8;
  TrainableFlow flow = makeFamilyFlow(c);
  const std::vector<double> w = randomWeights(flow, rng, 0.4);
  const int cells = 400;
  const double lo = -9.0, h = 18.0 / cells;
  Batch grid(cells * cells, 2);
  for (int a = 0; a < cells; ++a)
    for (int b = 0; b < cells; ++b) grid.row(a * cells + b) << lo + (a + 0.5) * h, lo + (b + 0.5) * h;
  const Vector lp = flow.logProb(w.data(), grid);
  const double mass = lp.array().exp().sum() * h * h;
  EXPECT_NEAR(mass, 1.0, 1e-3);
  // Not trivially the base density: the random weights moved it.
  const Vector base = standardNormalLogProb(grid);
  EXPECT_GT((lp - base).cwiseAbs().maxCoeff(), 0.1);
}

TEST_P(Family, SamplesAreFiniteAndSpread) {
  Rng rng(15);
  TrainableFlow flow = makeFamilyFlow(smallFamily(GetParam()));
  const std::vector<double> w = randomWeights(flow, rng, 0.4);
  const Batch s = flow.sample(w.data(), 2000, rng);
  ASSERT_TRUE(s.allFinite());
  // Sampling and density agree: the samples' mean log-density is minus the entropy, which for
  // any density with these samples' covariance Σ is at most the Gaussian's ½ log((2πe)² det Σ).
  const Eigen::RowVector2d mean = s.colwise().mean();
  const Matrix centred = s.rowwise() - mean;
  const Matrix cov = centred.transpose() * centred / double(s.rows());
  const double gaussianEntropy = 0.5 * std::log(std::pow(2 * M_PI * M_E, 2) * cov.determinant());
  EXPECT_LT(-flow.logProb(w.data(), s).mean(), gaussianEntropy + 0.05);
}

INSTANTIATE_TEST_SUITE_P(Families, Family, ::testing::ValuesIn(allFamilies()), familyCaseName);

TEST(Families, NamesRoundTrip) {
  for (FamilyKind k : allFamilies()) {
    EXPECT_EQ(familyFromName(familyName(k)), k);
    EXPECT_FALSE(familyDescription(k).empty());
  }
  EXPECT_EQ(familyNames().size(), allFamilies().size());
  EXPECT_FALSE(familyFromName("glowing").has_value());
}

TEST(Families, ValidationNamesTheBadKnob) {
  FamilyConfig c;
  c.layers = 0;
  EXPECT_NE(validateFamilyConfig(c).message().find("layers"), std::string::npos);
  c = FamilyConfig{};
  c.kind = FamilyKind::Nsf;
  c.bins = 1;
  EXPECT_NE(validateFamilyConfig(c).message().find("bins"), std::string::npos);
  EXPECT_TRUE(validateFamilyConfig(FamilyConfig{}).ok());
}

// Freshly initialised, every family is the identity map (zero output layers, ActNorm before its
// data, W = P = I): log p is the base density. The continuous flow's field starts small, not zero
// (so every weight has a gradient from the first step): near the identity, measured 2e-3 nats.
TEST(Families, InitialFlowIsTheIdentity) {
  for (FamilyKind k : allFamilies()) {
    TrainableFlow flow = makeFamilyFlow(smallFamily(k));
    std::vector<double> w(flow.paramCount());
    Rng rng(3);
    flow.init(w.data(), rng);
    const Batch x = rng.normalBatch(10, 2);
    const double off = (flow.logProb(w.data(), x) - standardNormalLogProb(x)).cwiseAbs().maxCoeff();
    EXPECT_LE(off, k == FamilyKind::Cnf ? 1e-2 : 1e-12) << familyName(k);
  }
}

}  // namespace
}  // namespace flowlab::test
