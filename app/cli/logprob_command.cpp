// flowlab logprob --scene FILE --points FILE.csv: one log p(x) per input point, one per line, %.17g.
// Exit 1 when the flow is invalid (problems on stderr) or stdout cannot be written, 2 when a file is
// unreadable or malformed. A point whose log p overflows (far out) prints -inf, with a note on stderr.
#include <cstdio>
#include <limits>
#include <string>
#include <vector>
#include <memory>
#include <string>

#include "app/cli/cli_checks.h"
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
    const Flow& flow = scene.value.flow;
    if (const std::vector<std::string> problems = flow.problems(); !problems.empty()) {
      for (const std::string& p : problems) std::fprintf(stderr, "%s: %s\n", args->scene.c_str(), p.c_str());
      result.exitCode = kExitInvalid;
      return;
    }
    Expected<Vector> logProb = flow.logProb(points.value);
    if (!logProb.ok()) {
      // A valid flow fails only where a value overflows (a point far out, e.g. beyond 1e155):
      // evaluate point by point so the others still get their log p, and give the far ones -inf
      // (their density underflows to 0) with a note on stderr naming each.
      logProb.value.resize(points.value.rows());
      int failed = 0;
      for (Eigen::Index i = 0; i < points.value.rows(); ++i) {
        const Expected<Vector> one = flow.logProb(points.value.row(i));
        logProb.value(i) = one.ok() ? one.value(0) : -std::numeric_limits<double>::infinity();
        if (!one.ok() && ++failed <= 10) {
          // The flow's message indexes the one-point batch ("at point 0 (...)"): keep only the layer and reason.
          std::string why = one.status.message();
          why = why.substr(0, why.find(" at point "));
          std::fprintf(stderr, "%s: point %lld: log p not computable (%s); printed -inf\n", args->points.c_str(),
                       static_cast<long long>(i + 1), why.c_str());
        }
      }
      if (failed > 10) std::fprintf(stderr, "%s: %d more points printed -inf\n", args->points.c_str(), failed - 10);
    }
    writePointsCsv(stdout, logProb.value);
    result.exitCode = flushOutput(stdout, "logprob", "to standard output") ? kExitOk : kExitInvalid;
  });
}

}  // namespace flowlab::app
