// Forward KL beside reverse KL: the same flow kind fitted by maximum likelihood to exact samples
// of a target that can be sampled (target.h: mixture, banana, ring), fresh ones every step, in the
// target's own coordinates (no standardization, so its density and the target's share the axes).
// Minimizing E_p[−log q] is KL(p ‖ q) up to the target's entropy: it is mass-covering where reverse
// KL is mode-seeking. The flow runs in its maximum-likelihood orientation (density pass = the
// stack's toBase, the direction each layer differentiates), Adam as in reverse_kl.h.
#pragma once

#include <vector>

#include "core/energy/reverse_kl.h"

namespace flowlab {

class ForwardKlTrainer {
 public:
  // target->canSample() must hold; config must validate.
  ForwardKlTrainer(const ReverseKlConfig& config, TargetPtr target);

  int step(int n = 1);  // accepted steps (non-finite ones are rolled back, halving the learning rate)
  long long stepCount() const { return step_; }
  double loss() const;  // debiased moving average of the batch NLL E_p[−log q]; NaN before step 1
  // KL(p ‖ q) estimated on n fresh target samples: mean(u − log q) − log Z (needs the known log Z).
  double forwardKl(int n, std::uint64_t seed);
  Vector logProb(const Batch& x);            // log q(x)
  Batch sample(const Batch& z);              // x = toData(z)
  const std::vector<float>& curve() const { return curve_; }
  const Vector& params() const { return params_; }
  int nonFiniteEvents() const { return nonFinite_; }

 private:
  ReverseKlConfig config_;
  TargetPtr target_;
  TrainableFlow flow_;
  Vector params_, grad_, candidate_;
  AdamState<double> adam_, candidateAdam_;
  long long step_ = 0;
  double lrScale_ = 1.0, emaRaw_ = 0.0;
  int nonFinite_ = 0;
  std::vector<float> curve_;
};

}  // namespace flowlab
