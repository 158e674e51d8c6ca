#include "core/families/autoregressive_cost.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

#include "core/families/autoregressive.h"
#include "core/families/sine_chain.h"

namespace flowlab {

namespace {

constexpr int kStepsPerUnit = 5;  // training steps between progress reports

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::uint64_t streamSeed(std::uint64_t seed, int dim, std::uint64_t stream) {
  std::uint64_t z = seed * 0x9E3779B97F4A7C15ULL + std::uint64_t(dim) * 0xBF58476D1CE4E5B9ULL + stream;
  z = (z ^ (z >> 30)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

SineChain chainOf(int dim) {
  SineChain c;
  c.dim = dim;
  return c;
}

}  // namespace

Status validateAutoregressiveCostConfig(const AutoregressiveCostConfig& c) {
  if (c.dims.empty() || c.dims.size() > 16) return Status::error("dims: give 1 to 16 dimensions");
  for (std::size_t i = 0; i < c.dims.size(); ++i)
    if (c.dims[i] < 2 || c.dims[i] > 64)
      return Status::error("dims[" + std::to_string(i) + "]: a dimension must be in [2, 64], got " +
                           std::to_string(c.dims[i]));
  if (c.layers < 1 || c.layers > 16) return Status::error("layers must be in [1, 16]");
  if (c.hidden < 2 || c.hidden > 256) return Status::error("hidden must be in [2, 256]");
  if (c.depth < 1 || c.depth > 4) return Status::error("depth must be in [1, 4]");
  if (c.trainSteps < 0 || c.trainSteps > 100000) return Status::error("train steps must be in [0, 100000]");
  if (c.batch < 2 || c.batch > 65536) return Status::error("batch must be in [2, 65536]");
  if (!(c.learningRate > 0.0 && c.learningRate < 1.0)) return Status::error("learning rate must be in (0, 1)");
  if (c.points < 1 || c.points > 1000000) return Status::error("points must be in [1, 1000000]");
  if (c.chunk < 1 || c.chunk > 100000) return Status::error("chunk must be in [1, 100000]");
  if (c.testSize < 1 || c.testSize > 1000000) return Status::error("test size must be in [1, 1000000]");
  return Status::okStatus();
}

FamilyConfig costFamilyConfig(const AutoregressiveCostConfig& c, int dim) {
  FamilyConfig f;
  f.kind = FamilyKind::Maf;
  f.dim = dim;
  f.layers = c.layers;
  f.hidden = c.hidden;
  f.depth = c.depth;
  return f;
}

long long conditionerPassesRun(const TrainableFlow& flow) {
  long long n = 0;
  for (int k = 0; k < flow.layerCount(); ++k)
    if (const auto* a = dynamic_cast<const TrainableAutoregressive*>(&flow.layer(k))) n += a->conditionerPassesRun();
  return n;
}

AutoregressiveCostRun::AutoregressiveCostRun(const AutoregressiveCostConfig& config) : config_(config) {
  const int calls = (config_.points + config_.chunk - 1) / config_.chunk;
  for (int d : config_.dims)
    for (FamilyKind k : {FamilyKind::Maf, FamilyKind::Iaf})
      totalWork_ += unitWeight(d, k, Stage::Train) * config_.trainSteps + unitWeight(d, k, Stage::Test) +
                    (unitWeight(d, k, Stage::Density) + unitWeight(d, k, Stage::Sampling)) * calls;
  if (!done()) beginDimension();
}

// Estimated cost: conditioner passes × points × the work of one MADE pass on one point (its
// weight count), three times that for a training step (forward and backward).
double AutoregressiveCostRun::unitWeight(int dim, FamilyKind kind, Stage stage) const {
  const double perPass = double(config_.hidden) * (3.0 * dim + config_.hidden * (config_.depth - 1));
  const bool densityDirection = stage != Stage::Sampling;
  const bool slow = (kind == FamilyKind::Iaf) == densityDirection;
  const double passes = double(config_.layers) * (slow ? dim : 1);
  switch (stage) {
    case Stage::Train: return 3.0 * passes * config_.batch * perPass;
    case Stage::Test: return passes * config_.testSize * perPass;
    default: return passes * config_.chunk * perPass;
  }
}

void AutoregressiveCostRun::beginDimension() {
  const int d = config_.dims[dimIndex_];
  subjects_.clear();
  for (FamilyKind kind : {FamilyKind::Maf, FamilyKind::Iaf}) {
    FamilyConfig fc = costFamilyConfig(config_, d);
    fc.kind = kind;
    Subject s{kind, makeFamilyFlow(fc), {}, {}, {}, Rng(streamSeed(config_.seed, d, 1)), Rng(streamSeed(config_.seed, d, 2))};
    s.params.resize(s.flow.paramCount());
    Rng init(streamSeed(config_.seed, d, 3));  // the same initial weights for both
    s.flow.init(s.params.data(), init);
    s.adam.reset(s.flow.paramCount());
    s.grad.resize(s.flow.paramCount());
    subjects_.push_back(std::move(s));
  }
  const SineChain chain = chainOf(d);
  Rng evalRng(streamSeed(config_.seed, d, 4)), testRng(streamSeed(config_.seed, d, 5));
  evalPoints_ = chain.sample(config_.points, evalRng);
  testPoints_ = chain.sample(config_.testSize, testRng);
  current_ = DimensionCost{};
  current_.dim = d;
  current_.entropy = chain.entropy();
  flowIndex_ = 0;
  stage_ = Stage::Train;
  unit_ = 0;
}

bool AutoregressiveCostRun::advance() {
  if (done()) return false;
  Subject& s = subjects_[flowIndex_];
  FlowCost& cost = flowIndex_ == 0 ? current_.maf : current_.iaf;
  const int d = config_.dims[dimIndex_];
  const int calls = (config_.points + config_.chunk - 1) / config_.chunk;
  const auto start = std::chrono::steady_clock::now();
  switch (stage_) {
    case Stage::Train: {
      const SineChain chain = chainOf(d);
      AdamConfig adam;
      adam.clipNorm = 5.0;
      const int steps = std::min(kStepsPerUnit, config_.trainSteps - unit_);
      for (int i = 0; i < steps; ++i) {
        const Batch batch = chain.sample(config_.batch, s.dataRng);
        const double loss = s.flow.nllAndGrad(s.params.data(), batch, s.grad.data());
        // A non-finite step is skipped (the parameters stay finite); brief runs rarely meet one.
        if (std::isfinite(loss) && s.grad.allFinite()) {
          Vector next = s.params;
          AdamState<double> nextAdam = s.adam;
          if (adamStep(adam, config_.learningRate, s.params, s.adam, s.grad, next, nextAdam).finite) {
            s.params.swap(next);
            s.adam = std::move(nextAdam);
          }
        }
      }
      unit_ += steps;
      cost.trainSeconds += secondsSince(start);
      doneWork_ += unitWeight(d, s.kind, stage_) * steps;
      if (unit_ >= config_.trainSteps) stage_ = Stage::Test, unit_ = 0;
      break;
    }
    case Stage::Test:
      cost.paramCount = s.flow.paramCount();
      cost.testNll = -s.flow.logProb(s.params.data(), testPoints_, config_.chunk).mean();
      doneWork_ += unitWeight(d, s.kind, stage_);
      stage_ = Stage::Density, unit_ = 0;
      passesBefore_ = conditionerPassesRun(s.flow);
      break;
    case Stage::Density:
    case Stage::Sampling: {
      const int first = unit_ * config_.chunk;
      const int len = std::min(config_.chunk, config_.points - first);
      if (stage_ == Stage::Density) {
        const Vector lp = s.flow.logProb(s.params.data(), evalPoints_.middleRows(first, len), len);
        cost.densitySeconds += secondsSince(start);
        if (!lp.allFinite()) cost.testNll = std::numeric_limits<double>::quiet_NaN();  // shown, not hidden
      } else {
        const Batch x = s.flow.sample(s.params.data(), len, s.sampleRng);
        cost.samplingSeconds += secondsSince(start);
      }
      doneWork_ += unitWeight(d, s.kind, stage_);
      if (++unit_ < calls) break;
      const long long counted = conditionerPassesRun(s.flow) - passesBefore_;
      cost.calls = calls;
      unit_ = 0;
      passesBefore_ = conditionerPassesRun(s.flow);
      if (stage_ == Stage::Density) {
        cost.densityPasses = counted;
        stage_ = Stage::Sampling;
        break;
      }
      cost.samplingPasses = counted;
      stage_ = Stage::Train;
      if (++flowIndex_ < 2) break;
      results_.push_back(current_);
      subjects_.clear();
      if (++dimIndex_ < int(config_.dims.size())) beginDimension();
      break;
    }
  }
  return true;
}

double AutoregressiveCostRun::progress() const {
  if (done()) return 1.0;
  return totalWork_ > 0.0 ? std::clamp(doneWork_ / totalWork_, 0.0, 1.0) : 0.0;
}

std::string AutoregressiveCostRun::phase() const {
  if (done()) return "done";
  const std::string who = std::string(flowIndex_ == 0 ? "MAF" : "IAF") + ", D = " + std::to_string(config_.dims[dimIndex_]);
  switch (stage_) {
    case Stage::Train:
      return "training the " + who + ": step " + std::to_string(unit_) + " of " + std::to_string(config_.trainSteps);
    case Stage::Test: return "test NLL of the " + who;
    case Stage::Density: return "timing the " + who + "'s density of " + std::to_string(config_.points) + " points";
    default: return "timing " + std::to_string(config_.points) + " samples of the " + who;
  }
}

}  // namespace flowlab
