#include "core/energy/reverse_kl.h"

#include "core/energy/seed_streams.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/families/residual_layers.h"
#include "core/random.h"

namespace flowlab {
namespace {

constexpr std::uint64_t kInitStream = 0xE4E2'6100'0000'0001ULL;


}  // namespace

const std::vector<std::string>& energyFlowNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n = {"planar", "radial"};
    for (const std::string& f : familyNames()) n.push_back(f);
    return n;
  }();
  return names;
}

Status validateReverseKlConfig(const ReverseKlConfig& c) {
  const auto& names = energyFlowNames();
  if (std::find(names.begin(), names.end(), c.flow) == names.end())
    return Status::error("unknown flow \"" + c.flow + "\" (planar, radial, nice, realnvp, glow, maf, iaf, nsf, cnf)");
  if (c.knobs.dim != 2) return Status::error("targets are 2D: dimension must be 2");
  if (c.flow == "planar" || c.flow == "radial") {
    if (c.knobs.layers < 1 || c.knobs.layers > 256) return Status::error("layers must be in [1, 256]");
  } else {
    FamilyConfig f = c.knobs;
    f.kind = *familyFromName(c.flow);
    if (Status s = validateFamilyConfig(f); !s.ok()) return s;
  }
  if (c.batch < 2 || c.batch > 1 << 20) return Status::error("batch must be in [2, 2^20]");
  if (!(c.learningRate > 0.0 && c.learningRate < 1.0)) return Status::error("learning rate must be in (0, 1)");
  if (c.schedule.total < 1 || c.schedule.warmup < 0) return Status::error("schedule steps must be positive");
  if (!(c.lossSmoothing > 0.0 && c.lossSmoothing <= 1.0)) return Status::error("loss smoothing must be in (0, 1]");
  if (c.annealSteps < 0) return Status::error("annealing steps must be >= 0");
  if (!(c.annealSigma > 0.0 && std::isfinite(c.annealSigma))) return Status::error("annealing σ must be positive");
  return Status::okStatus();
}

TrainableFlow makeEnergyFlow(const ReverseKlConfig& c) {
  if (c.flow == "planar" || c.flow == "radial") {
    TrainableFlow flow(c.knobs.dim);
    for (int k = 0; k < c.knobs.layers; ++k) {
      if (c.flow == "planar") flow.append(std::make_unique<TrainablePlanar>(c.knobs.dim));
      else flow.append(std::make_unique<TrainableRadial>(c.knobs.dim));
    }
    return flow;
  }
  FamilyConfig f = c.knobs;
  f.kind = *familyFromName(c.flow);
  return makeFamilyFlow(f);
}

ReverseKlTrainer::ReverseKlTrainer(const ReverseKlConfig& config, TargetPtr target)
    : config_(config), target_(std::move(target)), flow_(makeEnergyFlow(config)) {
  params_.resize(flow_.paramCount());
  Rng rng(mixSeeds(config_.seed, kInitStream));
  flow_.init(params_.data(), rng);
  adam_.reset(flow_.paramCount());
  publish();
}

double ReverseKlTrainer::lossAndGrad(const Vector& params, const Batch& z, Vector& grad, double beta, double* trueLoss) {
  const int n = int(z.rows());
  grad = Vector::Zero(flow_.paramCount());
  const Transformed t = flow_.toBase(params.data(), z);  // x = g(z), log|det dx/dz|
  const Batch& x = t.value;
  const Vector u = target_->logDensity(x);
  const Vector logQ = standardNormalLogProb(z) - t.logAbsDet;
  // The loss reported is always the target's, E[log q − u]; annealing optimizes u_β's.
  const double loss = (logQ - u).mean();
  if (trueLoss) *trueLoss = loss;
  double optimized = loss;
  if (beta < 1.0) {  // the annealing path (reverse_kl.h); its Gaussian's constant does not matter
    const double s2 = config_.annealSigma * config_.annealSigma;
    optimized = (logQ - (beta * u - (1.0 - beta) * 0.5 * x.rowwise().squaredNorm() / s2)).mean();
  }
  Batch gu;
  if (!std::isfinite(optimized) || !std::isfinite(loss)) return optimized;
  gu = target_->gradient(x);
  if (beta < 1.0) gu = beta * gu - (1.0 - beta) / (config_.annealSigma * config_.annealSigma) * x;
  // loss_i = log N(z_i) − log|det|_i − u(x_i): dL/dx = −∇u/N, dL/d(log|det|) = −1/N.
  const Batch gOut = -gu / double(n);
  flow_.backwardThroughToBase(params.data(), gOut, Vector::Constant(n, -1.0 / double(n)), grad.data());
  return optimized;
}

double ReverseKlTrainer::lossAndGrad(const Batch& z, Vector& grad) { return lossAndGrad(params_, z, grad); }

double ReverseKlTrainer::currentLearningRate() const {
  return learningRateAt(config_.schedule, config_.learningRate, step_) * lrScale_;
}

double ReverseKlTrainer::currentBeta() const {
  if (config_.annealSteps <= 0 || step_ >= config_.annealSteps) return 1.0;
  return double(step_) / double(config_.annealSteps);
}

double ReverseKlTrainer::loss() const {
  if (step_ == 0) return std::numeric_limits<double>::quiet_NaN();
  return emaRaw_ / (1.0 - std::pow(1.0 - config_.lossSmoothing, double(step_)));
}

int ReverseKlTrainer::step(int n) {
  int accepted = 0;
  for (int i = 0; i < n; ++i) {
    Rng rng(mixSeeds(config_.seed, std::uint64_t(step_) + 1));
    const Batch z = rng.normalBatch(config_.batch, flow_.dim());
    double loss = 0.0;
    const double optimized = lossAndGrad(params_, z, grad_, currentBeta(), &loss);
    if (!std::isfinite(optimized) || !std::isfinite(loss) || !grad_.allFinite()) {
      ++nonFinite_;
      lrScale_ *= 0.5;
      continue;
    }
    const AdamReport report = adamStep(config_.adam, currentLearningRate(), params_, adam_, grad_, candidate_, candidateAdam_);
    if (!report.finite) {
      ++nonFinite_;
      lrScale_ *= 0.5;
      continue;
    }
    params_.swap(candidate_);
    std::swap(adam_, candidateAdam_);
    const double w = config_.lossSmoothing;
    emaRaw_ = (1.0 - w) * emaRaw_ + w * loss;
    ++step_;
    curve_.push_back(float(loss));
    ++accepted;
    if ((i + 1) % 64 == 0) publish();
  }
  publish();
  return accepted;
}

ReverseKlEstimate ReverseKlTrainer::estimate(int n, std::uint64_t seed) {
  ReverseKlEstimate e;
  Rng rng(seed);
  const Batch z = rng.normalBatch(n, flow_.dim());
  const Transformed t = flow_.toBase(params_.data(), z);
  const Vector logW = target_->logDensity(t.value) - (standardNormalLogProb(z) - t.logAbsDet);
  e.importance = importanceEstimate(logW);
  double sum = 0;
  int count = 0;
  for (double lw : logW)
    if (std::isfinite(lw)) sum += lw, ++count;
  e.elbo = count ? sum / count : -std::numeric_limits<double>::infinity();
  const std::optional<double> known = target_->knownLogZ();
  e.logZKnown = known.has_value();
  e.reverseKl = (known ? *known : e.importance.logZ) - e.elbo;
  return e;
}

Batch ReverseKlTrainer::sample(int n, std::uint64_t seed) {
  Rng rng(seed);
  return flow_.toBase(params_.data(), rng.normalBatch(n, flow_.dim())).value;
}

Vector ReverseKlTrainer::logProb(const Batch& x) {
  const Transformed t = flow_.toData(params_.data(), x);  // z = g⁻¹(x), log|det dz/dx|
  return standardNormalLogProb(t.value) + t.logAbsDet;
}

Status ReverseKlTrainer::setParams(const Vector& params) {
  if (params.size() != flow_.paramCount())
    return Status::error("expected " + std::to_string(flow_.paramCount()) + " parameters, got " +
                         std::to_string(params.size()));
  if (!params.allFinite()) return Status::error("a parameter is not finite");
  params_ = params;
  adam_.reset(flow_.paramCount());
  publish();
  return Status::okStatus();
}

ReverseKlSnapshot ReverseKlTrainer::snapshot() const {
  std::lock_guard<std::mutex> lock(snapshotMutex_);
  return published_;
}

void ReverseKlTrainer::publish() {
  ReverseKlSnapshot s;
  s.step = step_;
  s.loss = loss();
  s.learningRate = currentLearningRate();
  s.nonFiniteEvents = nonFinite_;
  s.params.assign(params_.data(), params_.data() + params_.size());
  std::lock_guard<std::mutex> lock(snapshotMutex_);
  published_ = std::move(s);
}

}  // namespace flowlab
