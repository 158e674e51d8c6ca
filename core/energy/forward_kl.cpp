#include "core/energy/forward_kl.h"

#include "core/energy/seed_streams.h"

#include <cmath>
#include <limits>

namespace flowlab {
namespace {

constexpr std::uint64_t kInitStream = 0xF0E2'6100'0000'0002ULL;
constexpr std::uint64_t kBatchStream = 0xF0E2'BA7C'0000'0003ULL;


}  // namespace

ForwardKlTrainer::ForwardKlTrainer(const ReverseKlConfig& config, TargetPtr target)
    : config_(config), target_(std::move(target)), flow_(makeEnergyFlow(config)) {
  params_.resize(flow_.paramCount());
  Rng rng(mixSeeds(config_.seed, kInitStream));
  flow_.init(params_.data(), rng);
  adam_.reset(flow_.paramCount());
}

double ForwardKlTrainer::loss() const {
  if (step_ == 0) return std::numeric_limits<double>::quiet_NaN();
  return emaRaw_ / (1.0 - std::pow(1.0 - config_.lossSmoothing, double(step_)));
}

int ForwardKlTrainer::step(int n) {
  int accepted = 0;
  grad_.resize(flow_.paramCount());
  for (int i = 0; i < n; ++i) {
    Rng rng(mixSeeds(config_.seed ^ kBatchStream, std::uint64_t(step_) + 1));
    const Batch x = target_->sample(config_.batch, rng);
    const double loss = flow_.nllAndGrad(params_.data(), x, grad_.data());
    const double lr = learningRateAt(config_.schedule, config_.learningRate, step_) * lrScale_;
    if (!std::isfinite(loss) || !grad_.allFinite() ||
        !adamStep(config_.adam, lr, params_, adam_, grad_, candidate_, candidateAdam_).finite) {
      ++nonFinite_;
      lrScale_ *= 0.5;
      continue;
    }
    params_.swap(candidate_);
    std::swap(adam_, candidateAdam_);
    emaRaw_ = (1.0 - config_.lossSmoothing) * emaRaw_ + config_.lossSmoothing * loss;
    curve_.push_back(float(loss));
    ++step_;
    ++accepted;
  }
  return accepted;
}

Vector ForwardKlTrainer::logProb(const Batch& x) { return flow_.logProb(params_.data(), x); }

Batch ForwardKlTrainer::sample(const Batch& z) { return flow_.toData(params_.data(), z).value; }

double ForwardKlTrainer::forwardKl(int n, std::uint64_t seed) {
  const std::optional<double> logZ = target_->knownLogZ();
  if (!logZ) return std::numeric_limits<double>::quiet_NaN();
  Rng rng(seed);
  const Batch x = target_->sample(n, rng);
  return (target_->logDensity(x) - logProb(x)).mean() - *logZ;
}

}  // namespace flowlab
