// flowlab train --dataset moons [--noise 0.05] --layers 6 --hidden 64 --steps 2000 --batch 256
//               --lr 6e-3 --seed 0 [--threads T] [--out model.json] [--log curve.csv]
// Trains a RealNVP (core/train/trainer.h) without a display. On a terminal, a progress bar with
// ETA goes to stderr; stdout ends with the lines train_nll=…, test_nll=…, floor=…, steps_per_sec=…
// (nats per point, standardized coordinates; steps/s counts training steps only).
// --out saves a scene file with the optimizer state (--resume continues from one).
// Exit 1 when training cannot continue or a file cannot be written, 2 on bad options or input.
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "app/cli/command.h"
#include "core/train/checkpoint.h"

namespace flowlab::app {

namespace {

struct Args {
  std::string dataset = "moons", activation = "tanh", schedule = "cosine", out, log, resume;
  double noise = -1.0, lr = TrainerConfig{}.learningRate, clip = defaultAdam().clipNorm,
         bound = RealNvpConfig{}.logScaleBound;
  int layers = 6, hidden = 64, depth = 2, steps = 2000, batch = 256, threads = 1, warmup = LrSchedule{}.warmup, testSize = 16384,
      logEvery = 100;
  std::uint64_t seed = 0;
};

Expected<TrainerConfig> configFrom(const Args& a) {
  TrainerConfig c;
  const Expected<Dataset> data = Dataset::make(a.dataset, a.noise);
  if (!data.ok()) return {data.status, c};
  c.data = data.value.spec();
  const auto act = activationFromName(a.activation);
  const auto sched = lrScheduleFromName(a.schedule);
  if (!act) return {Status::error("--activation must be tanh or relu"), c};
  if (!sched) return {Status::error("--schedule must be cosine or constant"), c};
  c.model = RealNvpConfig{a.layers, a.hidden, a.depth, *act, a.bound};
  c.batch = a.batch;
  c.learningRate = a.lr;
  c.schedule = LrSchedule{*sched, a.warmup, a.steps, LrSchedule{}.finalFraction};
  c.adam.clipNorm = a.clip;
  c.testSize = a.testSize;
  c.seed = a.seed;
  c.threads = a.threads;
  return {validateTrainerConfig(c), c};
}

void drawProgress(long long done, long long total, double elapsed, double nll) {
  const int width = 30;
  const int filled = total > 0 ? int(width * done / total) : width;
  const double eta = done > 0 ? elapsed * double(total - done) / double(done) : 0.0;
  std::fprintf(stderr, "\r[%s%s] %lld/%lld  train_nll %.3f  %.1f s left ", std::string(filled, '#').c_str(),
               std::string(width - filled, '.').c_str(), done, total, nll, eta);
  std::fflush(stderr);
}

int run(const Args& a) {
  std::unique_ptr<Trainer> trainer;
  if (!a.resume.empty()) {
    Expected<std::unique_ptr<Trainer>> loaded = loadCheckpoint(a.resume);
    if (!loaded.ok()) {
      std::fprintf(stderr, "flowlab train: %s\n", loaded.status.message().c_str());
      return kExitBadInput;
    }
    trainer = std::move(loaded.value);
  } else {
    const Expected<TrainerConfig> config = configFrom(a);
    if (!config.ok()) {
      std::fprintf(stderr, "flowlab train: %s\n", config.status.message().c_str());
      return kExitBadInput;
    }
    trainer = std::make_unique<Trainer>(config.value);
  }
  std::FILE* log = nullptr;
  if (!a.log.empty()) {
    log = std::fopen(a.log.c_str(), "w");
    if (!log) {
      std::fprintf(stderr, "flowlab train: %s: cannot write file\n", a.log.c_str());
      return kExitInvalid;
    }
    std::fprintf(log, "step,batch_nll,train_nll,learning_rate,test_nll\n");
  }
  const bool terminal = isatty(STDERR_FILENO);
  using Clock = std::chrono::steady_clock;
  double trainSeconds = 0.0;
  auto lastDraw = Clock::now();
  size_t logged = 0;
  // Chunks small enough for a lively progress bar and the log's test-NLL cadence.
  const int chunk = log ? a.logEvery : 50;
  for (int done = 0; done < a.steps;) {
    const int n = std::min(chunk, a.steps - done);
    const auto t0 = Clock::now();
    const StepReport r = trainer->step(n);
    trainSeconds += std::chrono::duration<double>(Clock::now() - t0).count();
    done += n;
    if (r.accepted == 0 && r.rolledBack > 0 && trainer->currentLearningRate() < 1e-12) {
      std::fprintf(stderr, "\nflowlab train: every step is non-finite even at lr %g; giving up\n",
                   trainer->currentLearningRate());
      if (log) std::fclose(log);
      return kExitInvalid;
    }
    if (log) {
      const std::vector<float>& curve = trainer->curve();
      logged = std::min(logged, curve.size());  // a rollback may have removed entries
      const long long base = trainer->stepCount() - (long long)curve.size();
      for (size_t i = logged; i < curve.size(); ++i) {
        std::fprintf(log, "%lld,%.6f,", base + (long long)i + 1, curve[i]);
        if (i + 1 == curve.size())  // train/test NLL once per chunk: the test set costs ~13 steps
          std::fprintf(log, "%.6f,%.6g,%.6f\n", trainer->trainNll(), trainer->currentLearningRate(), trainer->testNll());
        else
          std::fprintf(log, ",,\n");
      }
      logged = curve.size();
    }
    if (terminal && (std::chrono::duration<double>(Clock::now() - lastDraw).count() > 0.1 || done == a.steps)) {
      drawProgress(done, a.steps, trainSeconds, trainer->trainNll());
      lastDraw = Clock::now();
    }
  }
  if (terminal) std::fprintf(stderr, "\n");
  if (log) std::fclose(log);
  if (!a.out.empty()) {
    if (Status s = saveCheckpoint(*trainer, a.out); !s.ok()) {
      std::fprintf(stderr, "flowlab train: %s\n", s.message().c_str());
      return kExitInvalid;
    }
  }
  const double test = trainer->testNll();
  std::printf("dataset=%s noise=%g layers=%d hidden=%d steps=%lld threads=%d\n", trainer->dataset().name().c_str(),
              trainer->dataset().spec().noise, trainer->config().model.layers, trainer->config().model.hidden,
              trainer->stepCount(), trainer->config().threads);
  std::printf("non_finite_events=%d\n", trainer->nonFiniteEvents());
  std::printf("gap_to_floor=%.4f\n", test - trainer->entropyFloor());
  std::printf("train_nll=%.4f\n", trainer->trainNll());
  std::printf("test_nll=%.4f\n", test);
  std::printf("floor=%.4f\n", trainer->entropyFloor());
  std::printf("steps_per_sec=%.1f\n", trainSeconds > 0 ? a.steps / trainSeconds : 0.0);
  return kExitOk;
}

}  // namespace

void addTrainCommand(CLI::App& root, CommandResult& result) {
  auto* sub = root.add_subcommand("train", "Train a RealNVP on a toy dataset (no display); prints NLLs and speed");
  auto a = std::make_shared<Args>();
  sub->add_option("--dataset", a->dataset, "moons, circles, 8gaussians, checkerboard, pinwheel or spirals");
  sub->add_option("--noise", a->noise, "Gaussian noise σ of the dataset (moons default 0.05)");
  sub->add_option("--layers", a->layers, "Coupling layers (default 6)");
  sub->add_option("--hidden", a->hidden, "Hidden width of each conditioner MLP (default 64)");
  sub->add_option("--depth", a->depth, "Hidden layers per conditioner (default 2: 1 → H → H → 2)");
  sub->add_option("--activation", a->activation, "tanh (default) or relu");
  sub->add_option("--steps", a->steps, "Training steps (default 2000; also the cosine schedule's length)")
      ->check(CLI::Range(0, 100000000));
  sub->add_option("--batch", a->batch, "Batch size (default 256)");
  sub->add_option("--lr", a->lr, "Peak learning rate (default 6e-3)");
  sub->add_option("--schedule", a->schedule, "cosine (default: warm-up, then cosine to 0) or constant");
  sub->add_option("--warmup", a->warmup, "Warm-up steps of the cosine schedule (default 200)");
  sub->add_option("--clip", a->clip, "Clip the gradient norm at this value; 0 = off (default 5)");
  sub->add_option("--bound", a->bound, "Log-scale bound c in s = c·tanh(s̃/c) (default 2)");
  sub->add_option("--seed", a->seed, "Seed of the initialisation, batches and test set (default 0)");
  sub->add_option("--threads", a->threads, "Threads splitting each batch (default 1); same seed + threads, same curve");
  sub->add_option("--test-size", a->testSize, "Held-out test points (default 16384)");
  sub->add_option("--out", a->out, "Save the trained flow (+ optimizer state) as a scene file");
  sub->add_option("--log", a->log, "Write the curve as CSV: step,batch_nll,train_nll,learning_rate,test_nll");
  sub->add_option("--log-every", a->logEvery, "Steps between train/test NLL entries in the log (default 100)")
      ->check(CLI::Range(1, 1000000));
  sub->add_option("--resume", a->resume, "Continue from a scene file saved with --out (its settings win)");
  sub->callback([&result, a] {
    result.ran = true;
    result.exitCode = run(*a);
  });
}

}  // namespace flowlab::app
