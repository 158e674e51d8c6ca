#include "core/families/family_trainer.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace flowlab {

namespace {

// The batch, test-set and init streams of core/train/trainer.cpp (same constants, on purpose:
// a generic RealNVP and the fast path then see the same data from the same start).
std::uint64_t mix(std::uint64_t a, std::uint64_t b) {
  std::uint64_t z = a * 0x9E3779B97F4A7C15ULL + b + 0x632BE59BD9B4E019ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}
constexpr std::uint64_t kTestStream = 0x7E57'5E70'0000'0001ULL;
constexpr std::uint64_t kInitStream = 0xC0FFEEULL;

Batch batchAt(const Dataset& data, std::uint64_t seed, long long step, int size) {
  Rng rng(mix(seed, std::uint64_t(step) + 1));
  return data.sample(size, rng);
}

}  // namespace

Status validateFamilyTrainerConfig(const FamilyTrainerConfig& c) {
  if (Status s = validateFamilyConfig(c.flow); !s.ok()) return s;
  if (c.flow.dim != 2) return Status::error("the datasets are 2D: dimension must be 2");
  if (c.batch < 2 || c.batch > 1 << 20) return Status::error("batch must be in [2, 2^20]");
  if (!(c.learningRate > 0.0 && c.learningRate < 1.0)) return Status::error("learning rate must be in (0, 1)");
  if (c.testSize < 1 || c.testSize > 1 << 22) return Status::error("test size must be in [1, 2^22]");
  if (c.schedule.total < 1 || c.schedule.warmup < 0) return Status::error("schedule steps must be positive");
  if (!(c.trainNllSmoothing > 0.0 && c.trainNllSmoothing <= 1.0))
    return Status::error("train NLL smoothing must be in (0, 1]");
  return Status::okStatus();
}

FamilyTrainer::FamilyTrainer(const FamilyTrainerConfig& config)
    : config_(config), dataset_(config.data), flow_(makeFamilyFlow(config.flow)) {
  reset();
}

void FamilyTrainer::reset() {
  for (auto& s : state_) s = FamilyTrainerState{};
  cur_ = 0;
  prev_ = -1;
  scheduleStart_ = 0;
  FamilyTrainerState& s = state_[cur_];
  s.params.resize(flow_.paramCount());
  Rng rng(mix(config_.seed, kInitStream));
  flow_.init(s.params.data(), rng);
  flow_.initFromData(s.params.data(), batchAt(dataset_, config_.seed, 0, config_.batch));
  s.adam.reset(flow_.paramCount());
  Rng testRng(mix(config_.seed, kTestStream));
  testSet_ = dataset_.testSet(config_.testSize, testRng);  // own points: their held-out split
  curve_.clear();
  publish();
}

double FamilyTrainer::currentLearningRate() const {
  const FamilyTrainerState& s = state_[cur_];
  return learningRateAt(config_.schedule, config_.learningRate, std::max(0LL, s.step - scheduleStart_)) * s.lrScale;
}

double FamilyTrainer::trainNll() const {
  const FamilyTrainerState& s = state_[cur_];
  if (s.step == 0) return std::numeric_limits<double>::quiet_NaN();
  return s.emaRaw / (1.0 - std::pow(1.0 - config_.trainNllSmoothing, double(s.step)));
}

FamilyStepReport FamilyTrainer::step(int n) {
  FamilyStepReport report;
  grad_.resize(flow_.paramCount());
  for (int i = 0; i < n; ++i) {
    FamilyTrainerState& s = state_[cur_];
    batch_ = batchAt(dataset_, config_.seed, s.step, config_.batch);
    const double loss = flow_.nllAndGrad(s.params.data(), batch_, grad_.data());
    const double lr = currentLearningRate();
    if (!std::isfinite(loss) || !grad_.allFinite()) {
      // The last update led here: undo it (if still held) and retry more gently.
      const int events = s.nonFiniteEvents + 1;
      const double scale = s.lrScale * 0.5;
      if (prev_ >= 0) {
        cur_ = prev_;
        prev_ = -1;
        if (!curve_.empty()) curve_.pop_back();
      }
      state_[cur_].nonFiniteEvents = events;
      state_[cur_].lrScale = scale;
      ++report.rolledBack;
      continue;
    }
    const int spare = (prev_ < 0) ? (cur_ + 1) % 3 : 3 - cur_ - prev_;
    FamilyTrainerState& next = state_[spare];
    const AdamReport adam = adamStep(config_.adam, lr, s.params, s.adam, grad_, next.params, next.adam);
    if (!adam.finite) {
      s.nonFiniteEvents += 1;
      s.lrScale *= 0.5;
      ++report.rolledBack;
      continue;
    }
    const double w = config_.trainNllSmoothing;
    next.step = s.step + 1;
    next.lrScale = s.lrScale;
    next.nonFiniteEvents = s.nonFiniteEvents;
    next.emaRaw = (1.0 - w) * s.emaRaw + w * loss;
    prev_ = cur_;
    cur_ = spare;
    curve_.push_back(float(loss));
    report.lastLoss = loss;
    ++report.accepted;
    if ((i + 1) % 64 == 0) publish();
  }
  publish();
  return report;
}

Vector FamilyTrainer::logProb(const Batch& x) { return flow_.logProb(state_[cur_].params.data(), x); }

double FamilyTrainer::testNll() { return -logProb(testSet_).mean(); }

FamilyTrainerSnapshot FamilyTrainer::snapshot() const {
  std::lock_guard<std::mutex> lock(snapshotMutex_);
  return published_;
}

void FamilyTrainer::publish() {
  FamilyTrainerSnapshot snap;
  const FamilyTrainerState& s = state_[cur_];
  snap.step = s.step;
  snap.trainNll = trainNll();
  snap.learningRate = currentLearningRate();
  snap.nonFiniteEvents = s.nonFiniteEvents;
  snap.flow = config_.flow;
  snap.params.assign(s.params.data(), s.params.data() + s.params.size());
  std::lock_guard<std::mutex> lock(snapshotMutex_);
  published_ = std::move(snap);
}

Status FamilyTrainer::restore(const FamilyTrainerState& state) {
  const int count = flow_.paramCount();
  if (state.params.size() != count || state.adam.m.size() != count || state.adam.v.size() != count)
    return Status::error("expected " + std::to_string(count) + " parameters and moments, got " +
                         std::to_string(state.params.size()));
  if (!state.params.allFinite() || !state.adam.m.allFinite() || !state.adam.v.allFinite())
    return Status::error("non-finite parameter or optimizer moment");
  if (state.step < 0 || state.adam.step != state.step) return Status::error("inconsistent step counts");
  state_[cur_] = state;
  prev_ = -1;
  curve_.clear();
  publish();
  return Status::okStatus();
}

}  // namespace flowlab
