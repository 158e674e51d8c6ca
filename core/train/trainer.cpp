#include "core/train/trainer.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace flowlab {

namespace {

// SplitMix64 finaliser: decorrelates (seed, step) pairs into independent engine seeds.
std::uint64_t mix(std::uint64_t a, std::uint64_t b) {
  std::uint64_t z = a * 0x9E3779B97F4A7C15ULL + b + 0x632BE59BD9B4E019ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

constexpr std::uint64_t kTestStream = 0x7E57'5E70'0000'0001ULL;

}  // namespace

struct Trainer::Worker {
  RealNvpWorkspace<float> ws;
  VectorT<float> grad;
  MatrixT<float> slice;
  double loss = 0.0;
};

Status validateTrainerConfig(const TrainerConfig& c) {
  if (c.model.layers < 1 || c.model.layers > 64) return Status::error("layers must be in [1, 64]");
  if (c.model.hidden < 1 || c.model.hidden > 1024) return Status::error("hidden must be in [1, 1024]");
  if (c.model.depth < 1 || c.model.depth > 8) return Status::error("depth must be in [1, 8]");
  if (!(c.model.logScaleBound > 0.0 && c.model.logScaleBound <= 20.0))
    return Status::error("log-scale bound must be in (0, 20]");
  if (c.threads < 1 || c.threads > 64) return Status::error("threads must be in [1, 64]");
  if (c.batch < 2 * c.threads || c.batch > 1 << 20)
    return Status::error("batch must be >= 2 per thread and <= 2^20");
  if (!(c.learningRate > 0.0 && c.learningRate < 1.0)) return Status::error("learning rate must be in (0, 1)");
  if (c.testSize < 1 || c.testSize > 1 << 22) return Status::error("test size must be in [1, 2^22]");
  if (c.schedule.total < 1 || c.schedule.warmup < 0) return Status::error("schedule steps must be positive");
  if (!(c.trainNllSmoothing > 0.0 && c.trainNllSmoothing <= 1.0))
    return Status::error("train NLL smoothing must be in (0, 1]");
  return Status::okStatus();
}

Trainer::Trainer(const TrainerConfig& config)
    : config_(config), dataset_(config.data), model_(config.model), pool_(std::make_unique<WorkerPool>(config.threads)) {
  for (int k = 0; k < config_.threads; ++k) workers_.push_back(std::make_unique<Worker>());
  reset();
}

Trainer::~Trainer() = default;

void Trainer::reset() {
  for (auto& s : state_) s = TrainerState{};
  cur_ = 0;
  prev_ = -1;
  scheduleStart_ = 0;
  TrainerState& s = state_[cur_];
  s.params.resize(model_.paramCount());
  Rng rng(mix(config_.seed, 0xC0FFEEULL));
  model_.init(s.params.data(), rng);
  s.adam.reset(model_.paramCount());
  Rng testRng(mix(config_.seed, kTestStream));
  testSet_ = dataset_.testSet(config_.testSize, testRng).cast<float>();  // own data: its test split
  curve_.clear();
  publish();
}

void Trainer::reseed(std::uint64_t seed) {
  config_.seed = seed;
  reset();
}

double Trainer::currentLearningRate() const {
  const TrainerState& s = state_[cur_];
  return learningRateAt(config_.schedule, config_.learningRate, std::max(0LL, s.step - scheduleStart_)) * s.lrScale;
}

double Trainer::trainNll() const {
  const TrainerState& s = state_[cur_];
  if (s.step == 0) return std::numeric_limits<double>::quiet_NaN();
  return s.emaRaw / (1.0 - std::pow(1.0 - config_.trainNllSmoothing, double(s.step)));
}

// Each thread takes a fixed contiguous slice; the mean over the batch is the slice means
// weighted by slice size, summed in thread order (deterministic for a given thread count).
double Trainer::computeLossAndGrad(const MatrixT<float>& batch) {
  const int n = int(batch.rows()), t = int(workers_.size());
  const float* params = state_[cur_].params.data();
  pool_->run([&](int k) {
    Worker& w = *workers_[k];
    const int begin = int((long long)n * k / t), end = int((long long)n * (k + 1) / t);
    w.slice = batch.middleRows(begin, end - begin);
    w.grad.resize(model_.paramCount());
    w.loss = model_.nllAndGrad(params, w.slice, w.grad.data(), w.ws);
  });
  if (t == 1) {
    grad_.swap(workers_[0]->grad);
    return workers_[0]->loss;
  }
  double loss = 0.0;
  grad_.setZero(model_.paramCount());
  for (int k = 0; k < t; ++k) {
    const int rows = int((long long)n * (k + 1) / t) - int((long long)n * k / t);
    const float weight = float(rows) / float(n);
    grad_ += weight * workers_[k]->grad;
    loss += double(weight) * workers_[k]->loss;
  }
  return loss;
}

StepReport Trainer::step(int n) {
  StepReport report;
  for (int i = 0; i < n; ++i) {
    TrainerState& s = state_[cur_];
    Rng rng(mix(config_.seed, std::uint64_t(s.step) + 1));
    batch_ = dataset_.sample(config_.batch, rng).cast<float>();
    const double loss = computeLossAndGrad(batch_);
    const double lr = currentLearningRate();
    if (!std::isfinite(loss) || !grad_.allFinite()) {
      // The last update led here: undo it (if it is still held) and retry more gently.
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
    TrainerState& next = state_[spare];
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
    if (curve_.size() >= kCurveCapacity) curve_.erase(curve_.begin(), curve_.begin() + kCurveCapacity / 2);
    curve_.push_back(float(loss));
    report.lastLoss = loss;
    ++report.accepted;
    if ((i + 1) % 64 == 0) publish();
  }
  publish();
  return report;
}

double Trainer::testNll() {
  const VectorT<float> lp = logProb(testSet_);
  return -lp.cast<double>().mean();
}

VectorT<float> Trainer::logProb(const MatrixT<float>& x) {
  VectorT<float> out;
  model_.logProb(state_[cur_].params.data(), x, out, workers_[0]->ws, 512);
  return out;
}

TrainerSnapshot Trainer::snapshot() const {
  std::lock_guard<std::mutex> lock(snapshotMutex_);
  return published_;
}

void Trainer::publish() {
  TrainerSnapshot snap;
  const TrainerState& s = state_[cur_];
  snap.step = s.step;
  snap.trainNll = trainNll();
  snap.learningRate = currentLearningRate();
  snap.nonFiniteEvents = s.nonFiniteEvents;
  snap.model = config_.model;
  snap.params.assign(s.params.data(), s.params.data() + s.params.size());
  std::lock_guard<std::mutex> lock(snapshotMutex_);
  published_ = std::move(snap);
}

Status Trainer::restore(const TrainerState& state) {
  const int count = model_.paramCount();
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
