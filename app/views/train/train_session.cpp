// The Training view's work after the UI pass: the frame's requests become commands of the
// training thread, and the thread's latest snapshot becomes what the view draws. Nothing here
// steps or evaluates the model: core's TrainingRunner does, on its own thread.
#include <cstdio>
#include <filesystem>

#include "app/ui/app_state.h"
#include "app/ui/view.h"
#include "app/views/train/train_model_files.h"
#include "app/views/train/train_state.h"

namespace flowlab::app {

Expected<TrainerConfig> trainerConfigFrom(const TrainSettings& s, const TrainerConfig& base) {
  TrainerConfig c = base;
  const Expected<Dataset> data = s.ownPoints ? Dataset::fromPoints(*s.ownPoints) : Dataset::make(s.dataset, s.noise);
  if (!data.ok()) return {data.status, c};
  c.data = data.value.spec();
  c.model.layers = s.layers;
  c.model.hidden = s.hidden;
  c.batch = s.batch;
  c.learningRate = s.learningRate;
  c.seed = s.seed;
  // The schedule is the base's (by default the CLI's: warm-up, cosine to 0 at step 2000): Run
  // stops there, and Run again starts a new schedule from the trained model.
  return {validateTrainerConfig(c), c};
}

Expected<RunConfig> runConfigFrom(const TrainSettings& s, const TrainerConfig& base) {
  const Expected<TrainerConfig> config = trainerConfigFrom(s, base);
  RunConfig run{config.value, std::nullopt};
  if (!config.ok()) return {config.status, run};
  const std::optional<FamilyKind> kind = familyFromName(s.flow);
  if (!kind) return {Status::error("unknown flow family \"" + s.flow + "\""), run};
  if (*kind != FamilyKind::RealNvp) {
    FamilyConfig f;
    f.kind = *kind;
    f.layers = s.layers;
    f.hidden = s.hidden;
    f.bins = s.bins;
    f.bound = s.bound;
    f.solverSteps = s.solverSteps;
    run.family = f;
  }
  return {validateRunConfig(run), run};
}

TrainSettings settingsFrom(const TrainerConfig& c, const std::optional<FamilyConfig>& family) {
  TrainSettings t;
  t.dataset = datasetName(c.data.kind);
  t.noise = hasNoise(c.data.kind) ? c.data.noise : -1.0;  // a dataset without noise takes none
  t.layers = c.model.layers;
  t.hidden = c.model.hidden;
  t.batch = c.batch;
  t.learningRate = c.learningRate;
  t.seed = c.seed;
  if (family) {
    t.flow = familyName(family->kind);
    t.layers = family->layers;
    t.hidden = family->hidden;
    t.bins = family->bins;
    t.bound = family->bound;
    t.solverSteps = family->solverSteps;
  }
  // Own points: the raw points, so a sidebar change rebuilds on the same data.
  if (c.data.points) t.ownPoints = std::make_shared<const Batch>(c.data.points->raw), t.ownName = "own points";
  return t;
}

namespace {

void send(TrainState& s, std::uint64_t seq) { s.lastCommand = seq; }

void sendControls(TrainState& s) {
  TrainingRunner& r = *s.runner;
  send(s, r.setSpeed(kSpeeds[s.speedIndex]));
  send(s, r.setStopAt(s.stopAtEnabled ? s.stopAt : 0));
  send(s, r.setEarlyStopping(s.earlyStopping ? s.patience : 0));
}

// Messages for what the training thread did by itself since the last frame.
void report(AppState& app, TrainState& s) {
  const RunnerSnapshot& snap = *s.snap;
  if (snap.generation != s.seenGeneration) {
    s.seenGeneration = snap.generation;
    s.seenRollbacks = 0;
    s.seenMessage.clear();
  }
  if (snap.rollbacks > s.seenRollbacks) {
    s.seenRollbacks = snap.rollbacks;
    app.warn("Training: a non-finite step was rolled back and the learning rate halved");
  }
  if (snap.message != s.seenMessage) {
    s.seenMessage = snap.message;
    if (!snap.message.empty()) {
      const bool failedOpen = snap.message.rfind("Open model", 0) == 0;
      if (snap.stopped == StopReason::Diverged || failedOpen) app.error(snap.message); else app.info(snap.message);
    }
  }
  if (s.loadCommand != 0 && snap.applied >= s.loadCommand) {
    s.loadCommand = 0;
    if (snap.message.rfind("Open model", 0) != 0) {  // a failed load says so (and keeps the run)
      // The sidebar shows the loaded run's settings, so a later change starts from them.
      s.settings = settingsFrom(snap.config, snap.family);
      if (snap.config.data.points) s.settings.ownName = "points of " + s.loadedFrom;
      s.baseConfig = snap.config;
      app.info("opened model " + s.loadedFrom + " at step " + std::to_string(snap.step) + "; Run continues training it");
    }
  }
  if (s.saveCommand != 0 && snap.saveSeq >= s.saveCommand) {
    s.saveCommand = 0;
    if (!snap.saveError.empty()) {
      app.error("Save model: " + snap.saveError);
    } else if (!s.openAfterSave) {
      app.info("model saved to " + snap.savePath + " (step " + std::to_string(snap.step) + ")");
    } else if (View* lab = app.findView("2d"); lab && lab->openScene(app, snap.savePath)) {
      if (s.running()) send(s, s.runner->pause());
      s.wantRunning = false;
      app.activate("2d");
    }
  }
}

}  // namespace

bool waitForTraining(TrainState& s, double timeoutSeconds, bool fullResolution) {
  if (!s.runner) return false;
  const bool idle = s.runner->waitIdle(timeoutSeconds, fullResolution);
  s.snap = s.runner->snapshot();
  return idle;
}

void advanceTraining(AppState& app, TrainState& s, double /*dt*/) {
  const bool first = !s.started;
  s.started = true;
  // First: opening a settings-only training scene asks for a rebuild, done below in this frame.
  if (s.openRequested && s.runner) openModel(app, s);
  if (!s.runner || s.rebuildRequested) {
    const Expected<RunConfig> config = runConfigFrom(s.settings, s.baseConfig);
    s.rebuildRequested = false;
    if (!config.ok()) {
      s.error = config.status.message();  // the current run stays
    } else {
      s.error.clear();
      s.wantRunning = false;
      if (!s.runner) {
        RunnerOptions options;
        options.rect = s.rect;
        options.onPublish = s.wake;
        s.runner = std::make_unique<TrainingRunner>(config.value, options);
        sendControls(s);
        // The first run only: wait for its trainer (a second or so, mostly the entropy floor),
        // so the view never shows an empty first frame. Later rebuilds happen in the background.
        waitForTraining(s, 120.0);
      } else {
        send(s, s.runner->rebuild(config.value));
      }
    }
    if (!s.runner) return;
  }
  TrainingRunner& r = *s.runner;
  // A training scene's weights: before any steps asked for in the same frame (--train-steps).
  if (s.pendingLoad) postModelLoad(s, std::move(s.pendingLoad), s.scenePath);
  if (s.resetRequested) {
    s.resetRequested = false;
    s.wantRunning = false;
    send(s, r.reset());
  }
  if (s.lrChanged) {
    s.lrChanged = false;
    send(s, r.setLearningRate(s.settings.learningRate));
  }
  if (s.controlsChanged) {
    s.controlsChanged = false;
    sendControls(s);
  }
  if (s.restoreBestRequested) {
    s.restoreBestRequested = false;
    s.wantRunning = false;
    send(s, r.restoreBest());
  }
  if (s.pendingSteps > 0) {
    s.wantRunning = false;
    send(s, r.step(s.pendingSteps));
    s.pendingSteps = 0;
    // Before the first frame only a script (--train-steps) can ask for steps: it wants the
    // picture after them, so this one time the UI waits.
    if (first) waitForTraining(s, 600.0, true);
  }
  if (s.toggleRequested || (first && s.trainForSeconds > 0.0)) {
    s.toggleRequested = false;
    s.wantRunning = !s.running();
    send(s, s.wantRunning ? r.run() : r.pause());
  }
  if (s.openRequested) openModel(app, s);
  if (s.saveRequested || s.openIn2DRequested) {
    s.openAfterSave = s.openIn2DRequested;
    const std::string path = s.openIn2DRequested
                                 ? (std::filesystem::temp_directory_path() / "flowlab-trained-model.json").string()
                                 : s.savePath;
    s.saveCommand = r.save(path);
    send(s, s.saveCommand);
    s.saveRequested = s.openIn2DRequested = false;
  }
  s.snap = r.snapshot();
  report(app, s);

  if (s.trainForSeconds > 0.0 && s.synced() && s.snap->runSteps > 0) {
    // The rate the training thread kept while running (test NLL and field refreshes included);
    // it stops by itself at the end of the schedule, so the run may be shorter than asked.
    const RunnerSnapshot& snap = *s.snap;
    if (snap.runSeconds >= s.trainForSeconds || !snap.running) {
      std::printf("train_steps_per_sec=%.1f\n", double(snap.runSteps) / snap.runSeconds);
      std::printf("train_steps=%lld\ntrain_seconds=%.3f\n", snap.runSteps, snap.runSeconds);
      std::fflush(stdout);
      app.quitRequested = true;
      s.trainForSeconds = 0.0;
    }
  }
}

}  // namespace flowlab::app
