#include "core/train/training_runner.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

#include "core/random.h"
#include "core/train/checkpoint.h"

namespace flowlab {

namespace {

using Clock = std::chrono::steady_clock;
double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Work per step chunk: short enough that a command waits at most this long, long enough that
// the per-chunk bookkeeping costs nothing measurable.
constexpr double kChunkSeconds = 0.002;
// At or below this speed every step is followed by fresh fields (watch single updates).
constexpr double kRedrawEveryStepSpeed = 30.0;

}  // namespace

void NllSeries::push(double step, double value) {
  while (!steps.empty() && steps.back() >= step) steps.pop_back(), values.pop_back();
  steps.push_back(step);
  values.push_back(value);
  if (steps.size() > kMaxPoints) {
    size_t j = 0;
    for (size_t i = 0; i < steps.size(); i += 2, ++j) steps[j] = steps[i], values[j] = values[i];
    steps.resize(j);
    values.resize(j);
  }
}

std::string stopReasonText(StopReason r) {
  switch (r) {
    case StopReason::ScheduleEnd: return "end of the schedule";
    case StopReason::StepLimit: return "step limit";
    case StopReason::EarlyStop: return "early stop";
    case StopReason::Diverged: return "diverged";
    default: return "";
  }
}

struct TrainingRunner::Command {
  enum Kind { Run, Pause, Step, Reset, Rebuild, Load, LearningRate, Speed, StopAt, EarlyStopping, RestoreBest, Save,
              Fields };
  explicit Command(Kind k, double v = 0.0, long long count = 0) : kind(k), value(v), n(count) {}
  Kind kind = Run;
  double value = 0.0;
  long long n = 0;
  RunConfig config;
  std::shared_ptr<const Checkpoint> checkpoint;  // Load
  std::string path;
  std::uint64_t seq = 0;
};

struct TrainingRunner::Impl {
  RunnerOptions opt;
  std::thread thread_;
  // Shared with other threads (under `mutex`).
  mutable std::mutex mutex;
  std::condition_variable wakeThread, published;
  std::deque<Command> queue;
  std::uint64_t posted = 0;
  bool quit = false;
  std::shared_ptr<const RunnerSnapshot> snapshot = std::make_shared<RunnerSnapshot>();

  // Owned by the training thread.
  std::unique_ptr<RunEngine> trainer;
  std::uint64_t generation = 0, applied = 0, version = 0;
  bool running = false, stopArmed = false;
  long long pending = 0;
  double speed = 0.0;  // steps/s limit, <= 0 none
  long long stopAt = 0;
  int patience = 0;
  NllSeries train, test;
  std::vector<double> rollbackSteps;
  int rollbacks = 0;
  StopReason stopped = StopReason::None;
  std::string message;
  double testNll = kNaN;
  long long testStep = -1;
  double bestNll = kNaN;
  long long bestStep = -1;
  int sinceBest = 0;
  std::shared_ptr<const Batch> dataPoints, basePoints;
  std::shared_ptr<const RunnerFields> fields;
  std::uint64_t saveSeq = 0;
  std::string savePath, saveError;
  // Cadence.
  Clock::time_point runStart{}, runEnd{};
  long long runStartStep = 0;
  Clock::time_point lastExtra{}, lastPublish{}, lastActivity = Clock::now(), nextStep{};
  double extraCost = 0.0, stepSeconds = 0.0005;
  double rateClock = 0.0, stepsPerSecond = 0.0;
  long long rateSteps = 0;
  bool dirty = true;
  bool urgent = true;  // a command or a stop since the last publish

  bool stepping() const { return running || pending > 0; }
  void halt() {
    if (running) runEnd = Clock::now();
    running = false;
  }
  // The test NLL and the fields show the current step.
  bool current() const {
    return trainer && fields && fields->step == trainer->stepCount() && testStep == trainer->stepCount();
  }

  void newRun() {
    ++generation;
    halt();
    pending = 0;
    train.clear();
    test.clear();
    rollbackSteps.clear();
    rollbacks = 0;
    stopped = StopReason::None;
    message.clear();
    testNll = kNaN;
    testStep = -1;
    bestNll = kNaN;
    bestStep = -1;
    sinceBest = 0;
    fields.reset();
    rateClock = 0.0;
    rateSteps = 0;
    stepsPerSecond = 0.0;
    evaluateTest();  // the test curve starts at step 0 (the baseline), whatever follows
  }

  void build(const RunConfig& run) { adopt(makeRunEngine(run)); }

  // `t` becomes the run: new scatter points of its dataset, curves restarting at its step.
  void adopt(std::unique_ptr<RunEngine> t) {
    trainer = std::move(t);
    Rng rng(trainer->config().seed + 7919);  // scatter samples: not the trainer's batches
    dataPoints = std::make_shared<const Batch>(trainer->dataset().sample(opt.scatterPoints, rng));
    basePoints = std::make_shared<const Batch>(rng.normalBatch(opt.scatterPoints, 2));
    newRun();
    if (trainer->stepCount() > 0 && std::isfinite(trainer->trainNll()))
      train.push(double(trainer->stepCount()), trainer->trainNll());
  }

  // A checkpoint that does not build keeps the current run (and its generation) untouched.
  void load(const Checkpoint& cp) {
    Expected<std::unique_ptr<RunEngine>> t = runEngineFromCheckpoint(cp);
    if (!t.ok()) {
      message = "Open model: " + t.status.message() + " (the current model stays)";
      return;
    }
    adopt(std::move(t.value));
  }

  void evaluateTest() {
    const double nll = trainer->testNll();
    if (!std::isfinite(nll)) return;
    testNll = nll;
    testStep = trainer->stepCount();
    test.push(double(testStep), nll);
    if (!(nll >= bestNll)) {  // also when bestNll is NaN (none yet)
      bestNll = nll;
      bestStep = testStep;
      trainer->keepBest();
      sinceBest = 0;
    } else {
      ++sinceBest;
    }
    if (running && patience > 0 && sinceBest >= patience) {
      halt();
      stopped = StopReason::EarlyStop;
      message = "Stopped early: the test NLL has not improved for " + std::to_string(patience) +
                " evaluations (best " + std::to_string(bestNll) + " at step " + std::to_string(bestStep) + ")";
    }
  }

  void computeFields(int resolution) {
    const auto t0 = Clock::now();
    auto f = std::make_shared<RunnerFields>();
    Expected<DensityGrid> density = trainer->density(GridSpec{opt.rect, resolution, resolution});
    // Nothing non-finite is drawn: a field that is not finite keeps the previous one.
    if (density.ok() && !(density.value.density.allFinite() && std::isfinite(density.value.mass)))
      density.status = Status::error("the density has non-finite values at step " + std::to_string(trainer->stepCount()));
    Expected<Batch> latent = trainer->toBase(*dataPoints);
    // Samples x = f(z) of the N(0, I) scatter: the sampling direction exists only in the core Flow.
    Expected<Batch> samples{Status::okStatus(), Batch{}};
    const Flow flow = trainer->flow();
    {
      const Expected<Transformed> x = flow.forward(*basePoints);
      if (!x.ok()) samples.status = x.status;
      else if (!x.value.value.allFinite()) samples.status = Status::error("non-finite samples");
      else samples.value = x.value.value;
    }
    if (samples.ok()) {
      const Expected<Transformed> back = flow.inverse(samples.value);
      if (back.ok() && back.value.value.allFinite())
        f->roundTripError = (back.value.value - *basePoints).cwiseAbs().maxCoeff();
    }
    f->samples = (samples.ok() || !fields) ? std::move(samples) : fields->samples;
    if (resolution >= opt.pausedResolution) {
      const Expected<FlowTrace> trace = flow.inverseTrace(*dataPoints);
      bool finite = trace.ok();
      for (size_t k = 0; finite && k < trace.value.values.size(); ++k) finite = trace.value.values[k].allFinite();
      if (finite)
        for (size_t k = trace.value.values.size(); k-- > 0;) f->stages.push_back(trace.value.values[k]);
    }
    f->density = (density.ok() || !fields) ? std::move(density) : fields->density;
    f->latent = (latent.ok() || !fields) ? std::move(latent) : fields->latent;
    f->step = trainer->stepCount();
    f->resolution = resolution;
    f->computeMs = seconds(Clock::now() - t0) * 1000.0;
    fields = std::move(f);
  }

  // The test NLL and the fields at the current step (while running, at most `extrasShare` of the time).
  void extras(int resolution) {
    const auto t0 = Clock::now();
    if (testStep != trainer->stepCount()) evaluateTest();
    if (!fields || fields->step != trainer->stepCount() || fields->resolution < resolution) computeFields(resolution);
    lastExtra = Clock::now();
    if (running) extraCost = seconds(lastExtra - t0);  // the cadence's cost: running refreshes only
    dirty = true;
  }

  void apply(Command& c) {
    applied = c.seq;
    dirty = urgent = true;
    lastActivity = Clock::now();
    if (!trainer && c.kind != Command::Rebuild && c.kind != Command::Load) return;
    switch (c.kind) {
      case Command::Run:
        if (trainer->config().schedule.kind == LrScheduleKind::Cosine && trainer->stepCount() >= trainer->scheduleEnd())
          trainer->restartSchedule();
        stopArmed = stopAt > trainer->stepCount();
        running = true;
        runStart = lastExtra = Clock::now();  // the first refresh after minExtraInterval
        runStartStep = trainer->stepCount();
        pending = 0;
        stopped = StopReason::None;
        message.clear();
        nextStep = Clock::now();
        break;
      case Command::Pause:
        halt();
        break;
      case Command::Step:
        halt();
        pending += c.n;
        break;
      case Command::Reset:
        trainer->reset();
        newRun();
        break;
      case Command::Rebuild:
        build(c.config);
        break;
      case Command::Load:
        if (c.checkpoint) load(*c.checkpoint);
        break;
      case Command::LearningRate:
        trainer->setLearningRate(c.value);
        if (stopped == StopReason::Diverged) stopped = StopReason::None, message.clear();
        break;
      case Command::Speed:
        speed = c.value;
        nextStep = Clock::now();
        break;
      case Command::StopAt:
        stopAt = c.n;
        stopArmed = stopAt > trainer->stepCount();
        break;
      case Command::EarlyStopping:
        patience = int(c.n);
        sinceBest = 0;
        break;
      case Command::RestoreBest:
        if (bestStep >= 0) {
          halt();
          pending = 0;
          if (const Status s = trainer->restoreBest(); !s.ok()) message = "Restore best: " + s.message();
          train.push(double(bestStep), trainer->trainNll());
          test.push(double(bestStep), bestNll);
          testNll = bestNll;
          testStep = bestStep;
          sinceBest = 0;
        }
        break;
      case Command::Save: {
        const Status s = trainer->save(c.path);
        saveSeq = c.seq;
        savePath = c.path;
        saveError = s.ok() ? "" : s.message();
        break;
      }
      case Command::Fields:
        fields.reset();
        break;
    }
  }

  void stop(StopReason why, std::string text) {
    halt();
    stopped = why;
    message = std::move(text);
    dirty = urgent = true;
  }

  // One chunk of steps while running or stepping.
  void stepChunk() {
    RunEngine& t = *trainer;
    const bool throttled = running && pending == 0 && speed > 0.0;
    long long n = throttled ? 1 : std::clamp<long long>(std::llround(kChunkSeconds / stepSeconds), 1, 16);
    if (pending > 0) {
      n = std::min(n, pending);
      if (opt.stepTestEvery > 0) n = std::min(n, opt.stepTestEvery - t.stepCount() % opt.stepTestEvery);
    }
    // Running stops exactly at the end of the schedule or at the step limit.
    const bool cosine = t.config().schedule.kind == LrScheduleKind::Cosine;
    if (running && pending == 0) {
      if (cosine) n = std::min(n, t.scheduleEnd() - t.stepCount());
      if (stopArmed) n = std::min(n, stopAt - t.stepCount());
    }
    if (n > 0) {
      const auto t0 = Clock::now();
      const StepReport r = t.step(int(n));
      const double took = seconds(Clock::now() - t0);
      stepSeconds = 0.8 * stepSeconds + 0.2 * (took / double(n));
      if (pending > 0) pending -= n;
      if (r.rolledBack > 0) {
        rollbacks += r.rolledBack;
        rollbackSteps.insert(rollbackSteps.end(), size_t(r.rolledBack), double(t.stepCount()));  // one per event
      }
      if (r.accepted > 0 && std::isfinite(t.trainNll())) train.push(double(t.stepCount()), t.trainNll());
      if (r.accepted == 0 && r.rolledBack > 0 && t.currentLearningRate() < 1e-12) {
        pending = 0;
        stop(StopReason::Diverged, "Training diverged: every step is non-finite even at a learning rate of " +
                                       std::to_string(t.currentLearningRate()) +
                                       ". The last good model is kept; lower the learning rate and press Reset.");
      }
      if (running) {
        rateClock += took;
        rateSteps += n;
      }
      // During Step requests the test curve is sampled every stepTestEvery steps.
      if (!running && opt.stepTestEvery > 0 && t.stepCount() % opt.stepTestEvery == 0 && testStep != t.stepCount())
        evaluateTest();
    }
    if (running && pending == 0) {
      if (cosine && t.stepCount() >= t.scheduleEnd())
        stop(StopReason::ScheduleEnd, "Reached the end of the " + std::to_string(t.config().schedule.total) +
                                          "-step schedule at step " + std::to_string(t.stepCount()) +
                                          "; Run continues with a new schedule");
      else if (stopArmed && t.stepCount() >= stopAt)
        stop(StopReason::StepLimit, "Stopped at step " + std::to_string(t.stepCount()));
    }
    if (throttled)  // a late step does not cause a burst after it
      nextStep = std::max(nextStep, Clock::now() - std::chrono::milliseconds(100)) +
                 std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / speed));
    const auto now = Clock::now();
    if (running) {
      if (speed > 0.0 && speed <= kRedrawEveryStepSpeed) {
        extras(opt.runningResolution);
      } else {
        const double interval = std::clamp(extraCost / opt.extrasShare, opt.minExtraInterval, opt.maxExtraInterval);
        if (seconds(now - lastExtra) >= interval) extras(opt.runningResolution);
      }
    }
    lastActivity = Clock::now();
  }

  void publish() {
    auto s = std::make_shared<RunnerSnapshot>();
    s->generation = generation;
    s->applied = applied;
    s->running = running;
    s->pendingSteps = pending;
    s->busy = stepping();
    if (trainer) {
      const RunEngine& t = *trainer;
      s->step = t.stepCount();
      s->trainNll = t.trainNll();
      s->learningRate = t.currentLearningRate();
      s->peakLearningRate = t.config().learningRate;
      s->scheduleStart = t.scheduleStart();
      s->scheduleEnd = t.scheduleEnd();
      s->floor = t.entropyFloor();
      s->config = t.config();
      s->family = t.family();
      s->params = t.fastParams();
      s->familyParams = t.familyParams();
      s->layers = t.layerCount();
    }
    s->testNll = testNll;
    s->testStep = testStep;
    s->rollbacks = rollbacks;
    if (rateClock >= 0.5) {
      stepsPerSecond = double(rateSteps) / rateClock;
      rateClock = 0.0;
      rateSteps = 0;
    }
    s->stepsPerSecond = running ? stepsPerSecond : 0.0;
    if (runStart != Clock::time_point{}) {
      s->runSeconds = seconds((running ? Clock::now() : runEnd) - runStart);
      s->runSteps = s->step - runStartStep;
    }
    s->stopped = stopped;
    s->message = message;
    s->train = train;
    s->test = test;
    s->rollbackSteps = rollbackSteps;
    s->bestTestNll = bestNll;
    s->bestStep = bestStep;
    s->dataPoints = dataPoints;
    s->basePoints = basePoints;
    s->fields = fields;
    s->saveSeq = saveSeq;
    s->savePath = savePath;
    s->saveError = saveError;
    {
      std::lock_guard<std::mutex> lock(mutex);
      s->version = ++version;
      snapshot = std::move(s);
    }
    published.notify_all();
    lastPublish = Clock::now();
    dirty = false;
    const bool wasUrgent = urgent || !stepping();
    urgent = false;
    if (opt.onPublish) opt.onPublish(wasUrgent);
  }
};

TrainingRunner::TrainingRunner(const TrainerConfig& config, RunnerOptions options)
    : TrainingRunner(RunConfig{config, std::nullopt}, std::move(options)) {}

TrainingRunner::TrainingRunner(const RunConfig& config, RunnerOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->opt = std::move(options);
  rebuild(config);
  impl_->thread_ = std::thread([this] { loop(); });
}

TrainingRunner::~TrainingRunner() {
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->quit = true;
  }
  impl_->wakeThread.notify_all();
  if (impl_->thread_.joinable()) impl_->thread_.join();
}

std::uint64_t TrainingRunner::post(Command c) {
  std::uint64_t seq;
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    seq = c.seq = ++impl_->posted;
    impl_->queue.push_back(std::move(c));
  }
  impl_->wakeThread.notify_all();
  return seq;
}

std::uint64_t TrainingRunner::run() { return post(Command(Command::Run)); }
std::uint64_t TrainingRunner::pause() { return post(Command(Command::Pause)); }
std::uint64_t TrainingRunner::step(int n) { return post(Command(Command::Step, 0.0, std::max(0, n))); }
std::uint64_t TrainingRunner::reset() { return post(Command(Command::Reset)); }
std::uint64_t TrainingRunner::rebuild(const TrainerConfig& config) { return rebuild(RunConfig{config, std::nullopt}); }
std::uint64_t TrainingRunner::rebuild(const RunConfig& config) {
  Command c(Command::Rebuild);
  c.config = config;
  return post(std::move(c));
}
std::uint64_t TrainingRunner::load(std::shared_ptr<const Checkpoint> checkpoint) {
  Command c(Command::Load);
  c.checkpoint = std::move(checkpoint);
  return post(std::move(c));
}
std::uint64_t TrainingRunner::setLearningRate(double peak) { return post(Command(Command::LearningRate, peak)); }
std::uint64_t TrainingRunner::setSpeed(double stepsPerSecond) { return post(Command(Command::Speed, stepsPerSecond)); }
std::uint64_t TrainingRunner::setStopAt(long long step) { return post(Command(Command::StopAt, 0.0, step)); }
std::uint64_t TrainingRunner::setEarlyStopping(int patience) {
  return post(Command(Command::EarlyStopping, 0.0, std::max(0, patience)));
}
std::uint64_t TrainingRunner::restoreBest() { return post(Command(Command::RestoreBest)); }
std::uint64_t TrainingRunner::save(const std::string& path) {
  Command c(Command::Save);
  c.path = path;
  return post(std::move(c));
}
std::uint64_t TrainingRunner::refreshFields() { return post(Command(Command::Fields)); }

std::shared_ptr<const RunnerSnapshot> TrainingRunner::snapshot() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->snapshot;
}

bool TrainingRunner::waitIdle(double timeoutSeconds, bool fullResolution) {
  std::unique_lock<std::mutex> lock(impl_->mutex);
  const std::uint64_t target = impl_->posted;
  return impl_->published.wait_for(lock, std::chrono::duration<double>(timeoutSeconds), [&] {
    const RunnerSnapshot& s = *impl_->snapshot;
    return s.applied >= target && !s.busy && s.testStep == s.step && s.fields && s.fields->step == s.step &&
           (!fullResolution || s.fields->resolution >= impl_->opt.pausedResolution);
  });
}

void TrainingRunner::loop() {
  Impl& m = *impl_;
  for (;;) {
    std::deque<Command> commands;
    {
      std::unique_lock<std::mutex> lock(m.mutex);
      const auto ready = [&] { return m.quit || !m.queue.empty(); };
      if (!m.stepping() || !m.trainer) {
        // Idle: the fields at full resolution once the view has been still for a moment.
        if (!m.trainer || (m.current() && m.fields->resolution >= m.opt.pausedResolution && !m.dirty))
          m.wakeThread.wait(lock, ready);
        else if (m.current() && !m.dirty)
          m.wakeThread.wait_until(lock, m.lastActivity + std::chrono::duration_cast<Clock::duration>(
                                                                std::chrono::duration<double>(m.opt.settleSeconds)),
                                  ready);
      } else if (m.running && m.pending == 0 && m.speed > 0.0 && Clock::now() < m.nextStep) {
        if (m.dirty) {
          lock.unlock();
          m.publish();
          lock.lock();
        }
        m.wakeThread.wait_until(lock, m.nextStep, ready);
      }
      if (m.quit) return;
      commands.swap(m.queue);
    }
    for (Command& c : commands) m.apply(c);
    if (!m.trainer) {
      if (m.dirty) m.publish();
      continue;
    }
    if (m.stepping()) {
      if (!(m.running && m.pending == 0 && m.speed > 0.0 && Clock::now() < m.nextStep)) m.stepChunk();
      if (!m.stepping()) m.extras(m.opt.runningResolution);  // just stopped: the final step's numbers
      if (!m.stepping() || seconds(Clock::now() - m.lastPublish) >= m.opt.publishInterval) m.publish();
    } else {
      if (!m.current()) {
        m.extras(m.opt.runningResolution);  // right after a Step or a stop: quick
        m.lastActivity = Clock::now();
      } else if (m.fields->resolution < m.opt.pausedResolution &&
                 seconds(Clock::now() - m.lastActivity) >= m.opt.settleSeconds) {
        m.extras(m.opt.pausedResolution);  // settled: full resolution
      }
      if (m.dirty) m.publish();
    }
  }
}

}  // namespace flowlab
