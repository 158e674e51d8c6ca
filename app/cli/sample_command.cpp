// flowlab sample --scene FILE --n N --seed S: N samples as CSV on stdout (1D: x; 2D: x,y), %.17g.
// Exit 1 when the flow is invalid (problems on stderr), 2 when the scene is unreadable or malformed.
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include "app/cli/cli_checks.h"
#include "app/cli/command.h"
#include "core/scene/points_csv.h"
#include "core/scene/scene_file.h"

namespace flowlab::app {

void addSampleCommand(CLI::App& root, CommandResult& result) {
  auto* sub = root.add_subcommand("sample", "Draw N samples x = f(z) from a scene's flow as CSV on stdout");
  struct Args {
    std::string scene;
    int n = 1000;
    std::uint64_t seed = 0;
  };
  auto args = std::make_shared<Args>();
  sub->add_option("--scene", args->scene, "Scene file (JSON)")->required();
  sub->add_option("--n", args->n, "Number of samples")->required()->transform(wholeNumber(0, 100000000));
  sub->add_option("--seed", args->seed, "Random seed (same seed, same samples)")->required()->check(seedNumber());
  sub->callback([&result, args] {
    result.ran = true;
    const Expected<SceneFile> scene = loadSceneFile(args->scene);
    if (!scene.ok()) {
      std::fprintf(stderr, "%s\n", scene.status.message().c_str());
      result.exitCode = kExitBadInput;
      return;
    }
    const Expected<Batch> samples = scene.value.flow.sample(args->n, args->seed);
    if (!samples.ok()) {
      std::fprintf(stderr, "%s: %s\n", args->scene.c_str(), samples.status.message().c_str());
      result.exitCode = kExitInvalid;
      return;
    }
    writePointsCsv(stdout, samples.value);
    // A full disk or closed pipe must not pass for success (the error flag is sticky).
    result.exitCode = flushOutput(stdout, "sample", "to standard output") ? kExitOk : kExitInvalid;
  });
}

}  // namespace flowlab::app
