// flowlab check --scene FILE: exit 0 when the scene is valid; 1 when it is invalid (each problem on
// its own line of stdout); 2 when the file is unreadable or malformed (the error on stderr).
#include <cstdio>
#include <string>
#include <vector>

#include "app/cli/cli_checks.h"
#include "app/cli/command.h"
#include "core/scene/scene_file.h"

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

}  // namespace

void addCheckCommand(CLI::App& root, CommandResult& result) {
  auto* sub = root.add_subcommand("check", "Validate a scene file: exit 0 valid, 1 invalid, 2 unreadable/malformed");
  auto scene = std::make_shared<std::string>();
  sub->add_option("--scene", *scene, "Scene file (JSON)")->required();
  sub->callback([&result, scene] {
    result.ran = true;
    const Expected<SceneFile> loaded = loadSceneFile(*scene);
    if (!loaded.ok()) {
      std::fprintf(stderr, "%s\n", loaded.status.message().c_str());
      result.exitCode = kExitBadInput;
      return;
    }
    const std::vector<std::string> problems = problemsOf(loaded.value.flow);
    for (const std::string& p : problems) std::printf("%s: %s\n", scene->c_str(), p.c_str());
    if (problems.empty())
      std::printf("%s: valid (%dD, %d layers, %d enabled)\n", scene->c_str(), loaded.value.dim,
                  loaded.value.flow.layerCount(), loaded.value.flow.enabledCount());
    result.exitCode = problems.empty() ? kExitOk : kExitInvalid;
    if (!flushOutput(stdout, "check", "to standard output")) result.exitCode = kExitInvalid;
  });
}

}  // namespace flowlab::app
