#include "core/energy/reverse_kl_runner.h"

#include <chrono>
#include <cmath>

#include "core/random.h"

namespace flowlab {

const char* reverseKlStateName(ReverseKlRunSnapshot::State s) {
  switch (s) {
    case ReverseKlRunSnapshot::State::Running: return "running";
    case ReverseKlRunSnapshot::State::Paused: return "paused";
    case ReverseKlRunSnapshot::State::Finished: return "finished";
    case ReverseKlRunSnapshot::State::Failed: return "failed";
    default: return "idle";
  }
}

EnergyTargetField targetField(const Target& target, const GridSpec& grid) {
  EnergyTargetField f;
  f.grid = grid;
  f.logDensity.resize(grid.size());
  const TargetPtr t = target.clone();  // own parser state: the caller's target may be in use
  forEachChunk(grid, [&](int begin, const Batch& pts) {
    f.logDensity.segment(begin, pts.rows()) = t->logDensity(pts);
    return Status::okStatus();
  });
  double m = -INFINITY;
  for (double& u : f.logDensity) {
    if (std::isnan(u) || u == INFINITY) {
      ++f.nonFinite;
      u = -INFINITY;
    }
    m = std::max(m, u);
  }
  double sum = 0;
  if (std::isfinite(m))
    for (double u : f.logDensity) sum += std::exp(u - m);
  f.gridLogZ = std::isfinite(m) ? m + std::log(sum * grid.cellArea()) : -INFINITY;
  if (std::isfinite(f.gridLogZ)) f.logDensity.array() -= f.gridLogZ;
  f.maxDensity = std::isfinite(f.gridLogZ) ? std::exp(f.logDensity.maxCoeff()) : 0.0;
  return f;
}

ReverseKlRunner::ReverseKlRunner(std::function<void(bool)> onProgress) : onProgress_(std::move(onProgress)) {}

ReverseKlRunner::~ReverseKlRunner() { stop(); }

void ReverseKlRunner::start(const ReverseKlRunSettings& settings, TargetPtr target) {
  stop();
  stop_.store(false);
  std::unique_ptr<ForwardKlTrainer> forward;
  if (settings.forwardKl && target->canSample())
    forward = std::make_unique<ForwardKlTrainer>(settings.config, target->clone());
  auto trainer = std::make_unique<ReverseKlTrainer>(settings.config, std::move(target));
  auto field = std::make_shared<EnergyTargetField>(targetField(trainer->target(), settings.grid));
  {
    std::lock_guard<std::mutex> lock(mutex_);
    const long long generation = snap_.generation + 1;
    snap_ = ReverseKlRunSnapshot{};
    snap_.generation = generation;
    snap_.state = ReverseKlRunSnapshot::State::Running;
    snap_.totalSteps = settings.steps;
    snap_.trueLogZ = trainer->target().knownLogZ();
    snap_.target = std::move(field);
    snap_.params.assign(trainer->params().data(), trainer->params().data() + trainer->params().size());
    snap_.forward = forward != nullptr;
    paused_ = false;
  }
  worker_ = std::thread([this, settings, t = std::move(trainer), f = std::move(forward)]() mutable {
    work(settings, std::move(t), std::move(f));
  });
}

void ReverseKlRunner::pause() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (snap_.state != ReverseKlRunSnapshot::State::Running) return;
  paused_ = true;
  snap_.state = ReverseKlRunSnapshot::State::Paused;
}

void ReverseKlRunner::resume() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (snap_.state != ReverseKlRunSnapshot::State::Paused) return;
    paused_ = false;
    snap_.state = ReverseKlRunSnapshot::State::Running;
  }
  resumed_.notify_all();
}

void ReverseKlRunner::stop() {
  stop_.store(true);
  resumed_.notify_all();
  wait();
}

void ReverseKlRunner::wait() {
  if (worker_.joinable()) worker_.join();
}

ReverseKlRunSnapshot ReverseKlRunner::snapshot() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return snap_;
}

void ReverseKlRunner::work(ReverseKlRunSettings settings, std::unique_ptr<ReverseKlTrainer> trainer,
                           std::unique_ptr<ForwardKlTrainer> forward) {
  using Clock = std::chrono::steady_clock;
  using State = ReverseKlRunSnapshot::State;
  Rng cloudRng(settings.config.seed ^ 0xC10D5A3B1EULL);
  const Batch cloudZ = cloudRng.normalBatch(settings.samples, 2);
  auto computeFields = [&] {
    auto f = std::make_shared<EnergyFields>();
    f->grid = settings.grid;
    f->flowLogDensity.resize(settings.grid.size());
    forEachChunk(settings.grid, [&](int begin, const Batch& pts) {
      f->flowLogDensity.segment(begin, pts.rows()) = trainer->logProb(pts);
      return Status::okStatus();
    });
    f->maxDensity = std::exp(f->flowLogDensity.maxCoeff());
    f->samples = trainer->flow().toBase(trainer->params().data(), cloudZ).value;
    f->step = trainer->stepCount();
    return f;
  };
  auto computeForwardFields = [&]() -> std::shared_ptr<const EnergyFields> {
    if (!forward) return nullptr;
    auto f = std::make_shared<EnergyFields>();
    f->grid = settings.grid;
    f->flowLogDensity.resize(settings.grid.size());
    forEachChunk(settings.grid, [&](int begin, const Batch& pts) {
      f->flowLogDensity.segment(begin, pts.rows()) = forward->logProb(pts);
      return Status::okStatus();
    });
    f->maxDensity = std::exp(f->flowLogDensity.maxCoeff());
    f->samples = forward->sample(cloudZ);
    f->step = forward->stepCount();
    return f;
  };
  double forwardKl = std::nan("");
  std::vector<LogZPoint> history;
  auto estimate = [&] {
    const ReverseKlEstimate e = trainer->estimate(settings.estimateSamples, 0xE5'7157ULL + std::uint64_t(trainer->stepCount()));
    history.push_back({trainer->stepCount(), e.importance.logZ, e.importance.logZStderr, e.importance.ess, e.elbo});
    if (forward) forwardKl = forward->forwardKl(settings.estimateSamples, 0xF0'7157ULL + std::uint64_t(trainer->stepCount()));
    return e;
  };
  auto publish = [&](State state, std::shared_ptr<const EnergyFields> fields, const ReverseKlEstimate* e, double rate,
                     const std::string& error, std::shared_ptr<const EnergyFields> forwardFields = nullptr) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (state == State::Running && paused_) state = State::Paused;
      snap_.state = state;
      snap_.step = trainer->stepCount();
      snap_.loss = trainer->loss();
      snap_.learningRate = trainer->currentLearningRate();
      snap_.beta = trainer->currentBeta();
      snap_.nonFiniteEvents = trainer->nonFiniteEvents();
      snap_.curve = trainer->curve();
      // The smoothed ELBO, extended over the steps taken since the last publish.
      for (std::size_t i = snap_.elbo.size(); i < snap_.curve.size(); ++i) {
        const float prev = i ? snap_.elbo[i - 1] : -snap_.curve[0];
        snap_.elbo.push_back(i ? 0.98f * prev + 0.02f * -snap_.curve[i] : prev);
      }
      snap_.logZHistory = history;
      if (e) snap_.estimate = *e;
      if (fields) snap_.fields = std::move(fields);
      if (rate > 0) snap_.stepsPerSec = rate;
      snap_.error = error;
      if (forward) {
        snap_.forwardLoss = forward->loss();
        snap_.forwardKl = forwardKl;
        if (forwardFields) snap_.forwardFields = std::move(forwardFields);
      }
      snap_.params.assign(trainer->params().data(), trainer->params().data() + trainer->params().size());
    }
    if (onProgress_) onProgress_(state != State::Running && state != State::Paused);
  };
  ReverseKlEstimate e = estimate();
  publish(State::Running, computeFields(), &e, 0, "", computeForwardFields());
  auto lastFields = Clock::now();
  int stalled = 0;
  while (!stop_.load() && trainer->stepCount() < settings.steps) {
    {
      std::unique_lock<std::mutex> lock(mutex_);
      resumed_.wait(lock, [&] { return !paused_ || stop_.load(); });
    }
    if (stop_.load()) break;
    const auto t0 = Clock::now();
    const int chunk = std::min<long long>(10, settings.steps - trainer->stepCount());
    const int accepted = trainer->step(chunk);
    if (forward) forward->step(chunk);  // step for step beside it (its rate counts in the one shown)
    const double rate = accepted / std::max(1e-9, std::chrono::duration<double>(Clock::now() - t0).count());
    stalled = accepted ? 0 : stalled + chunk;
    if (stalled >= 40) {
      publish(State::Failed, computeFields(), nullptr, 0,
              "40 steps in a row were not finite: the target is undefined or unbounded where the flow samples "
              "(the last good parameters are kept)");
      return;
    }
    const bool estimateNow = trainer->stepCount() / settings.estimateEvery != (trainer->stepCount() - accepted) / settings.estimateEvery;
    const ReverseKlEstimate* fresh = nullptr;
    if (estimateNow) {
      e = estimate();
      fresh = &e;
    }
    std::shared_ptr<const EnergyFields> fields, forwardFields;
    if (std::chrono::duration<double>(Clock::now() - lastFields).count() > 0.25) {
      fields = computeFields();
      forwardFields = computeForwardFields();
      lastFields = Clock::now();
    }
    publish(State::Running, std::move(fields), fresh, rate, "", std::move(forwardFields));
  }
  e = estimate();
  publish(stop_.load() ? State::Paused : State::Finished, computeFields(), &e, 0, "", computeForwardFields());
}

}  // namespace flowlab
