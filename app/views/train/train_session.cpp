// The Training view's work after the UI pass: requests, time-budgeted steps, the test NLL and the
// fields at their cadence. All numbers come from core (Trainer, exportRealNvp, densityGrid).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>

#include "app/ui/app_state.h"
#include "app/ui/view.h"
#include "app/views/train/train_state.h"
#include "core/random.h"
#include "core/train/checkpoint.h"
#include "core/train/flow_export.h"
#include "core/train/model_density.h"

namespace flowlab::app {

namespace {

using Clock = std::chrono::steady_clock;
constexpr int kScatterPoints = 1000;
// The trainer's float32 path evaluates about 2 M points/s: 128² while running keeps a refresh
// near 8 ms; 256² once when stopped.
constexpr int kRunningResolution = 128, kPausedResolution = 256;
constexpr double kFieldInterval = 0.4, kSlowFieldInterval = 0.1, kTestInterval = 0.5, kSlowStep = 0.1,
                 kSettle = 0.3;

double secondsSince(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

void clearHistory(TrainState& s) {
  s.trainSteps.clear();
  s.trainNll.clear();
  s.testSteps.clear();
  s.testNll.clear();
  s.lastTestNll = std::numeric_limits<double>::quiet_NaN();
  s.lastTestStep = -1;
  s.rollbacks = 0;
  s.diverged.clear();
  s.fields = TrainFields{};
  s.sinceField = s.sinceTest = 1e9;
  s.rateClock = 0.0;
  s.rateSteps = 0;
  s.stepsPerSecond = 0.0;
}

// Keeps every second point once a history exceeds the cap (the curve keeps its shape).
void push(std::vector<double>& xs, std::vector<double>& ys, double x, double y) {
  while (!xs.empty() && xs.back() >= x) xs.pop_back(), ys.pop_back();  // after a rollback or reset
  xs.push_back(x);
  ys.push_back(y);
  if (xs.size() > TrainState::kMaxHistory) {
    size_t j = 0;
    for (size_t i = 0; i < xs.size(); i += 2, ++j) xs[j] = xs[i], ys[j] = ys[i];
    xs.resize(j);
    ys.resize(j);
  }
}

// Steps the trainer `n` times (or within the budget when n < 0); returns steps taken.
long long runSteps(AppState& app, TrainState& s, int n, double budgetMs) {
  Trainer& t = *s.trainer;
  const long long before = t.stepCount();
  const auto t0 = Clock::now();
  for (int i = 0; n < 0 || i < n; ++i) {
    const StepReport r = t.step(1);
    if (r.rolledBack > 0) {
      s.rollbacks += r.rolledBack;
      app.warn("Training: a non-finite step was rolled back and the learning rate halved");
    }
    if (r.accepted == 0 && r.rolledBack > 0 && t.currentLearningRate() < 1e-12) {
      s.diverged = "Training diverged: every step is non-finite even at a learning rate of " +
                   std::to_string(t.currentLearningRate()) +
                   ". The last good model is kept; lower the learning rate and press Reset.";
      app.error(s.diverged);
      s.running = false;
      break;
    }
    if (r.accepted > 0 && std::isfinite(t.trainNll()))
      push(s.trainSteps, s.trainNll, static_cast<double>(t.stepCount()), t.trainNll());
    if (n < 0 && secondsSince(t0) * 1000.0 >= budgetMs) break;
  }
  return t.stepCount() - before;
}

}  // namespace

Expected<TrainerConfig> trainerConfigFrom(const TrainSettings& s) {
  TrainerConfig c;
  const Expected<Dataset> data = Dataset::make(s.dataset, s.noise);
  if (!data.ok()) return {data.status, c};
  c.data = data.value.spec();
  c.model.layers = s.layers;
  c.model.hidden = s.hidden;
  c.batch = s.batch;
  c.learningRate = s.learningRate;
  c.seed = s.seed;
  // In the app a run is open-ended: after the CLI's 2000-step cosine the rate settles at 5% of the
  // peak instead of 0, so Run keeps improving the model rather than silently stalling.
  c.schedule.finalFraction = 0.05;
  return {validateTrainerConfig(c), c};
}

void rebuildTrainer(TrainState& s) {
  const Expected<TrainerConfig> config = trainerConfigFrom(s.settings);
  if (!config.ok()) {
    s.error = config.status.message();
    return;
  }
  s.error.clear();
  s.trainer = std::make_unique<Trainer>(config.value);
  Rng rng(s.settings.seed + 7919);  // scatter samples: not the trainer's batches
  s.dataPoints = s.trainer->dataset().sample(kScatterPoints, rng);
  s.basePoints = rng.normalBatch(kScatterPoints, 2);
  clearHistory(s);
}

void computeTrainFields(TrainState& s, int resolution) {
  const auto t0 = Clock::now();
  Trainer& t = *s.trainer;
  const VectorT<float>& p = t.state().params;  // one training thread: the current parameters
  const Flow flow = exportRealNvp(t.config().model, std::vector<float>(p.data(), p.data() + p.size()));
  // The heatmap through the trainer's float32 path (about 20x the generic flow); the latent
  // picture below needs f⁻¹ of only the scatter points, so it uses the exported flow.
  Expected<DensityGrid> density = modelDensityGrid(t, GridSpec{s.rect, resolution, resolution});
  // Nothing non-finite is drawn: a field that is not finite keeps the previous one.
  if (density.ok() && !(density.value.density.allFinite() && std::isfinite(density.value.mass)))
    density.status = Status::error("the density has non-finite values at step " + std::to_string(t.stepCount()));
  Expected<Transformed> latent = flow.inverse(s.dataPoints);
  if (latent.ok() && !latent.value.value.allFinite()) latent.status = Status::error("non-finite latent points");
  if (density.ok() || !s.fields.density.ok()) s.fields.density = std::move(density);
  if (latent.ok() || !s.fields.latent.ok()) s.fields.latent = std::move(latent);
  s.fields.step = t.stepCount();
  s.fields.resolution = resolution;
  s.fields.computeMs = secondsSince(t0) * 1000.0;
  s.sinceField = 0.0;
}

void advanceTraining(AppState& app, TrainState& s, double dt) {
  if (s.rebuildRequested || !s.trainer) {
    s.rebuildRequested = false;
    s.running = false;
    rebuildTrainer(s);
    if (!s.trainer) return;
  }
  Trainer& t = *s.trainer;
  if (s.resetRequested) {
    s.resetRequested = false;
    s.running = false;
    t.reset();
    t.setLearningRate(s.settings.learningRate);
    clearHistory(s);
  }
  if (s.lrChanged) {
    s.lrChanged = false;
    t.setLearningRate(s.settings.learningRate);
    s.diverged.clear();
  }

  long long stepped = 0;
  if (s.pendingSteps > 0 && s.diverged.empty()) stepped += runSteps(app, s, s.pendingSteps, 0.0);
  s.pendingSteps = 0;
  if (s.running && s.diverged.empty()) {
    if (s.slowMotion) {
      s.slowAccumulator += dt;
      const int n = std::min(5, static_cast<int>(s.slowAccumulator / kSlowStep));
      s.slowAccumulator -= n * kSlowStep;
      if (n > 0) stepped += runSteps(app, s, n, 0.0);
    } else {
      stepped += runSteps(app, s, -1, s.budgetMs);
    }
    s.rateClock += dt;
    s.rateSteps += stepped;
    if (s.rateClock >= 0.5) {
      s.stepsPerSecond = s.rateSteps / s.rateClock;
      s.rateClock = 0.0;
      s.rateSteps = 0;
    }
  } else {
    s.rateClock = 0.0;
    s.rateSteps = 0;
  }

  // Test NLL: about 13 steps' worth of work, so twice a second while running, once when stopped.
  s.sinceTest += dt;
  if (s.lastTestStep != t.stepCount() && (!s.running || s.sinceTest >= kTestInterval)) {
    const double nll = t.testNll();
    if (std::isfinite(nll)) {
      s.lastTestNll = nll;
      s.lastTestStep = t.stepCount();
      push(s.testSteps, s.testNll, static_cast<double>(t.stepCount()), nll);
    }
    s.sinceTest = 0.0;
  }

  // Fields: coarse and at most a few times a second while running; full resolution when stopped.
  s.sinceField += dt;
  const bool stale = s.fields.step != t.stepCount();
  if (s.running) {
    if (stale && s.sinceField >= (s.slowMotion ? kSlowFieldInterval : kFieldInterval))
      computeTrainFields(s, kRunningResolution);
  } else if (stale) {
    computeTrainFields(s, kRunningResolution);  // right after a Step: quick
  } else if (s.fields.resolution != kPausedResolution && s.sinceField >= kSettle) {
    computeTrainFields(s, kPausedResolution);  // settled: full resolution
  }

  if (s.saveRequested || s.openIn2DRequested) {
    std::string path = s.savePath;
    if (s.openIn2DRequested) path = (std::filesystem::temp_directory_path() / "flowlab-trained-model.json").string();
    const Status saved = saveCheckpoint(t, path);
    if (!saved.ok()) {
      app.error("Save model: " + saved.message());
    } else if (s.saveRequested) {
      app.info("model saved to " + path + " (step " + std::to_string(t.stepCount()) + ")");
    } else if (View* lab = app.findView("2d"); lab && lab->openScene(app, path)) {
      s.running = false;
      app.activate("2d");
    }
    s.saveRequested = s.openIn2DRequested = false;
  }
}

}  // namespace flowlab::app
