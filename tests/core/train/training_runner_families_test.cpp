// TrainingRunner over the generic trainer of any family (core/train/run_engine.h): the same
// determinism and stop conditions as for the fast RealNVP, and fields that agree with the
// family's own core Flow.
#include <gtest/gtest.h>

#include <cmath>

#include "core/families/layer_bijector.h"
#include "core/train/training_runner.h"

namespace flowlab {
namespace {

RunConfig familyRun(FamilyKind kind, std::uint64_t seed = 0) {
  RunConfig run;
  run.config.testSize = 1024;
  run.config.seed = seed;
  run.config.schedule.total = 2000;
  FamilyConfig f;
  f.kind = kind;
  f.layers = 3;
  f.hidden = 12;
  run.family = f;
  return run;
}

RunnerOptions smallOptions() {
  RunnerOptions o;
  o.scatterPoints = 150;
  o.runningResolution = 16;
  o.pausedResolution = 24;
  o.settleSeconds = 0.02;
  return o;
}

std::vector<double> familyParams(const FamilyTrainer& t) {
  const Vector& p = t.state().params;
  return std::vector<double>(p.data(), p.data() + p.size());
}

std::vector<double> trainedFamilyParams(const RunConfig& run, int steps) {
  FamilyTrainer t(familyTrainerConfig(run.config, *run.family));
  t.step(steps);
  return familyParams(t);
}

class RunnerFamily : public ::testing::TestWithParam<FamilyKind> {};

TEST_P(RunnerFamily, StepsMatchTheGenericTrainerAndTheFieldsMatchTheFamilysFlow) {
  const RunConfig run = familyRun(GetParam(), 2);
  TrainingRunner r(run, smallOptions());
  r.step(23);
  r.step(17);
  ASSERT_TRUE(r.waitIdle(120.0, true));
  const auto s = r.snapshot();
  ASSERT_TRUE(s->family);
  EXPECT_EQ(s->family->kind, GetParam());
  EXPECT_TRUE(s->params.empty()) << "a family run has no RealNVP layout";
  EXPECT_EQ(s->step, 40);
  EXPECT_EQ(s->familyParams, trainedFamilyParams(run, 40)) << "the runner's extras changed the arithmetic";
  EXPECT_TRUE(std::isfinite(s->trainNll));
  EXPECT_TRUE(std::isfinite(s->testNll));
  EXPECT_EQ(s->testStep, 40);
  EXPECT_NEAR(s->floor, Dataset(run.config.data).entropyFloor(), 1e-12);

  const Expected<Flow> flow = runFlow(s->run(), s->params, s->familyParams);
  ASSERT_TRUE(flow.ok()) << flow.status.message();
  EXPECT_EQ(s->layers, flow.value.layerCount());
  ASSERT_TRUE(s->fields);
  ASSERT_TRUE(s->fields->density.ok()) << s->fields->density.status.message();
  // The heatmap is the flow's log p at the cell centres.
  const DensityGrid& d = s->fields->density.value;
  const Batch centres = gridPoints(d.grid, 0, d.grid.size());
  const Expected<Vector> lp = flow.value.logProb(centres);
  ASSERT_TRUE(lp.ok());
  EXPECT_LT((lp.value - d.logProb).cwiseAbs().maxCoeff(), 1e-9);
  // Latent = f⁻¹ of the scatter; samples pulled back return to the base points.
  ASSERT_TRUE(s->fields->latent.ok());
  const Expected<Transformed> z = flow.value.inverse(*s->dataPoints);
  ASSERT_TRUE(z.ok());
  EXPECT_LT((s->fields->latent.value - z.value.value).cwiseAbs().maxCoeff(), 1e-9);
  ASSERT_TRUE(s->fields->samples.ok()) << s->fields->samples.status.message();
  const Expected<Transformed> back = flow.value.inverse(s->fields->samples.value);
  ASSERT_TRUE(back.ok());
  EXPECT_LT((back.value.value - *s->basePoints).cwiseAbs().maxCoeff(), 1e-8);
  // The round-trip error shown in the view is that same maximum, measured by the runner.
  EXPECT_NEAR(s->fields->roundTripError, (back.value.value - *s->basePoints).cwiseAbs().maxCoeff(), 1e-12);
  // The layer-by-layer pull-back: from the data (stage 0) to z (the last).
  ASSERT_EQ(s->fields->stages.size(), size_t(s->layers + 1));
  EXPECT_LT((s->fields->stages.front() - *s->dataPoints).cwiseAbs().maxCoeff(), 1e-12);
  EXPECT_LT((s->fields->stages.back() - s->fields->latent.value).cwiseAbs().maxCoeff(), 1e-9);
}

INSTANTIATE_TEST_SUITE_P(Families, RunnerFamily,
                         ::testing::Values(FamilyKind::Nice, FamilyKind::Glow, FamilyKind::Maf, FamilyKind::Iaf,
                                           FamilyKind::Nsf, FamilyKind::Cnf),
                         [](const auto& info) { return familyName(info.param); });

TEST(RunnerFamilies, RunStopsAtTheScheduleEndAndRunAgainRestartsItAsTheTrainerDoes) {
  RunConfig run = familyRun(FamilyKind::Nice, 5);
  run.config.schedule.warmup = 5;
  run.config.schedule.total = 30;
  TrainingRunner r(run, smallOptions());
  r.run();
  ASSERT_TRUE(r.waitIdle());
  auto s = r.snapshot();
  EXPECT_EQ(s->step, 30);
  EXPECT_EQ(s->stopped, StopReason::ScheduleEnd);
  EXPECT_EQ(s->learningRate, 0.0);
  r.run();
  ASSERT_TRUE(r.waitIdle());
  s = r.snapshot();
  EXPECT_EQ(s->step, 60);
  EXPECT_EQ(s->scheduleStart, 30);
  FamilyTrainer t(familyTrainerConfig(run.config, *run.family));
  t.step(30);
  t.restartSchedule();
  EXPECT_NEAR(t.currentLearningRate(), run.config.learningRate / 5.0, 1e-15) << "the warm-up starts again";
  t.step(30);
  EXPECT_EQ(s->familyParams, familyParams(t));
}

TEST(RunnerFamilies, RestoreBestGoesBackToTheBestTestNllsParameters) {
  RunConfig run = familyRun(FamilyKind::Maf, 6);
  TrainingRunner r(run, smallOptions());
  r.step(100);
  ASSERT_TRUE(r.waitIdle());
  // A learning rate this large wrecks the model: the best stays at step 100 (or earlier).
  r.setLearningRate(0.9);
  r.step(100);
  ASSERT_TRUE(r.waitIdle());
  const auto before = r.snapshot();
  ASSERT_GE(before->bestStep, 0);
  ASSERT_LT(before->bestStep, 200) << "the wrecked model scored best";
  r.restoreBest();
  ASSERT_TRUE(r.waitIdle());
  const auto after = r.snapshot();
  EXPECT_EQ(after->step, before->bestStep);
  EXPECT_EQ(after->familyParams, trainedFamilyParams(run, int(before->bestStep)));
  EXPECT_NEAR(after->testNll, before->bestTestNll, 1e-12);
}

TEST(RunnerFamilies, RebuildSwitchesBetweenTheFastRealNvpAndAFamily) {
  TrainerConfig fast;
  fast.model.layers = 2;
  fast.model.hidden = 8;
  fast.testSize = 512;
  TrainingRunner r(fast, smallOptions());
  r.step(5);
  ASSERT_TRUE(r.waitIdle());
  const auto a = r.snapshot();
  EXPECT_FALSE(a->family);
  EXPECT_FALSE(a->params.empty());
  EXPECT_EQ(a->layers, 2);
  r.rebuild(familyRun(FamilyKind::Glow));
  r.step(5);
  ASSERT_TRUE(r.waitIdle());
  const auto b = r.snapshot();
  EXPECT_GT(b->generation, a->generation);
  ASSERT_TRUE(b->family);
  EXPECT_EQ(b->family->kind, FamilyKind::Glow);
  EXPECT_TRUE(b->params.empty());
  EXPECT_EQ(b->familyParams, trainedFamilyParams(familyRun(FamilyKind::Glow), 5));
  EXPECT_EQ(b->layers, 9) << "3 Glow steps of ActNorm, LU linear and coupling";
  r.rebuild(fast);
  ASSERT_TRUE(r.waitIdle());
  const auto c = r.snapshot();
  EXPECT_FALSE(c->family);
  EXPECT_TRUE(c->familyParams.empty());
  EXPECT_EQ(c->step, 0);
}

TEST(RunnerFamilies, RunFlowRefusesParametersThatDoNotFitTheConfig) {
  const RunConfig run = familyRun(FamilyKind::Nsf);
  const Expected<Flow> wrong = runFlow(run, {}, std::vector<double>(7, 0.0));
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(wrong.status.message().find("nsf parameters, got 7"), std::string::npos) << wrong.status.message();
  const Expected<Flow> fast = runFlow(RunConfig{}, std::vector<float>(3, 0.f), {});
  ASSERT_FALSE(fast.ok());
  EXPECT_NE(fast.status.message().find("RealNVP parameters, got 3"), std::string::npos) << fast.status.message();
}

TEST(RunnerFamilies, ValidateRunConfigNamesTheFamilysBadKnob) {
  RunConfig run = familyRun(FamilyKind::Nsf);
  run.family->bins = 0;
  const Status s = validateRunConfig(run);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("bins"), std::string::npos) << s.message();
}

// Same seed, same curve, bit for bit: a second trainer (its buffers at other addresses) repeats the
// first exactly. Eigen peels vectorized loops to aligned addresses, so a std::vector buffer (16-byte
// aligned) once made MAF, IAF and NSF differ in the last bit from run to run.
TEST(RunnerFamilies, SameSeedGivesBitIdenticalParametersInEveryFamily) {
  for (const std::string& name : familyNames()) {
    const RunConfig run = familyRun(*familyFromName(name), 2);
    EXPECT_EQ(trainedFamilyParams(run, 25), trainedFamilyParams(run, 25)) << name;
  }
}

}  // namespace
}  // namespace flowlab
