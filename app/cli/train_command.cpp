// flowlab train --dataset moons [--noise 0.05] --layers 6 --hidden 64 --steps 2000 --batch 256
//               --lr 6e-3 --seed 0 [--threads T] [--out model.json] [--log curve.csv]
// flowlab train --data points.csv ...   (own points instead of --dataset/--noise)
// flowlab train --flow nice|realnvp|glow|maf|iaf|nsf|cnf ...   (a family of chapter 6; default realnvp)
//               [--solver-steps 8]   (cnf: RK4 steps per time segment; prints solver_steps=…,
//               invertibility_error=… = max |toBase(toData(z)) − z| over 4096 base points)
// Trains a RealNVP (core/train/trainer.h, the float fast path) or another family
// (core/families/family_trainer.h, the generic double-precision stack) without a display. On a terminal, a progress bar with
// ETA goes to stderr; stdout ends with the lines train_nll=…, test_nll=…, floor=…,
// floor_is_estimate=0|1, [floor_stderr=…,] steps_per_sec=… (nats per point, standardized
// coordinates; steps/s counts training steps only). Own points (core/data/point_set.h) are
// standardized by their own moments and split 80/20 by a fixed seed; their floor is a k-NN
// estimate (floor_is_estimate=1, floor_stderr=…), or "unknown" when coinciding points defeat it.
// --out saves a scene file with the optimizer state, for any family (core/train/checkpoint.h,
// family_checkpoint.h); --resume continues from one, N + M steps equal to N + M uninterrupted.
// flowlab train --target u1|u2|u3|u4|ring|banana|mixture|"EXPR in x, y" [--objective reverse-kl]
//               [--flow planar|radial|nice|realnvp|...] [--estimate-samples 20000] ...
//   fits the flow to an unnormalized density by reverse KL (app/cli/reverse_kl_run.h): no data,
//   prints reverse_kl=…, log_z=…, log_z_stderr=…, ess=… (and --out writes the fitted flow as a scene).
// Exit 1 when training cannot continue or a file cannot be written, 2 on bad options or input.
// Ctrl+C (SIGINT) or SIGTERM: the current step finishes, --out and --log are saved (atomically, as
// always) and the exit code is 130 (143 for SIGTERM); a second one exits at once, saving nothing.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "app/cli/cli_checks.h"
#include "app/cli/command.h"
#include "app/cli/interrupt.h"
#include "app/cli/reverse_kl_run.h"
#include "core/io/atomic_write.h"
#include "core/families/family_trainer.h"
#include "core/train/checkpoint.h"
#include "core/train/family_checkpoint.h"
#include "core/train/training_points.h"

namespace flowlab::app {

namespace {

struct Args {
  std::string dataset = "moons", data, activation = "tanh", schedule = "cosine", out, log, resume, flow = "realnvp";
  std::string target, objective;  // reverse KL: a target's name or expression; "ml" or "reverse-kl"
  int estimateSamples = 20000, anneal = 0;
  double noise = -1.0, lr = TrainerConfig{}.learningRate, clip = defaultAdam().clipNorm,
         bound = RealNvpConfig{}.logScaleBound;
  int layers = 6, hidden = 64, depth = 2, steps = 2000, batch = 256, threads = 1, warmup = LrSchedule{}.warmup, testSize = 16384,
      logEvery = 100;
  int bins = FamilyConfig{}.bins;            // nsf
  double splineBound = FamilyConfig{}.bound;  // nsf
  int solverSteps = FamilyConfig{}.solverSteps;  // cnf
  std::uint64_t seed = 0;
  bool threadsGiven = false;
  bool flowGiven = false;
  bool lrGiven = false, scheduleGiven = false, warmupGiven = false, solverStepsGiven = false;  // typed on the command line
  bool dataGiven = false, stepsGiven = false, layersGiven = false;
  CLI::Option* stepsOption = nullptr;  // to know whether --steps / --layers were typed
  CLI::Option* layersOption = nullptr;
};

Expected<TrainerConfig> configFrom(const Args& a) {
  TrainerConfig c;
  const Expected<Dataset> data = a.data.empty() ? Dataset::make(a.dataset, a.noise) : loadTrainingPointsCsv(a.data);
  if (!data.ok()) return {data.status, c};
  c.data = data.value.spec();
  const auto act = activationFromName(a.activation);
  const auto sched = lrScheduleFromName(a.schedule);
  if (!act) return {Status::error("--activation must be tanh or relu"), c};
  if (!sched) return {Status::error("--schedule must be cosine or constant"), c};
  c.model = RealNvpConfig{a.layers, a.hidden, a.depth, *act, a.bound};
  c.batch = a.batch;
  c.learningRate = a.lr;
  // --steps 0 trains nothing (an evaluation); the schedule still needs a positive length.
  c.schedule = LrSchedule{*sched, a.warmup, std::max(a.steps, 1), LrSchedule{}.finalFraction};
  c.adam.clipNorm = a.clip;
  c.testSize = a.testSize;
  c.seed = a.seed;
  c.threads = a.threads;
  return {validateTrainerConfig(c), c};
}

// The same settings for a family's generic trainer (--flow other than realnvp).
Expected<FamilyTrainerConfig> familyConfigFrom(const Args& a, FamilyKind kind) {
  FamilyTrainerConfig f;
  const Expected<TrainerConfig> c = configFrom(a);  // dataset, schedule, optimizer: one set of checks
  if (!c.ok()) return {c.status, f};
  f.data = c.value.data;
  f.flow.kind = kind;
  f.flow.layers = a.layers;
  f.flow.hidden = a.hidden;
  f.flow.depth = a.depth;
  f.flow.activation = c.value.model.activation;
  f.flow.logScaleBound = a.bound;
  f.flow.bins = a.bins;
  f.flow.bound = a.splineBound;
  f.flow.solverSteps = a.solverSteps;
  f.batch = c.value.batch;
  // A family's own default peak rate unless --lr was typed (the continuous flow's is higher).
  f.learningRate = a.lrGiven ? c.value.learningRate : familyDefaultLearningRate(kind);
  f.schedule = c.value.schedule;
  f.adam = c.value.adam;
  f.testSize = c.value.testSize;
  f.seed = c.value.seed;
  return {validateFamilyTrainerConfig(f), f};
}

// What the report and the loop read of either trainer.
int layersOf(const Trainer& t) { return t.config().model.layers; }
int layersOf(const FamilyTrainer& t) { return t.config().flow.layers; }
int hiddenOf(const Trainer& t) { return t.config().model.hidden; }
int hiddenOf(const FamilyTrainer& t) { return t.config().flow.hidden; }
int threadsOf(const Trainer& t) { return t.config().threads; }
int threadsOf(const FamilyTrainer&) { return 1; }
std::string flowOf(const Trainer&) { return "realnvp"; }
std::string flowOf(const FamilyTrainer& t) { return familyName(t.config().flow.kind); }
long long parameterCount(Trainer& t) { return t.model().paramCount(); }
long long parameterCount(FamilyTrainer& t) { return t.flow().paramCount(); }

// The continuous flow's solver: its steps and how far sampling and density disagree.
void printSolverLines(Trainer&) {}
void printSolverLines(FamilyTrainer& t) {
  if (t.config().flow.kind != FamilyKind::Cnf) return;
  Rng rng(t.config().seed ^ 0x1A7E'5011'0E55ULL);
  const Batch z = rng.normalBatch(4096, t.config().flow.dim);
  std::printf("solver_steps=%d\n", t.config().flow.solverSteps);
  std::printf("invertibility_error=%.3g\n", invertibilityError(t.flow(), t.state().params.data(), z));
}

void drawProgress(long long done, long long total, double elapsed, double nll) {
  const int width = 30;
  const int filled = total > 0 ? int(width * done / total) : width;
  const double eta = done > 0 ? elapsed * double(total - done) / double(done) : 0.0;
  std::fprintf(stderr, "\r[%s%s] %lld/%lld  train_nll %.3f  %.1f s left ", std::string(filled, '#').c_str(),
               std::string(width - filled, '.').c_str(), done, total, nll, eta);
  std::fflush(stderr);
}

// The learning rate the stored schedule gives at the checkpoint's step, before any halvings.
double scheduledRate(const TrainerConfig& c, long long step) { return learningRateAt(c.schedule, c.learningRate, step); }

// Resuming: the checkpoint's settings win, unless its schedule has already ended at rate 0 (a
// cosine to 0 past its last step), where training on would change nothing: then a new schedule
// of --steps steps at peak --lr starts at the checkpoint's step (a cosine without warm-up, whose
// moments are already warm, or constant with --schedule constant). Says what it does on stderr.
Status applyResumeFlags(const Args& a, Checkpoint& cp) {
  TrainerConfig& c = cp.config;
  const long long step = cp.family ? cp.familyState.step : cp.state.step;
  double& lrScale = cp.family ? cp.familyState.lrScale : cp.state.lrScale;
  const bool ended = scheduledRate(c, step) <= 0.0;
  if (!ended) {
    if (a.lrGiven || a.scheduleGiven || a.warmupGiven)
      std::fprintf(stderr, "flowlab train: note: --lr, --schedule and --warmup are ignored with --resume; the saved "
                           "schedule continues (learning rate %g at step %lld)\n",
                   scheduledRate(c, step) * lrScale, step);
    return Status::okStatus();
  }
  if (a.steps == 0) return Status::okStatus();
  const auto kind = lrScheduleFromName(a.schedule);
  if (!kind) return Status::error("--schedule must be cosine or constant");
  if (step > (long long)std::numeric_limits<int>::max() - a.steps)
    return Status::error("the checkpoint's step " + std::to_string(step) + " is too large to start a new schedule");
  // warmup = the current step: the formula's warm-up lies in the past, its cosine starts now.
  c.schedule = LrSchedule{*kind, int(step), int(step) + a.steps, LrSchedule{}.finalFraction};
  c.learningRate = a.lr;
  lrScale = 1.0;
  std::fprintf(stderr, "flowlab train: the saved schedule ended at step %lld (learning rate 0); starting a new %s "
                       "schedule of %d steps at peak learning rate %g\n",
               step, a.schedule.c_str(), a.steps, a.lr);
  return validateTrainerConfig(c);
}

// Mean NLL of a fresh batch at the current parameters: the train NLL when no step has been taken
// yet (the moving average has no value then, and "nan" is not an NLL).
double batchNll(Trainer& trainer) {
  Rng rng(trainer.config().seed ^ 0x5EED'0F'BA7C4ULL);
  const MatrixT<float> batch = trainer.dataset().sample(std::max(trainer.config().batch, 4096), rng).cast<float>();
  return -trainer.logProb(batch).cast<double>().mean();
}
double batchNll(FamilyTrainer& trainer) {
  Rng rng(trainer.config().seed ^ 0x5EED'0F'BA7C4ULL);
  return -trainer.logProb(trainer.dataset().sample(std::max(trainer.config().batch, 4096), rng)).mean();
}

// The log: one line per accepted step, "step,batch_nll,,," or, at the end of each chunk of
// --log-every steps, "step,batch_nll,train_nll,learning_rate,test_nll". A line is written only once
// it is complete (the pending step is held back until the next one or the chunk's end), and a
// step that a rollback undid before it was written is dropped, as before.
class CurveLog {
 public:
  explicit CurveLog(std::FILE* f) : f_(f) {
    if (f_) std::fprintf(f_, "step,batch_nll,train_nll,learning_rate,test_nll\n");
  }
  void accepted(long long step, double loss) {
    writePending<Trainer>(nullptr);
    pending_ = true;
    step_ = step;
    loss_ = loss;
  }
  void rolledBackTo(long long step) {
    if (pending_ && step_ > step) pending_ = false;
  }
  template <class T>
  void endChunk(T& t) { writePending(&t); }

 private:
  template <class T = Trainer>
  void writePending(T* t) {
    if (!pending_ || !f_) return;
    std::fprintf(f_, "%lld,%.6f,", step_, loss_);
    if (t)  // train/test NLL once per chunk: the test set costs ~13 steps
      std::fprintf(f_, "%.6f,%.6g,%.6f\n", t->trainNll(), t->currentLearningRate(), t->testNll());
    else
      std::fprintf(f_, ",,\n");
    pending_ = false;
  }
  std::FILE* f_;
  bool pending_ = false;
  long long step_ = 0;
  double loss_ = 0.0;
};

template <class T>
int trainAndReport(const Args& a, T& trainer);

Expected<std::string> checkpointTextOf(const Trainer& t) { return checkpointText(t); }
Expected<std::string> checkpointTextOf(const FamilyTrainer& t) { return familyCheckpointText(t); }

int runFamily(const Args& a, FamilyKind kind) {
  if (a.threadsGiven && a.threads != 1)
    std::fprintf(stderr, "flowlab train: note: --flow %s trains on one thread (--threads is for realnvp)\n", a.flow.c_str());
  if (a.solverStepsGiven && kind != FamilyKind::Cnf)
    std::fprintf(stderr, "flowlab train: note: --solver-steps is for --flow cnf; --flow %s ignores it\n", a.flow.c_str());
  const Expected<FamilyTrainerConfig> config = familyConfigFrom(a, kind);
  if (!config.ok()) {
    std::fprintf(stderr, "flowlab train: %s\n", config.status.message().c_str());
    return kExitBadInput;
  }
  FamilyTrainer trainer(config.value);
  return trainAndReport(a, trainer);
}

// --resume: the file says which family it trains (a --flow typed as well must agree with it).
int resume(const Args& a) {
  const Expected<SceneFile> scene = loadSceneFile(a.resume);
  Expected<Checkpoint> cp = scene.ok() ? readCheckpoint(scene.value) : Expected<Checkpoint>{scene.status, {}};
  if (scene.ok() && !cp.ok()) cp.status = cp.status.withContext(a.resume);
  if (cp.ok()) {
    const std::string saved = cp.value.family ? familyName(cp.value.family->kind) : "realnvp";
    if (a.flowGiven && a.flow != saved)
      cp.status = Status::error(a.resume + ": --flow " + a.flow + " does not match the saved model (" + saved + ")");
  }
  if (cp.ok()) cp.status = applyResumeFlags(a, cp.value).withContext(a.resume);
  if (!cp.ok()) {
    std::fprintf(stderr, "flowlab train: %s\n", cp.status.message().c_str());
    return kExitBadInput;
  }
  auto loaded = [&](auto built) {
    if (!built.ok()) {
      std::fprintf(stderr, "flowlab train: %s\n", built.status.withContext(a.resume).message().c_str());
      return kExitBadInput;
    }
    return trainAndReport(a, *built.value);
  };
  return cp.value.family ? loaded(familyTrainerFromCheckpoint(cp.value)) : loaded(trainerFromCheckpoint(cp.value));
}

// --target / --objective reverse-kl: the fit of app/cli/reverse_kl_run.h from the same knobs.
int runTarget(const Args& a) {
  if (a.objective == "ml") {
    std::fprintf(stderr, "flowlab train: --target fits an unnormalized density, which has no samples for maximum "
                         "likelihood: use --objective reverse-kl (the default with --target)\n");
    return kExitBadInput;
  }
  if (a.target.empty()) {
    std::fprintf(stderr, "flowlab train: --objective reverse-kl needs --target NAME|EXPR (u1, u2, u3, u4, ring, banana, "
                         "mixture, or an expression in x and y)\n");
    return kExitBadInput;
  }
  if (a.dataGiven || !a.resume.empty()) {
    std::fprintf(stderr, "flowlab train: --target replaces the data: --dataset, --noise, --data and --resume do not apply\n");
    return kExitBadInput;
  }
  const auto act = activationFromName(a.activation);
  const auto sched = lrScheduleFromName(a.schedule);
  if (!act || !sched) {
    std::fprintf(stderr, "flowlab train: %s\n", !act ? "--activation must be tanh or relu" : "--schedule must be cosine or constant");
    return kExitBadInput;
  }
  ReverseKlRun r;
  r.target = a.target;
  r.steps = a.stepsGiven ? a.steps : 3000;
  r.estimateSamples = a.estimateSamples;
  r.out = a.out;
  r.log = a.log;
  ReverseKlConfig& c = r.config;
  c.flow = a.flow;
  c.knobs.layers = a.layersGiven ? a.layers : c.knobs.layers;
  c.knobs.hidden = a.hidden;
  c.knobs.depth = a.depth;
  c.knobs.activation = *act;
  c.knobs.logScaleBound = a.bound;
  c.knobs.bins = a.bins;
  c.knobs.bound = a.splineBound;
  c.knobs.solverSteps = a.solverSteps;
  c.batch = a.batch;
  if (a.lrGiven) c.learningRate = a.lr;
  c.schedule = LrSchedule{*sched, a.warmup, std::max(r.steps, 1), LrSchedule{}.finalFraction};
  c.adam.clipNorm = a.clip;
  c.seed = a.seed;
  c.annealSteps = a.anneal;
  return runReverseKl(r);
}

int run(const Args& a) {
  if (!a.target.empty() || !a.objective.empty()) {
    if (a.objective.empty() || a.objective == "reverse-kl" || (a.objective == "ml" && !a.target.empty()))
      return runTarget(a);
    if (a.objective != "ml") {
      std::fprintf(stderr, "flowlab train: --objective must be ml or reverse-kl (got '%s')\n", a.objective.c_str());
      return kExitBadInput;
    }
  }
  if (a.flow == "planar" || a.flow == "radial") {
    std::fprintf(stderr, "flowlab train: --flow %s fits targets by reverse KL: add --target NAME|EXPR\n", a.flow.c_str());
    return kExitBadInput;
  }
  if (a.warmup < 0) {
    std::fprintf(stderr, "flowlab train: --warmup must be >= 0 (got %d)\n", a.warmup);
    return kExitBadInput;
  }
  const std::optional<FamilyKind> kind = familyFromName(a.flow);
  if (!kind) {
    std::string names;
    for (const std::string& n : familyNames()) names += (names.empty() ? "" : ", ") + n;
    std::fprintf(stderr, "flowlab train: --flow must be one of %s (got '%s')\n", names.c_str(), a.flow.c_str());
    return kExitBadInput;
  }
  if (!a.resume.empty()) return resume(a);
  if (*kind != FamilyKind::RealNvp) return runFamily(a, *kind);
  if (a.solverStepsGiven)
    std::fprintf(stderr, "flowlab train: note: --solver-steps is for --flow cnf; --flow realnvp ignores it\n");
  const Expected<TrainerConfig> config = configFrom(a);
  if (!config.ok()) {
    std::fprintf(stderr, "flowlab train: %s\n", config.status.message().c_str());
    return kExitBadInput;
  }
  auto trainer = std::make_unique<Trainer>(config.value);
  return trainAndReport(a, *trainer);
}

template <class T>
int trainAndReport(const Args& a, T& trainerRef) {
  T* trainer = &trainerRef;
  // Both outputs are opened (as temporaries beside their targets) before training, so an
  // unwritable path is reported now, not after the run; they replace their targets only when
  // complete, so an interrupted or failed run leaves the previous files as they were.
  InterruptGuard interrupts;
  std::unique_ptr<AtomicFile> out, logFile;
  for (auto [path, file] : {std::pair{&a.out, &out}, std::pair{&a.log, &logFile}}) {
    if (path->empty()) continue;
    *file = std::make_unique<AtomicFile>(*path);
    if (!(*file)->status().ok()) {
      std::fprintf(stderr, "flowlab train: %s\n", (*file)->status().message().c_str());
      return kExitInvalid;
    }
    if (!(*file)->temporaryPath().empty()) InterruptGuard::removeOnForcedExit((*file)->temporaryPath());
  }
  CurveLog log(logFile ? logFile->file() : nullptr);
  const bool terminal = isatty(STDERR_FILENO);
  using Clock = std::chrono::steady_clock;
  double trainSeconds = 0.0;
  auto lastDraw = Clock::now();
  // Chunks small enough for a lively progress bar and the log's test-NLL cadence; the steps
  // themselves are taken one at a time, so Ctrl+C stops after the current step.
  const int chunk = logFile ? a.logEvery : 50;
  int done = 0;
  while (done < a.steps && InterruptGuard::signalReceived() == 0) {
    const int n = std::min(chunk, a.steps - done);
    const auto t0 = Clock::now();
    for (int i = 0; i < n && InterruptGuard::signalReceived() == 0; ++i) {
      const auto r = trainer->step(1);
      ++done;
      // As a float, as the trainer keeps its curve: the log matches earlier versions byte for byte.
      if (r.accepted > 0) log.accepted(trainer->stepCount(), double(float(r.lastLoss)));
      if (r.rolledBack > 0) log.rolledBackTo(trainer->stepCount());
      if (r.accepted == 0 && r.rolledBack > 0 && trainer->currentLearningRate() < 1e-12) {
        std::fprintf(stderr, "\nflowlab train: every step is non-finite even at lr %g; giving up (nothing saved)\n",
                     trainer->currentLearningRate());
        return kExitInvalid;
      }
    }
    trainSeconds += std::chrono::duration<double>(Clock::now() - t0).count();
    log.endChunk(*trainer);
    if (terminal && (std::chrono::duration<double>(Clock::now() - lastDraw).count() > 0.1 || done == a.steps)) {
      drawProgress(done, a.steps, trainSeconds, trainer->trainNll());
      lastDraw = Clock::now();
    }
  }
  if (terminal) std::fprintf(stderr, "\n");
  const int signo = InterruptGuard::signalReceived();
  if (signo != 0)
    std::fprintf(stderr, "flowlab train: interrupted after %d of %d steps (step %lld); saving and stopping\n", done,
                 a.steps, trainer->stepCount());
  if (logFile) {
    if (Status s = logFile->commit(); !s.ok()) {
      std::fprintf(stderr, "flowlab train: %s\n", s.message().c_str());
      return kExitInvalid;
    }
  }
  {
    if (out) {
      const Expected<std::string> text = checkpointTextOf(*trainer);
      if (text.ok()) std::fwrite(text.value.data(), 1, text.value.size(), out->file());
      const Status s = text.ok() ? out->commit() : text.status;
      if (!s.ok()) {
        std::fprintf(stderr, "flowlab train: %s\n", s.message().c_str());
        return kExitInvalid;
      }
    }
  }
  const double test = trainer->testNll();
  const double train = trainer->stepCount() > 0 ? trainer->trainNll() : batchNll(*trainer);
  if (!std::isfinite(test) || !std::isfinite(train)) {
    std::fprintf(stderr, "flowlab train: the NLL is not finite (train %g, test %g)\n", train, test);
    return kExitInvalid;
  }
  const Dataset& data = trainer->dataset();
  std::printf("dataset=%s noise=%g layers=%d hidden=%d steps=%lld threads=%d\n", data.name().c_str(),
              data.spec().noise, layersOf(*trainer), hiddenOf(*trainer), trainer->stepCount(), threadsOf(*trainer));
  std::printf("flow=%s\nparameters=%lld\n", flowOf(*trainer).c_str(), parameterCount(*trainer));
  printSolverLines(*trainer);
  if (data.ownData())
    std::printf("points=%lld\ntrain_points=%lld\ntest_points=%lld\n", (long long)data.spec().points->raw.rows(),
                (long long)data.spec().points->train.rows(), (long long)data.spec().points->test.rows());
  std::printf("non_finite_events=%d\n", trainer->nonFiniteEvents());
  // An unknown floor (own points whose estimate failed) is printed as "unknown", never as nan.
  const bool floorKnown = data.floorKnown();
  if (!floorKnown) std::fprintf(stderr, "flowlab train: the entropy floor is unknown: %s\n", data.floorNote().c_str());
  if (floorKnown)
    std::printf("gap_to_floor=%.4f\n", test - trainer->entropyFloor());
  else
    std::printf("gap_to_floor=unknown\n");
  std::printf("train_nll=%.4f\n", train);
  std::printf("test_nll=%.4f\n", test);
  if (floorKnown)
    std::printf("floor=%.4f\n", trainer->entropyFloor());
  else
    std::printf("floor=unknown\n");
  std::printf("floor_is_estimate=%d\n", data.floorIsEstimate() ? 1 : 0);
  if (data.floorIsEstimate()) {
    if (floorKnown)
      std::printf("floor_stderr=%.4f\n", data.floorStdError());
    else
      std::printf("floor_stderr=unknown\n");
  }
  std::printf("steps_per_sec=%.1f\n", trainSeconds > 0 ? done / trainSeconds : 0.0);
  if (!flushOutput(stdout, "train", "to standard output")) return kExitInvalid;
  return signo != 0 ? 128 + signo : kExitOk;
}

}  // namespace

void addTrainCommand(CLI::App& root, CommandResult& result) {
  auto* sub = root.add_subcommand("train", "Train a flow (RealNVP, or another family with --flow) on a toy dataset or your own points (no display); prints NLLs and speed");
  auto a = std::make_shared<Args>();
  auto* dataset = sub->add_option("--dataset", a->dataset, "moons, circles, 8gaussians, checkerboard, pinwheel or spirals");
  auto* noise = sub->add_option("--noise", a->noise, "Gaussian noise σ of the dataset (moons default 0.05)")->check(finiteNumber());
  auto* data = sub->add_option("--data", a->data,
                  "Train on your own points instead: a CSV file of x,y lines (10 to 1,000,000 points). They are "
                  "standardized by their own mean and standard deviation and split 80/20 (train/test) by a fixed "
                  "seed; --test-size is unused. The floor is then a k-nearest-neighbour estimate "
                  "(floor_is_estimate=1, floor_stderr=...), and --out stores the points");
  data->excludes(dataset)->excludes(noise);
  auto* flow = sub->add_option("--flow", a->flow,
                  "The flow family: realnvp (default; affine couplings, the fast float path), nice (additive "
                  "couplings + diagonal scaling), glow (ActNorm + LU linear + affine coupling), maf, iaf (MADE "
                  "autoregressive layers; IAF's density takes D passes), nsf (rational-quadratic spline couplings), "
                  "cnf (a continuous flow: an ODE dz/dt = g(z, t) solved by RK4, --layers time segments, its own "
                  "default --lr 2e-2; --depth and --activation do not apply). --out saves any family; --resume continues "
                  "the family the file holds");
  sub->add_option("--bins", a->bins, "nsf: spline bins K (default 8)")->check(CLI::Range(2, 64));
  sub->add_option("--spline-bound", a->splineBound, "nsf: the spline covers [-B, B], linear tails outside (default 4)")
      ->check(finiteNumber());
  auto* solverSteps = sub->add_option("--solver-steps", a->solverSteps,
                                      "cnf: fixed RK4 steps per time segment, 1 to 256 (default 8)");
  a->layersOption = sub->add_option("--layers", a->layers, "Coupling layers, Glow steps, autoregressive layers or cnf time segments (default 6)");
  sub->add_option("--hidden", a->hidden, "Hidden width of each conditioner MLP (default 64)");
  sub->add_option("--depth", a->depth, "Hidden layers per conditioner (default 2: 1 → H → H → 2)");
  sub->add_option("--activation", a->activation, "tanh (default) or relu");
  a->stepsOption = sub->add_option("--steps", a->steps, "Training steps (default 2000; also the cosine schedule's length)")
      ->transform(wholeNumber(0, 100000000));
  sub->add_option("--batch", a->batch, "Batch size (default 256)");
  auto* lr = sub->add_option("--lr", a->lr, "Peak learning rate (default 6e-3; cnf 2e-2)")->check(finiteNumber());
  auto* schedule = sub->add_option("--schedule", a->schedule, "cosine (default: warm-up, then cosine to 0) or constant");
  auto* warmup = sub->add_option("--warmup", a->warmup, "Warm-up steps of the cosine schedule (default 200)");
  sub->add_option("--clip", a->clip, "Clip the gradient norm at this value; 0 = off (default 5)")
      ->check(finiteNumber() & CLI::NonNegativeNumber);
  sub->add_option("--bound", a->bound, "Log-scale bound c in s = c·tanh(s̃/c) (default 2)")->check(finiteNumber());
  sub->add_option("--seed", a->seed, "Seed of the initialisation, batches and test set (default 0)")->check(seedNumber());
  auto* threads = sub->add_option("--threads", a->threads, "Threads splitting each batch (default 1); same seed + threads, same curve");
  sub->add_option("--test-size", a->testSize, "Held-out test points (default 16384; with --data the test split is used)");
  sub->add_option("--out", a->out, "Save the trained flow (+ optimizer state) as a scene file");
  sub->add_option("--log", a->log, "Write the curve as CSV: step,batch_nll,train_nll,learning_rate,test_nll");
  sub->add_option("--log-every", a->logEvery, "Steps between train/test NLL entries in the log (default 100)")
      ->check(CLI::Range(1, 1000000));
  auto* resume = sub->add_option("--resume", a->resume,
                  "Continue from a scene file saved with --out (its settings win; a schedule that has ended at "
                  "learning rate 0 is replaced by a new one of --steps steps at peak --lr)");
  resume->excludes(data);
  sub->add_option("--target", a->target,
                  "Fit the flow to an unnormalized log-density u(x, y) by reverse KL instead of data: a preset (u1, u2, "
                  "u3, u4 of Rezende & Mohamed 2015, ring, banana, mixture) or an expression such as "
                  "\"-(x^2 + y^2)/2\". --flow may then also be planar or radial (--layers of them); default 3000 steps, "
                  "8 layers, --lr 3e-3. Prints reverse_kl=, log_z=, log_z_stderr=, ess=");
  sub->add_option("--objective", a->objective, "ml (maximum likelihood on data, the default) or reverse-kl (with --target)");
  sub->add_option("--estimate-samples", a->estimateSamples,
                  "--target: fresh samples for the importance-sampling log Z and ESS (default 20000)")
      ->check(CLI::Range(100, 10000000));
  sub->add_option("--anneal", a->anneal,
                  "--target: anneal over the first N steps from a broad Gaussian to the target (u_β = β·u + (1 − β)·log "
                  "N(0, 3²I)), which keeps reverse KL from dropping well-separated modes (default 0: off)")
      ->check(CLI::Range(0, 100000000));
  sub->callback([&result, a, lr, schedule, warmup, threads, solverSteps, flow, dataset, noise, data] {
    result.ran = true;
    a->flowGiven = flow->count() > 0;
    a->threadsGiven = threads->count() > 0;
    a->lrGiven = lr->count() > 0;
    a->scheduleGiven = schedule->count() > 0;
    a->warmupGiven = warmup->count() > 0;
    a->solverStepsGiven = solverSteps->count() > 0;
    a->dataGiven = dataset->count() + noise->count() + data->count() > 0;
    a->stepsGiven = a->stepsOption->count() > 0;
    a->layersGiven = a->layersOption->count() > 0;
    result.exitCode = run(*a);
  });
}

}  // namespace flowlab::app
