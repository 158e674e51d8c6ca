#include "app/cli/reverse_kl_run.h"

#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>

#include "app/cli/command.h"
#include "app/cli/interrupt.h"
#include "core/energy/fitted_scene.h"
#include "core/io/atomic_write.h"

namespace flowlab::app {

int runReverseKl(const ReverseKlRun& run) {
  Expected<TargetPtr> target = makeTarget(run.target);
  if (!target.ok()) {
    std::fprintf(stderr, "flowlab train: --target: %s\n", target.status.message().c_str());
    return kExitBadInput;
  }
  if (Status s = validateReverseKlConfig(run.config); !s.ok()) {
    std::fprintf(stderr, "flowlab train: %s\n", s.message().c_str());
    return kExitBadInput;
  }
  // Refuse a target undefined at the origin's neighbourhood now rather than as a diverging run.
  {
    Batch probe(1, 2);
    probe << 0.1, -0.1;
    if (!std::isfinite(target.value->logDensity(probe)(0)))
      std::fprintf(stderr, "flowlab train: note: u(0.1, -0.1) is not finite; steps whose samples land there are rolled back\n");
  }
  InterruptGuard interrupts;
  std::unique_ptr<AtomicFile> out, logFile;
  for (auto [path, file] : {std::pair{&run.out, &out}, std::pair{&run.log, &logFile}}) {
    if (path->empty()) continue;
    *file = std::make_unique<AtomicFile>(*path);
    if (!(*file)->status().ok()) {
      std::fprintf(stderr, "flowlab train: %s\n", (*file)->status().message().c_str());
      return kExitInvalid;
    }
    if (!(*file)->temporaryPath().empty()) InterruptGuard::removeOnForcedExit((*file)->temporaryPath());
  }
  ReverseKlTrainer trainer(run.config, std::move(target.value));
  if (logFile) std::fprintf(logFile->file(), "step,loss,learning_rate\n");
  using Clock = std::chrono::steady_clock;
  const bool terminal = isatty(STDERR_FILENO);
  const auto t0 = Clock::now();
  auto lastDraw = t0;
  int done = 0, stalled = 0;
  while (done < run.steps && InterruptGuard::signalReceived() == 0) {
    const int accepted = trainer.step(1);
    ++done;
    stalled = accepted ? 0 : stalled + 1;
    if (accepted && logFile)
      std::fprintf(logFile->file(), "%lld,%.6f,%.6g\n", trainer.stepCount(), double(trainer.curve().back()),
                   trainer.currentLearningRate());
    if (stalled >= 40) {
      std::fprintf(stderr, "\nflowlab train: 40 steps in a row were non-finite (learning rate now %g): the target is "
                           "undefined or unbounded where the flow samples; giving up (nothing saved)\n",
                   trainer.currentLearningRate());
      return kExitInvalid;
    }
    if (terminal && std::chrono::duration<double>(Clock::now() - lastDraw).count() > 0.1) {
      std::fprintf(stderr, "\r%d/%d  loss %.4f ", done, run.steps, trainer.loss());
      lastDraw = Clock::now();
    }
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  if (terminal) std::fprintf(stderr, "\n");
  const int signo = InterruptGuard::signalReceived();
  if (signo != 0) std::fprintf(stderr, "flowlab train: interrupted after %d of %d steps; saving and stopping\n", done, run.steps);
  const ReverseKlEstimate e = trainer.estimate(run.estimateSamples, run.config.seed ^ 0xE571'3A7EULL);
  if (logFile) {
    if (Status s = logFile->commit(); !s.ok()) {
      std::fprintf(stderr, "flowlab train: %s\n", s.message().c_str());
      return kExitInvalid;
    }
  }
  if (out) {
    const Expected<Json> json = sceneToJson(fittedFlowScene(trainer, e));
    const std::string text = json.ok() ? json.value.dump(2) + "\n" : std::string();
    if (json.ok()) std::fwrite(text.data(), 1, text.size(), out->file());
    const Status s = json.ok() ? out->commit() : json.status;
    if (!s.ok()) {
      std::fprintf(stderr, "flowlab train: %s\n", s.message().c_str());
      return kExitInvalid;
    }
  }
  std::printf("objective=reverse-kl\n");
  std::printf("target=%s\n", trainer.target().name().c_str());
  std::printf("flow=%s\nlayers=%d\nparameters=%d\n", run.config.flow.c_str(), run.config.knobs.layers,
              trainer.flow().paramCount());
  std::printf("steps=%lld\nnon_finite_events=%d\n", trainer.stepCount(), trainer.nonFiniteEvents());
  std::printf("anneal_steps=%d\n", run.config.annealSteps);
  std::printf("loss=%.4f\n", trainer.loss());
  std::printf("reverse_kl=%.4f\n", e.reverseKl);
  std::printf("reverse_kl_uses_true_log_z=%d\n", e.logZKnown ? 1 : 0);
  std::printf("log_z=%.4f\n", e.importance.logZ);
  std::printf("log_z_stderr=%.4f\n", e.importance.logZStderr);
  if (const auto z = trainer.target().knownLogZ()) std::printf("log_z_true=%.4f\n", *z);
  std::printf("ess=%.1f\n", e.importance.ess);
  std::printf("ess_fraction=%.4f\n", e.importance.samples ? e.importance.ess / e.importance.samples : 0.0);
  std::printf("estimate_samples=%d\n", e.importance.samples);
  std::printf("steps_per_sec=%.1f\n", seconds > 0 ? done / seconds : 0.0);
  std::fflush(stdout);
  return signo != 0 ? 128 + signo : kExitOk;
}

}  // namespace flowlab::app
