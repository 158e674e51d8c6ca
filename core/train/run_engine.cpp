#include "core/train/run_engine.h"

#include <cmath>

#include "core/families/layer_bijector.h"
#include "core/train/checkpoint.h"
#include "core/train/family_checkpoint.h"
#include "core/train/flow_export.h"
#include "core/train/model_density.h"

namespace flowlab {

Status validateRunConfig(const RunConfig& run) {
  if (!run.family) return validateTrainerConfig(run.config);
  if (Status s = validateTrainerConfig(run.config); !s.ok()) return s;
  return validateFamilyTrainerConfig(familyTrainerConfig(run.config, *run.family));
}

FamilyTrainerConfig familyTrainerConfig(const TrainerConfig& c, const FamilyConfig& family) {
  FamilyTrainerConfig f;
  f.data = c.data;
  f.flow = family;
  f.batch = c.batch;
  f.learningRate = c.learningRate;
  f.schedule = c.schedule;
  f.adam = c.adam;
  f.testSize = c.testSize;
  f.seed = c.seed;
  f.trainNllSmoothing = c.trainNllSmoothing;
  return f;
}

namespace {

// Density on a grid from per-point log p (either precision), naming the first non-finite cell.
template <typename LogProbVector>
Expected<DensityGrid> gridFrom(const GridSpec& grid, const LogProbVector& lp) {
  Expected<DensityGrid> out;
  DensityGrid& d = out.value;
  d.grid = grid;
  d.logProb.resize(grid.size());
  for (int i = 0; i < grid.size(); ++i) {
    if (!std::isfinite(double(lp(i)))) {
      out.status = Status::error("model density: non-finite log p at grid cell " + std::to_string(i));
      return out;
    }
    d.logProb(i) = double(lp(i));
  }
  d.density = d.logProb.array().exp();
  d.maxDensity = d.density.maxCoeff();
  d.mass = d.density.sum() * grid.cellArea();
  return out;
}

class RealNvpEngine final : public RunEngine {
 public:
  explicit RealNvpEngine(std::unique_ptr<Trainer> t) : t_(std::move(t)) {}

  StepReport step(int n) override { return t_->step(n); }
  long long stepCount() const override { return t_->stepCount(); }
  double trainNll() const override { return t_->trainNll(); }
  double testNll() override { return t_->testNll(); }
  double currentLearningRate() const override { return t_->currentLearningRate(); }
  double entropyFloor() const override { return t_->entropyFloor(); }
  const Dataset& dataset() const override { return t_->dataset(); }
  const TrainerConfig& config() const override { return t_->config(); }
  const std::optional<FamilyConfig>& family() const override { return noFamily_; }
  long long scheduleStart() const override { return t_->scheduleStart(); }
  void restartSchedule() override { t_->restartSchedule(); }
  void reset() override { t_->reset(); }
  void setLearningRate(double peak) override { t_->setLearningRate(peak); }
  void keepBest() override { best_ = t_->state(); }
  Status restoreBest() override { return t_->restore(best_); }
  Status save(const std::string& path) override { return saveCheckpoint(*t_, path); }
  int layerCount() const override { return t_->config().model.layers; }
  Expected<DensityGrid> density(const GridSpec& grid) override { return modelDensityGrid(*t_, grid); }

  // Through the float32 path in one chunk: after the density pass the workspace's state[0]
  // holds z (realnvp.h), about 20x faster than the exported Flow.
  Expected<Batch> toBase(const Batch& x) override {
    const MatrixT<float> xf = x.cast<float>();
    VectorT<float> logP;
    RealNvpWorkspace<float> ws;
    t_->model().logProb(t_->state().params.data(), xf, logP, ws, int(xf.rows()));
    Expected<Batch> z{Status::okStatus(), ws.state[0].cast<double>()};
    if (!z.value.allFinite()) z.status = Status::error("non-finite latent points");
    return z;
  }
  Flow flow() const override { return exportRealNvp(t_->config().model, fastParams()); }
  std::vector<float> fastParams() const override {
    const VectorT<float>& p = t_->state().params;
    return std::vector<float>(p.data(), p.data() + p.size());
  }
  std::vector<double> familyParams() const override { return {}; }

 private:
  std::unique_ptr<Trainer> t_;
  TrainerState best_;
  std::optional<FamilyConfig> noFamily_;
};

class FamilyEngine final : public RunEngine {
 public:
  FamilyEngine(const TrainerConfig& shared, const FamilyConfig& family)
      : shared_(shared), family_(family), t_(familyTrainerConfig(shared, family)), eval_(t_.flow().clone()) {}

  StepReport step(int n) override {
    const FamilyStepReport r = t_.step(n);
    return StepReport{r.accepted, r.rolledBack, r.lastLoss};
  }
  long long stepCount() const override { return t_.stepCount(); }
  double trainNll() const override { return t_.trainNll(); }
  // The extras evaluate on their own copy of the stack: the layers keep their last pass, and the
  // training passes must not see an evaluation's (same parameters, same steps as FamilyTrainer).
  double testNll() override { return -eval_.logProb(params(), t_.testSet()).mean(); }
  double currentLearningRate() const override { return t_.currentLearningRate(); }
  double entropyFloor() const override { return t_.entropyFloor(); }
  const Dataset& dataset() const override { return t_.dataset(); }
  const TrainerConfig& config() const override { return shared_; }
  const std::optional<FamilyConfig>& family() const override { return family_; }
  long long scheduleStart() const override { return t_.scheduleStart(); }
  void restartSchedule() override { t_.restartSchedule(); }
  void reset() override { t_.reset(); }
  void setLearningRate(double peak) override {
    shared_.learningRate = peak;
    t_.setLearningRate(peak);
  }
  void keepBest() override { best_ = t_.state(); }
  Status restoreBest() override { return t_.restore(best_); }
  Status save(const std::string& path) override {
    const Expected<SceneFile> scene = familyCheckpointScene(familyCheckpoint(t_));
    return scene.ok() ? saveSceneFile(scene.value, path) : scene.status;
  }
  // A saved model continuing (its settings are this engine's already).
  Status restore(const FamilyTrainerState& state) { return t_.restore(state); }
  int layerCount() const override { return t_.flow().layerCount(); }
  Expected<DensityGrid> density(const GridSpec& grid) override {
    Expected<DensityGrid> out;
    out.status = checkGrid(grid);
    if (!out.ok()) return out;
    return gridFrom(grid, eval_.logProb(params(), gridPoints(grid, 0, grid.size())));
  }
  Expected<Batch> toBase(const Batch& x) override {
    const Transformed z = eval_.toBase(params(), x);
    Expected<Batch> out{Status::okStatus(), z.value};
    if (!out.value.allFinite()) out.status = Status::error("non-finite latent points");
    return out;
  }
  Flow flow() const override { return toCoreFlow(t_.flow(), t_.state().params.data()); }
  std::vector<float> fastParams() const override { return {}; }
  std::vector<double> familyParams() const override {
    const Vector& p = t_.state().params;
    return std::vector<double>(p.data(), p.data() + p.size());
  }

 private:
  TrainerConfig shared_;
  std::optional<FamilyConfig> family_;
  const double* params() const { return t_.state().params.data(); }

  FamilyTrainer t_;
  TrainableFlow eval_;
  FamilyTrainerState best_;
};

}  // namespace

std::unique_ptr<RunEngine> makeRunEngine(const RunConfig& run) {
  if (run.family) return std::make_unique<FamilyEngine>(run.config, *run.family);
  return std::make_unique<RealNvpEngine>(std::make_unique<Trainer>(run.config));
}

Expected<std::unique_ptr<RunEngine>> runEngineFromCheckpoint(const Checkpoint& cp) {
  Status s = validateTrainerConfig(cp.config);
  if (!s.ok()) return {s, nullptr};
  if (cp.family) {
    const RunConfig run{cp.config, cp.family};
    if (s = validateRunConfig(run); !s.ok()) return {s, nullptr};
    auto engine = std::make_unique<FamilyEngine>(cp.config, *cp.family);
    if (s = engine->restore(cp.familyState); !s.ok()) return {s, nullptr};
    return {Status::okStatus(), std::move(engine)};
  }
  Expected<std::unique_ptr<Trainer>> t = trainerFromCheckpoint(cp);
  if (!t.ok()) return {t.status, nullptr};
  return {Status::okStatus(), std::make_unique<RealNvpEngine>(std::move(t.value))};
}

Expected<Flow> runFlow(const RunConfig& run, const std::vector<float>& fastParams,
                       const std::vector<double>& familyParams) {
  if (!run.family) {
    if (Status s = validateTrainerConfig(run.config); !s.ok()) return {s, Flow(2)};
    const RealNvp<float> model(run.config.model);
    if (int(fastParams.size()) != model.paramCount())
      return {Status::error("expected " + std::to_string(model.paramCount()) + " RealNVP parameters, got " +
                            std::to_string(fastParams.size())),
              Flow(2)};
    return {Status::okStatus(), exportRealNvp(run.config.model, fastParams)};
  }
  if (Status s = validateFamilyConfig(*run.family); !s.ok()) return {s, Flow(2)};
  const TrainableFlow stack = makeFamilyFlow(*run.family);
  if (int(familyParams.size()) != stack.paramCount())
    return {Status::error("expected " + std::to_string(stack.paramCount()) + " " + familyName(run.family->kind) +
                          " parameters, got " + std::to_string(familyParams.size())),
            Flow(2)};
  return {Status::okStatus(), toCoreFlow(stack, familyParams.data())};
}

}  // namespace flowlab
