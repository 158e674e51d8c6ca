// The continuous flow (core/families/cnf_layer.h) beyond the shared battery: its two RK4 solves
// are inverses only up to the solver's error, and its log-det is the integrated trace, which
// differs from the discrete map's exact log-det by O(h⁴). These tests measure both errors and
// check that they shrink with the step at the solver's rate (a sign or stage bug would leave an
// O(1) or O(h) error instead), plus the family's knobs and a short training run.
#include <gtest/gtest.h>

#include <Eigen/LU>
#include <cmath>

#include "core/families/family_trainer.h"
#include "family_cases.h"

namespace flowlab::test {
namespace {

// A segment with a strong field (weights U(-1, 1) on top of the init), so the solver's errors
// stand well above rounding and finite-difference noise at a few steps.
struct StrongSegment {
  explicit StrongSegment(int steps) : layer(spec(steps)) {
    Rng rng(7);
    w = randomWeights(layer, rng, 1.0);
  }
  static CnfSegmentSpec spec(int steps) {
    CnfSegmentSpec s;
    s.hidden = 8;
    s.t0 = 0.0;
    s.t1 = 0.5;
    s.steps = steps;
    return s;
  }
  TrainableCnfSegment layer;
  std::vector<double> w;
};

Batch testPoints() {
  Rng rng(8);
  return 1.5 * rng.normalBatch(16, 2);
}

double roundTripError(int steps) {
  StrongSegment s(steps);
  const Batch x = testPoints();
  const Batch z = s.layer.inverse(s.w.data(), x).value;
  return (s.layer.forward(s.w.data(), z).value - x).cwiseAbs().maxCoeff();
}

// Largest |log-det − log|det J_fd|| over the test points, J_fd the central-difference Jacobian of
// the discrete map in the given direction.
double logDetMismatch(TrainableCnfSegment& layer, const std::vector<double>& w, bool density) {
  auto map = [&](const Batch& p) { return density ? layer.inverse(w.data(), p) : layer.forward(w.data(), p); };
  const Batch x = testPoints();
  const Vector logDet = map(x).logAbsDet;
  double worst = 0.0;
  for (int i = 0; i < x.rows(); ++i) {
    Matrix j(2, 2);
    const double h = 1e-6;
    for (int c = 0; c < 2; ++c) {
      Batch up = x.row(i), down = x.row(i);
      up(0, c) += h;
      down(0, c) -= h;
      j.col(c) = (map(up).value - map(down).value).transpose() / (2 * h);
    }
    worst = std::max(worst, std::abs(std::log(std::abs(j.determinant())) - logDet(i)));
  }
  return worst;
}

double logDetMismatch(int steps, bool density) {
  StrongSegment s(steps);
  return logDetMismatch(s.layer, s.w, density);
}

// Measured 4.6e-8 at 8 steps and 1.4e-9 at 16: a ratio of 32, h⁵ (RK4's order is even, so the
// leading local errors of the +h and −h solves cancel in the round trip).
TEST(CnfSegment, RoundTripErrorIsTheSolversAndShrinksAtItsRate) {
  const double e8 = roundTripError(8), e16 = roundTripError(16), e32 = roundTripError(32);
  EXPECT_GT(e8, 1e-10) << "a strong field: the two solves are not exact inverses";
  EXPECT_GT(e8 / e16, 20.0) << e8 << " then " << e16;
  EXPECT_LT(e8 / e16, 45.0) << e8 << " then " << e16;
  EXPECT_LT(e32, 1e-9);
}

// The log-det is RK4 on the trace, the discrete map's exact log-det differs by O(h⁴): measured
// 3.7e-7 at 8 steps, 2.4e-8 at 16 (ratio 15.6), then the finite differences' own noise (~2e-9).
// So: the ratio near 16 from 8 to 16 steps, both directions, and ~1e-8 at 32 steps.
TEST(CnfSegment, LogDetIsTheDiscreteMapsUpToTheSolversError) {
  for (bool density : {true, false}) {
    const double e8 = logDetMismatch(8, density), e16 = logDetMismatch(16, density);
    EXPECT_GT(e8 / e16, 10.0) << e8 << " then " << e16;
    EXPECT_LT(e8 / e16, 22.0) << e8 << " then " << e16;
    EXPECT_LT(logDetMismatch(32, density), 2e-8);
  }
}

// With the battery's milder weights (U(-0.5, 0.5) added) the default 8 steps already match the
// finite-difference Jacobian to its noise: the ~1e-7 the tolerance check relies on.
TEST(CnfSegment, LogDetMatchesFiniteDifferencesAtTheDefaultSteps) {
  Rng rng(9);
  CnfSegmentSpec spec;
  spec.hidden = 8;
  spec.t0 = 0.0;
  spec.t1 = 0.5;
  TrainableCnfSegment layer(spec);
  const std::vector<double> w = randomWeights(layer, rng, 0.5);
  EXPECT_LT(logDetMismatch(layer, w, true), 1e-7);
  EXPECT_LT(logDetMismatch(layer, w, false), 1e-7);
}

// A field without z or t dependence (W1 = 0, u = 0) is a constant velocity v = W2 tanh(b1) + b2:
// RK4 is exact, the map a shift by v·(t1 − t0) in the generative direction, volume kept.
TEST(CnfSegment, ConstantFieldShiftsAlongItsVelocity) {
  CnfSegmentSpec spec;
  spec.hidden = 3;
  spec.t0 = 0.2;
  spec.t1 = 0.6;
  spec.steps = 5;
  TrainableCnfSegment layer(spec);
  // W1 (3 by 2), u (3), b1 (3), W2 (2 by 3), b2 (2).
  std::vector<double> w(layer.paramCount(), 0.0);
  const double b1[3] = {0.3, -0.7, 1.1}, w2[6] = {1.0, 0.5, -2.0, 0.25, 0.75, -1.0}, b2[2] = {0.1, -0.2};
  std::copy(b1, b1 + 3, w.begin() + 9);
  std::copy(w2, w2 + 6, w.begin() + 12);
  std::copy(b2, b2 + 2, w.begin() + 18);
  Eigen::Vector2d v(b2[0], b2[1]);
  for (int h = 0; h < 3; ++h) v += Eigen::Vector2d(w2[2 * h], w2[2 * h + 1]) * std::tanh(b1[h]);
  const Batch z = testPoints();
  const Transformed x = layer.forward(w.data(), z);
  const Batch expected = z.rowwise() + 0.4 * v.transpose();
  EXPECT_LE((x.value - expected).cwiseAbs().maxCoeff(), 1e-14);
  EXPECT_EQ(x.logAbsDet.cwiseAbs().maxCoeff(), 0.0);
  EXPECT_LE((layer.inverse(w.data(), x.value).value - z).cwiseAbs().maxCoeff(), 1e-14);
}

// inverse() keeps the stages of a small batch and only the states of a large one; backward()
// then recomputes the stages with the same arithmetic: the same gradients bit for bit.
TEST(CnfSegment, BackwardIsTheSameWithKeptOrRecomputedStages) {
  CnfSegmentSpec kept = StrongSegment::spec(6), recomputed = kept;
  recomputed.keepLimit = 0;
  TrainableCnfSegment a(kept), b(recomputed);
  Rng rng(10);
  const std::vector<double> w = randomWeights(a, rng, 1.0);
  const Batch x = testPoints(), gZ = rng.normalBatch(16, 2);
  const Vector gLogDet = rng.normalBatch(16, 1).col(0);
  std::vector<double> ga(w.size(), 0.0), gb(w.size(), 0.0);
  Batch gxa, gxb;
  const Transformed za = a.inverse(w.data(), x), zb = b.inverse(w.data(), x);
  EXPECT_EQ(za.value, zb.value);
  a.backward(w.data(), gZ, gLogDet, ga.data(), gxa);
  b.backward(w.data(), gZ, gLogDet, gb.data(), gxb);
  EXPECT_EQ(ga, gb);
  EXPECT_EQ(gxa, gxb);
  EXPECT_GT(Eigen::Map<const Vector>(ga.data(), Eigen::Index(ga.size())).cwiseAbs().maxCoeff(), 1e-3);
}

TEST(CnfFamily, SegmentsTileTheUnitIntervalWithTheirOwnSteps) {
  FamilyConfig c = smallFamily(FamilyKind::Cnf);
  c.layers = 4;
  c.solverSteps = 5;
  TrainableFlow flow = makeFamilyFlow(c);
  ASSERT_EQ(flow.layerCount(), 4);
  for (int k = 0; k < 4; ++k) {
    const auto& seg = dynamic_cast<const TrainableCnfSegment&>(flow.layer(k));
    EXPECT_DOUBLE_EQ(seg.spec().t0, k / 4.0);
    EXPECT_DOUBLE_EQ(seg.spec().t1, (k + 1) / 4.0);
    EXPECT_EQ(seg.spec().steps, 5);
    EXPECT_EQ(seg.paramCount(), 2 * 2 * 6 + 2 * 6 + 2);
  }
  EXPECT_EQ(flow.densityPasses(), 4 * 4 * 5);
  EXPECT_EQ(flow.samplingPasses(), 4 * 4 * 5);
}

TEST(CnfFamily, ValidationNamesTheSolverStepsAndTheActivation) {
  FamilyConfig c = smallFamily(FamilyKind::Cnf);
  EXPECT_TRUE(validateFamilyConfig(c).ok());
  for (int bad : {0, -3, 257}) {
    c.solverSteps = bad;
    const Status s = validateFamilyConfig(c);
    EXPECT_FALSE(s.ok()) << bad;
    EXPECT_NE(s.message().find("solver steps must be in [1, 256]"), std::string::npos) << s.message();
  }
  c.solverSteps = 256;
  EXPECT_TRUE(validateFamilyConfig(c).ok());
  c.activation = Activation::Relu;
  EXPECT_NE(validateFamilyConfig(c).message().find("tanh"), std::string::npos);
  FamilyConfig other = smallFamily(FamilyKind::Maf);
  other.solverSteps = 0;  // not a MAF knob
  EXPECT_TRUE(validateFamilyConfig(other).ok());
}

// The exact inverses report rounding only; the continuous flow reports its solver's error, which
// more steps shrink.
TEST(CnfFamily, InvertibilityErrorIsTheSolversAndZeroForExactInverses) {
  Rng rng(21);
  const Batch z = rng.normalBatch(64, 2);
  TrainableFlow realnvp = makeFamilyFlow(smallFamily(FamilyKind::RealNvp));
  const std::vector<double> wr = randomWeights(realnvp, rng, 0.4);
  EXPECT_LE(invertibilityError(realnvp, wr.data(), z), 1e-12);
  double previous = 0.0;
  for (int steps : {2, 4, 8}) {
    FamilyConfig c = smallFamily(FamilyKind::Cnf);
    c.solverSteps = steps;
    TrainableFlow cnf = makeFamilyFlow(c);
    Rng same(22);
    const std::vector<double> w = randomWeights(cnf, same, 1.0);
    const double e = invertibilityError(cnf, w.data(), z);
    EXPECT_GT(e, 0.0) << steps;
    if (previous > 0.0) EXPECT_LT(e, previous / 10.0) << steps << " steps";
    previous = e;
  }
}

// The generic trainer takes the continuous flow from the Gaussian baseline (2.84 nats) well down
// on moons at its default rate: measured 2.12 after 200 steps at this small size.
TEST(CnfFamily, TrainerLowersTheMoonsNll) {
  FamilyTrainerConfig c;
  c.flow = smallFamily(FamilyKind::Cnf);
  c.flow.layers = 3;
  c.flow.hidden = 32;
  c.flow.solverSteps = 4;
  c.batch = 128;
  c.learningRate = familyDefaultLearningRate(FamilyKind::Cnf);
  c.testSize = 2048;
  c.schedule.total = 200;
  c.schedule.warmup = 20;
  ASSERT_TRUE(validateFamilyTrainerConfig(c).ok());
  FamilyTrainer trainer(c);
  const double before = trainer.testNll();
  EXPECT_NEAR(before, 2.84, 0.1);
  trainer.step(200);
  const double after = trainer.testNll();
  EXPECT_EQ(trainer.nonFiniteEvents(), 0);
  EXPECT_LT(after, 2.3) << "from " << before;
  EXPECT_GT(after, trainer.entropyFloor() - 0.05);
}

}  // namespace
}  // namespace flowlab::test
