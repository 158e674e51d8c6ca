// MAF against IAF, measured: for each dimension D, a MAF and an IAF of the same FamilyConfig
// (only the kind differs) are trained briefly by maximum likelihood on the D-dimensional sine
// chain (core/families/sine_chain.h); then log p of `points` points and `points` samples are
// timed for each, and the sequential conditioner passes they actually ran are counted
// (TrainableAutoregressive::conditionerPassesRun). Expected, per batch call and K layers:
//   MAF density K passes, MAF sampling K·D;   IAF density K·D, IAF sampling K.
// The work is cut into short units (a few training steps, or one timed chunk) so a caller can
// show progress between them and stop at any unit boundary (autoregressive_cost_runner.h runs
// it on a thread). No threads and no UI here; wall-clock times are measurements, not results
// any test asserts.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/families/families.h"
#include "core/nn/adam.h"
#include "core/random.h"
#include "core/status.h"

namespace flowlab {

struct AutoregressiveCostConfig {
  std::vector<int> dims = {2, 4, 8, 16};
  int layers = 4;        // K autoregressive layers (orders alternating), both flows
  int hidden = 32;       // MADE width
  int depth = 2;         // MADE hidden layers
  int trainSteps = 200;  // Adam steps per flow ("trained briefly")
  int batch = 256;
  double learningRate = 5e-3;
  int points = 10000;    // points whose density is timed, and samples drawn, per flow
  int chunk = 1000;      // points per batch call (an IAF keeps D passes of activations per call)
  int testSize = 2000;   // held-out sine-chain points for the test NLL
  std::uint64_t seed = 0;
  bool operator==(const AutoregressiveCostConfig&) const = default;
};

Status validateAutoregressiveCostConfig(const AutoregressiveCostConfig& config);
// The FamilyConfig both flows of dimension `dim` share (kind Maf; the IAF's differs in kind only).
FamilyConfig costFamilyConfig(const AutoregressiveCostConfig& config, int dim);

// Σ over the flow's autoregressive layers of the conditioner passes they have run.
long long conditionerPassesRun(const TrainableFlow& flow);

struct FlowCost {
  int paramCount = 0;
  double testNll = 0.0;          // nats, on the held-out points, after training
  double trainSeconds = 0.0;
  double densitySeconds = 0.0;   // log p of config.points points
  double samplingSeconds = 0.0;  // config.points samples (base draws included)
  int calls = 0;                 // batch calls each timing made (points / chunk, rounded up)
  long long densityPasses = 0;   // conditioner passes counted while timing the density
  long long samplingPasses = 0;  // ... while timing sampling
  // Sequential passes per batch call: what one point waits for.
  long long densityPassesPerCall() const { return calls ? densityPasses / calls : 0; }
  long long samplingPassesPerCall() const { return calls ? samplingPasses / calls : 0; }
};

struct DimensionCost {
  int dim = 0;
  double entropy = 0.0;  // the sine chain's: the lowest test NLL possible
  FlowCost maf, iaf;
};

class AutoregressiveCostRun {
 public:
  explicit AutoregressiveCostRun(const AutoregressiveCostConfig& config);  // config must validate
  AutoregressiveCostRun(AutoregressiveCostRun&&) noexcept = default;
  AutoregressiveCostRun& operator=(AutoregressiveCostRun&&) noexcept = default;

  // Runs the next unit of work; false once everything is measured (then a no-op).
  bool advance();
  bool done() const { return dimIndex_ >= int(config_.dims.size()); }
  double progress() const;    // 0 … 1, by estimated work
  std::string phase() const;  // "training iaf, D = 8: step 120 of 200"
  // Finished dimensions, in config order.
  const std::vector<DimensionCost>& results() const { return results_; }
  const AutoregressiveCostConfig& config() const { return config_; }

 private:
  enum class Stage { Train, Test, Density, Sampling };
  // One flow under measurement, with its optimizer and its own data and base-sample streams
  // (seeded alike, so the MAF and the IAF of a dimension see the same batches).
  struct Subject {
    FamilyKind kind;
    TrainableFlow flow;
    Vector params, grad;
    AdamState<double> adam;
    Rng dataRng, sampleRng;
  };
  void beginDimension();
  double unitWeight(int dim, FamilyKind kind, Stage stage) const;

  AutoregressiveCostConfig config_;
  int dimIndex_ = 0;
  int flowIndex_ = 0;  // 0 MAF, 1 IAF
  Stage stage_ = Stage::Train;
  int unit_ = 0;       // training steps done, or chunks timed, in the current stage
  long long passesBefore_ = 0;
  std::vector<Subject> subjects_;  // the two flows of the current dimension
  Batch evalPoints_, testPoints_;
  DimensionCost current_;
  std::vector<DimensionCost> results_;
  double doneWork_ = 0.0, totalWork_ = 0.0;
};

}  // namespace flowlab
