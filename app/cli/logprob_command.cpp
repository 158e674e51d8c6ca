// flowlab logprob --scene FILE --points FILE.csv: one log p(x) per input point, one per line, %.17g.
// Exit 1 when the flow is invalid (problems on stderr), 2 when a file is unreadable or malformed.
#include <cstdio>
#include <memory>
#include <string>

#include "app/cli/command.h"
#include "core/scene/points_csv.h"
#include "core/scene/scene_file.h"

namespace flowlab::app {

void addLogprobCommand(CLI::App& root, CommandResult& result) {
  auto* sub = root.add_subcommand("logprob", "Print log p(x) for each point of a CSV file (one point per line)");
  struct Args {
    std::string scene, points;
  };
  auto args = std::make_shared<Args>();
  sub->add_option("--scene", args->scene, "Scene file (JSON)")->required();
  sub->add_option("--points", args->points, "CSV file: one point per line (1D: one number; 2D: x,y)")->required();
  sub->callback([&result, args] {
    result.ran = true;
    const Expected<SceneFile> scene = loadSceneFile(args->scene);
    if (!scene.ok()) {
      std::fprintf(stderr, "%s\n", scene.status.message().c_str());
      result.exitCode = kExitBadInput;
      return;
    }
    const Expected<Batch> points = loadPointsCsv(args->points, scene.value.dim);
    if (!points.ok()) {
      std::fprintf(stderr, "%s\n", points.status.message().c_str());
      result.exitCode = kExitBadInput;
      return;
    }
    const Expected<Vector> logProb = scene.value.flow.logProb(points.value);
    if (!logProb.ok()) {
      std::fprintf(stderr, "%s: %s\n", args->scene.c_str(), logProb.status.message().c_str());
      result.exitCode = kExitInvalid;
      return;
    }
    writePointsCsv(stdout, logProb.value);
    result.exitCode = kExitOk;
  });
}

}  // namespace flowlab::app
