// Maximum-likelihood training of any flow family (core/families/families.h), with the contract of
// the fast RealNVP trainer (core/train/trainer.h) over a generic stack, in double precision:
//  - every step draws a fresh batch whose stream is a pure function of (seed, step): the same
//    stream, test set and initial generator as core/train/trainer.cpp, so on the same seed a
//    generic RealNVP starts from the fast path's parameters and sees its batches;
//  - data-dependent layers (Glow's ActNorm) initialise on the first batch, at reset;
//  - a held-out test set, fixed per seed;
//  - a step that makes the loss, the gradient or any parameter non-finite is rolled back, the
//    learning rate halved and the event counted; a non-finite parameter is never kept;
//  - the learning-rate schedule of core/train/lr_schedule.h, Adam with gradient-norm clipping.
// Threads: step(), reset() and restore() belong to ONE training thread; snapshot() may be called
// from any thread (mutex-protected copy published every 64 steps and at the end of step()).
#pragma once

#include <cstdint>
#include <mutex>
#include <vector>

#include "core/data/dataset.h"
#include "core/families/families.h"
#include "core/nn/adam.h"
#include "core/train/lr_schedule.h"

namespace flowlab {

struct FamilyTrainerConfig {
  DatasetSpec data;             // moons, σ = 0.05
  FamilyConfig flow;            // realnvp, 6 layers, 1 → 64 → 64 → 2 tanh
  int batch = 256;
  double learningRate = 6e-3;   // peak of the schedule
  LrSchedule schedule;          // 200-step warm-up, cosine to 0 at step 2000
  AdamConfig adam = [] {
    AdamConfig a;
    a.clipNorm = 5.0;  // as core/train/trainer.h's defaultAdam()
    return a;
  }();
  int testSize = 16384;
  std::uint64_t seed = 0;
  double trainNllSmoothing = 0.02;  // weight of the newest batch in the moving average
};

Status validateFamilyTrainerConfig(const FamilyTrainerConfig& config);

struct FamilyStepReport {
  int accepted = 0;
  int rolledBack = 0;
  double lastLoss = 0.0;
};

struct FamilyTrainerState {
  Vector params;
  AdamState<double> adam;
  long long step = 0;
  double lrScale = 1.0;
  int nonFiniteEvents = 0;
  double emaRaw = 0.0;
};

struct FamilyTrainerSnapshot {
  long long step = 0;
  double trainNll = 0.0;
  double learningRate = 0.0;
  int nonFiniteEvents = 0;
  FamilyConfig flow;
  std::vector<double> params;  // always finite
};

class FamilyTrainer {
 public:
  explicit FamilyTrainer(const FamilyTrainerConfig& config);  // config must validate

  FamilyStepReport step(int n = 1);

  double trainNll() const;  // debiased moving average of the batch NLL; NaN before step 1
  double testNll();         // mean NLL on the held-out test set
  double entropyFloor() const { return dataset_.entropyFloor(); }
  long long stepCount() const { return state_[cur_].step; }
  int nonFiniteEvents() const { return state_[cur_].nonFiniteEvents; }
  double currentLearningRate() const;
  const std::vector<float>& curve() const { return curve_; }  // batch NLL of accepted steps
  // The schedule runs over [scheduleStart, scheduleStart + schedule.total), as Trainer's: 0 after
  // reset(); restartSchedule() begins a new one at the current step so a finished run continues.
  long long scheduleStart() const { return scheduleStart_; }
  long long scheduleEnd() const { return scheduleStart_ + config_.schedule.total; }
  void restartSchedule() { scheduleStart_ = stepCount(); }

  FamilyTrainerSnapshot snapshot() const;  // thread-safe
  void reset();                            // fresh parameters from the seed, step 0
  Status restore(const FamilyTrainerState& state);

  const FamilyTrainerConfig& config() const { return config_; }
  const Dataset& dataset() const { return dataset_; }
  TrainableFlow& flow() { return flow_; }
  const TrainableFlow& flow() const { return flow_; }
  const FamilyTrainerState& state() const { return state_[cur_]; }
  const Batch& testSet() const { return testSet_; }
  Vector logProb(const Batch& x);  // at standardized points, current parameters
  void setLearningRate(double peak) { config_.learningRate = peak; }

 private:
  void publish();

  FamilyTrainerConfig config_;
  Dataset dataset_;
  TrainableFlow flow_;
  Batch testSet_, batch_;
  FamilyTrainerState state_[3];  // current, previous (rollback), candidate: rotation, never copies
  int cur_ = 0, prev_ = -1;
  long long scheduleStart_ = 0;
  std::vector<float> curve_;
  Vector grad_;
  mutable std::mutex snapshotMutex_;
  FamilyTrainerSnapshot published_;
};

}  // namespace flowlab
