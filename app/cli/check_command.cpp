// flowlab check --scene FILE: exit 0 when the scene is valid; 1 when it is invalid (each problem on
// its own line of stdout); 2 when the file is unreadable or malformed (the error on stderr).
// A training scene (core/train/training_scene.h) is checked as one: valid (exit 0) prints what it
// trains, "FILE: valid training scene: <dataset; architecture; optimizer and schedule; weights>",
// then "title=", "chapter=", "dataset=", "noise=", "layers=", "hidden=", "depth=", "activation=",
// "steps=", "weights_step=" (-1 without weights) lines; a flow family's scene (chapter 6) adds "flow=".
// A scene with a reverse-KL "target" (core/energy/target_json.h) adds "target=", "target_description="
// and, for a saved fit, "fit_flow=", "fit_steps=", "fit_reverse_kl=", "fit_log_z=", "fit_log_z_stderr=", "fit_ess=".
#include <cstdio>
#include <string>
#include <vector>

#include "app/cli/cli_checks.h"
#include "app/cli/command.h"
#include "core/energy/target_json.h"
#include "core/io/read_file.h"
#include "core/scene/scene_steps.h"
#include "core/scene/scene_file.h"
#include "core/train/training_scene.h"

namespace flowlab::app {
namespace {

// Beyond each layer's validate(): evaluate the flow once on seeded samples, so a layer that
// overflows on ordinary points is reported here rather than as a broken view.
std::vector<std::string> problemsOf(const Flow& flow) {
  std::vector<std::string> problems = flow.problems();
  if (!problems.empty()) return problems;
  const Expected<Batch> samples = flow.sample(1000, 0);
  if (!samples.ok()) return {samples.status.message()};
  const Expected<Vector> logProb = flow.logProb(samples.value);
  if (!logProb.ok()) return {logProb.status.message()};
  return {};
}

bool isTrainingSceneFile(const std::string& path) {
  const Expected<std::string> text = readTextFile(path);
  if (!text.ok()) return false;
  const Json j = Json::parse(text.value, nullptr, false);
  return !j.is_discarded() && isTrainingScene(j);
}

int checkTrainingScene(const std::string& path) {
  const Expected<TrainingScene> t = loadTrainingScene(path);
  if (!t.ok()) {
    std::fprintf(stderr, "%s\n", t.status.message().c_str());
    return kExitBadInput;
  }
  const TrainingScene& s = t.value;
  const TrainerConfig& c = s.config;
  if (s.weights) {  // the trained flow, checked as any 2D scene's
    const Expected<SceneFile> flow = loadSceneFile(path);
    const std::vector<std::string> problems =
        flow.ok() ? problemsOf(flow.value.flow) : std::vector<std::string>{flow.status.message()};
    for (const std::string& p : problems) std::printf("%s: %s\n", path.c_str(), p.c_str());
    if (!problems.empty()) return kExitInvalid;
    std::printf("%s: valid (%dD, %d layers, %d enabled)\n", path.c_str(), flow.value.dim, flow.value.flow.layerCount(),
                flow.value.flow.enabledCount());
  }
  std::printf("%s: valid training scene: %s\n", path.c_str(), describeTrainingScene(s).c_str());
  // A flow family's scene: its block's sizes (and flow=<family>); a RealNVP's: its architecture.
  const FamilyConfig f = s.family.value_or(FamilyConfig{FamilyKind::RealNvp, 2, c.model.layers, c.model.hidden,
                                                        c.model.depth, c.model.activation});
  const long long weightsStep = !s.weights ? -1LL : s.family ? s.weights->familyState.step : s.weights->state.step;
  std::printf("title=%s\nchapter=%d\ndataset=%s\nnoise=%g\nlayers=%d\nhidden=%d\ndepth=%d\nactivation=%s\nsteps=%d\n"
              "weights_step=%lld\n",
              s.title.c_str(), s.chapter, datasetName(c.data.kind).c_str(), c.data.noise, f.layers, f.hidden, f.depth,
              activationName(f.activation).c_str(), c.schedule.total, weightsStep);
  if (s.family) std::printf("flow=%s\n", familyName(s.family->kind).c_str());
  return kExitOk;
}

}  // namespace

void addCheckCommand(CLI::App& root, CommandResult& result) {
  auto* sub = root.add_subcommand("check", "Validate a scene file: exit 0 valid, 1 invalid, 2 unreadable/malformed");
  auto scene = std::make_shared<std::string>();
  sub->add_option("--scene", *scene, "Scene file (JSON)")->required();
  sub->callback([&result, scene] {
    result.ran = true;
    if (isTrainingSceneFile(*scene)) {
      result.exitCode = checkTrainingScene(*scene);
      if (!flushOutput(stdout, "check", "to standard output")) result.exitCode = kExitInvalid;
      return;
    }
    const Expected<SceneFile> loaded = loadSceneFile(*scene);
    if (!loaded.ok()) {
      std::fprintf(stderr, "%s\n", loaded.status.message().c_str());
      result.exitCode = kExitBadInput;
      return;
    }
    // Guided steps must name layers and parameters the flow has: malformed ones are bad input.
    const Expected<std::vector<SceneStep>> steps = readSceneSteps(loaded.value);
    if (!steps.ok()) {
      const Expected<std::string> text = readTextFile(*scene);
      std::fprintf(stderr, "%s\n",
                   text.ok() ? locateSceneError(steps.status, text.value, *scene).message().c_str()
                             : steps.status.message().c_str());
      result.exitCode = kExitBadInput;
      return;
    }
    const std::vector<std::string> problems = problemsOf(loaded.value.flow);
    for (const std::string& p : problems) std::printf("%s: %s\n", scene->c_str(), p.c_str());
    if (problems.empty())
      std::printf("%s: valid (%dD, %d layers, %d enabled)\n", scene->c_str(), loaded.value.dim,
                  loaded.value.flow.layerCount(), loaded.value.flow.enabledCount());
    if (!steps.value.empty()) std::printf("steps=%zu\n", steps.value.size());
    // A reverse-KL target (validated by the loader): what it is, and the fit's numbers when saved.
    if (loaded.value.extras.contains("target")) {
      const Expected<TargetPtr> target = readTargetJson(loaded.value.extras["target"]);
      if (target.ok()) std::printf("target=%s\ntarget_description=%s\n", target.value->name().c_str(),
                                   target.value->description().c_str());
      const Json& fit = loaded.value.extras.contains("fit") ? loaded.value.extras["fit"] : Json();
      for (const char* key : {"flow", "steps", "reverse_kl", "log_z", "log_z_stderr", "ess"})
        if (fit.is_object() && fit.contains(key)) std::printf("fit_%s=%s\n", key, fit[key].is_string() ? fit[key].get<std::string>().c_str() : fit[key].dump().c_str());
    }
    result.exitCode = problems.empty() ? kExitOk : kExitInvalid;
    if (!flushOutput(stdout, "check", "to standard output")) result.exitCode = kExitInvalid;
  });
}

}  // namespace flowlab::app
