// Fitting a flow to a target by reverse KL (Rezende & Mohamed 2015): with x = g(z), z ~ N(0, I),
//   KL(q ‖ p) = E_z[log q(x) − u(x)] + log Z,   log q(x) = log N(z) − log|det dx/dz|,
// minimized over the flow's parameters with reparameterized samples (log Z is a constant).
//
// The sampler g is a TrainableFlow's toBase() pass: the direction every trainable layer
// differentiates by hand (core/families/trainable_layer.h). For planar and radial layers that is
// their residual map (residual_layers.h); for a family it is the density pass, so a family fitted
// here samples in one pass where it evaluates densities in one pass in maximum likelihood (a MAF
// fitted here is used as an IAF is, and the other way round). The density of q at a point runs
// toData(), the layers' other direction.
//
// Importance weights w = exp(u(x) − log q(x)) of fresh samples estimate log Z, its standard error
// and the effective sample size (importance.h).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/energy/importance.h"
#include "core/energy/target.h"
#include "core/families/families.h"
#include "core/nn/adam.h"
#include "core/train/lr_schedule.h"

namespace flowlab {

// "planar", "radial", then the families ("nice", "realnvp", ...).
const std::vector<std::string>& energyFlowNames();

struct ReverseKlConfig {
  std::string flow = "realnvp";  // one of energyFlowNames()
  FamilyConfig knobs = [] {      // layers (also the planar/radial count), width, ... of the flow
    FamilyConfig c;
    c.layers = 8;
    return c;
  }();
  int batch = 256;
  double learningRate = 3e-3;  // peak of the schedule
  LrSchedule schedule{LrScheduleKind::Cosine, 200, 3000, 0.0};
  AdamConfig adam = [] {
    AdamConfig a;
    a.clipNorm = 5.0;
    return a;
  }();
  std::uint64_t seed = 0;
  double lossSmoothing = 0.02;
  // Annealing against mode dropping: for the first annealSteps steps the target is the geometric
  // path u_β = β·u + (1 − β)·log N(0, annealSigma² I) with β rising linearly from 0 to 1, so the
  // flow first spreads over the plane and the modes then emerge inside it. 0: plain reverse KL.
  int annealSteps = 0;
  double annealSigma = 3.0;
};

Status validateReverseKlConfig(const ReverseKlConfig& config);
// The flow a config names (config must validate).
TrainableFlow makeEnergyFlow(const ReverseKlConfig& config);

// Monte-Carlo estimates at the current parameters from n fresh samples.
struct ReverseKlEstimate {
  ImportanceEstimate importance;  // log Z, its standard error, ESS
  double elbo = 0.0;              // mean log-weight E[u − log q] (<= log Z)
  double reverseKl = 0.0;         // log Z − elbo, with the known log Z when the target has one
  bool logZKnown = false;
};

struct ReverseKlSnapshot {
  long long step = 0;
  double loss = 0.0;  // smoothed E[log q − u]
  double learningRate = 0.0;
  int nonFiniteEvents = 0;
  std::vector<double> params;  // always finite
};

class ReverseKlTrainer {
 public:
  // config must validate; target must be 2D (every Target is).
  ReverseKlTrainer(const ReverseKlConfig& config, TargetPtr target);

  // n steps; returns how many were accepted (a non-finite loss, gradient or parameter is rolled
  // back and halves the learning rate, as the other trainers do).
  int step(int n = 1);
  long long stepCount() const { return step_; }
  double loss() const;  // debiased moving average of the batch loss E[log q − u] (the target's, also while annealing); NaN before step 1
  double currentLearningRate() const;
  double currentBeta() const;  // 1 once annealing is over (or without it)
  int nonFiniteEvents() const { return nonFinite_; }
  const std::vector<float>& curve() const { return curve_; }  // batch loss of accepted steps

  ReverseKlEstimate estimate(int n, std::uint64_t seed);
  Batch sample(int n, std::uint64_t seed);  // x = g(z)
  Vector logProb(const Batch& x);           // log q(x)
  // The batch loss and its gradient at the current parameters for base points z (for tests); with
  // beta < 1 the loss optimized is the annealed target's, and trueLoss receives the target's.
  double lossAndGrad(const Batch& z, Vector& grad);
  double lossAndGrad(const Vector& params, const Batch& z, Vector& grad, double beta = 1.0, double* trueLoss = nullptr);

  ReverseKlSnapshot snapshot() const;  // thread-safe
  const ReverseKlConfig& config() const { return config_; }
  const Target& target() const { return *target_; }
  TrainableFlow& flow() { return flow_; }
  const Vector& params() const { return params_; }
  Status setParams(const Vector& params);  // finite, paramCount entries; resets the optimizer

 private:
  void publish();

  ReverseKlConfig config_;
  TargetPtr target_;
  TrainableFlow flow_;
  Vector params_, grad_, candidate_;
  AdamState<double> adam_, candidateAdam_;
  long long step_ = 0;
  double lrScale_ = 1.0, emaRaw_ = 0.0;
  int nonFinite_ = 0;
  std::vector<float> curve_;
  mutable std::mutex snapshotMutex_;
  ReverseKlSnapshot published_;
};

}  // namespace flowlab
