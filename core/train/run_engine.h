// The trainer behind a TrainingRunner, behind one interface: the fast float32 RealNVP path
// (core/train/trainer.h) or the generic double-precision trainer of any flow family
// (core/families/family_trainer.h). The runner's commands, cadence and snapshots are the same
// for both; only what a step costs differs. Single-threaded, like the trainers: the runner's
// training thread owns its engine.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/eval/density_grid.h"
#include "core/families/family_trainer.h"
#include "core/flow/flow.h"
#include "core/train/trainer.h"

namespace flowlab {

struct Checkpoint;

// A run's settings: `config` for the data, batch, optimizer, schedule and seed; `family` empty
// for the fast RealNVP (config.model), else the family trained generically.
struct RunConfig {
  TrainerConfig config;
  std::optional<FamilyConfig> family;
};

Status validateRunConfig(const RunConfig& run);
// The generic trainer's config of a run with a family (the shared fields of run.config).
FamilyTrainerConfig familyTrainerConfig(const TrainerConfig& config, const FamilyConfig& family);

class RunEngine {
 public:
  virtual ~RunEngine() = default;

  virtual StepReport step(int n) = 0;
  virtual long long stepCount() const = 0;
  virtual double trainNll() const = 0;
  virtual double testNll() = 0;
  virtual double currentLearningRate() const = 0;
  virtual double entropyFloor() const = 0;
  virtual const Dataset& dataset() const = 0;
  // Shared settings (for a family run, config.model is unused).
  virtual const TrainerConfig& config() const = 0;
  virtual const std::optional<FamilyConfig>& family() const = 0;
  virtual long long scheduleStart() const = 0;
  long long scheduleEnd() const { return scheduleStart() + config().schedule.total; }
  virtual void restartSchedule() = 0;
  virtual void reset() = 0;
  virtual void setLearningRate(double peak) = 0;
  // One remembered state (the runner's best test NLL): keep the current one, or go back to it.
  virtual void keepBest() = 0;
  virtual Status restoreBest() = 0;
  virtual Status save(const std::string& path) = 0;

  // Layers between data and base, as the layer-by-layer views count them (stages has this + 1).
  virtual int layerCount() const = 0;
  // The current model's density at the grid's cell centres (fails naming a non-finite cell).
  virtual Expected<DensityGrid> density(const GridSpec& grid) = 0;
  virtual Expected<Batch> toBase(const Batch& x) = 0;  // f⁻¹ of data points, N by 2
  // The current model as a core Flow (sampling, traces, probes, overlays).
  virtual Flow flow() const = 0;
  // Parameters for the snapshot: RealNvp<float> layout, or the family stack's doubles.
  virtual std::vector<float> fastParams() const = 0;
  virtual std::vector<double> familyParams() const = 0;
};

// config must validate (validateRunConfig).
std::unique_ptr<RunEngine> makeRunEngine(const RunConfig& run);
// A saved model continuing: a RealNVP (core/train/checkpoint.h) or, with checkpoint.family, any
// family (core/train/family_checkpoint.h); fails with the checkpoint's reason.
Expected<std::unique_ptr<RunEngine>> runEngineFromCheckpoint(const Checkpoint& checkpoint);

// The model of a run's parameters as a core Flow: exportRealNvp of the fast layout, or the family's
// stack frozen at its parameters. Fails on a parameter count that does not fit the config.
Expected<Flow> runFlow(const RunConfig& run, const std::vector<float>& fastParams,
                       const std::vector<double>& familyParams);

}  // namespace flowlab
