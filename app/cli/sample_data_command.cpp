// flowlab sample-data --dataset moons [--noise 0.05] --n N --seed S: N points of a toy dataset as
// CSV on stdout (x,y per line, %.17g), in the dataset's STANDARDIZED coordinates (the ones the
// trainer and its scene files use); --raw gives the unstandardized ones.
// Exit 2 on an unknown dataset or a bad noise.
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include "app/cli/cli_checks.h"
#include "app/cli/command.h"
#include "core/data/dataset.h"
#include "core/scene/points_csv.h"

namespace flowlab::app {

void addSampleDataCommand(CLI::App& root, CommandResult& result) {
  auto* sub = root.add_subcommand("sample-data", "Draw N points of a toy dataset (standardized) as CSV on stdout");
  struct Args {
    std::string dataset = "moons";
    double noise = -1.0;
    int n = 1000;
    std::uint64_t seed = 0;
    bool raw = false;
  };
  auto args = std::make_shared<Args>();
  sub->add_option("--dataset", args->dataset,
                  "moons, circles, 8gaussians, checkerboard, pinwheel or spirals")->required();
  sub->add_option("--noise", args->noise, "Gaussian noise σ (moons and circles 0.05, 8gaussians 0.25, spirals 0.1)")
      ->check(finiteNumber());
  sub->add_option("--n", args->n, "Number of points")->required()->transform(wholeNumber(0, 100000000));
  sub->add_option("--seed", args->seed, "Random seed (same seed, same points)")->required()->check(seedNumber());
  sub->add_flag("--raw", args->raw, "Unstandardized coordinates");
  sub->callback([&result, args] {
    result.ran = true;
    const Expected<Dataset> data = Dataset::make(args->dataset, args->noise);
    if (!data.ok()) {
      std::fprintf(stderr, "flowlab sample-data: %s\n", data.status.message().c_str());
      result.exitCode = kExitBadInput;
      return;
    }
    Rng rng(args->seed);
    const Batch points = data.value.sample(args->n, rng);
    writePointsCsv(stdout, args->raw ? data.value.unstandardize(points) : points);
    // A full disk or closed pipe must not pass for success (the error flag is sticky).
    result.exitCode = flushOutput(stdout, "sample-data", "to standard output") ? kExitOk : kExitInvalid;
  });
}

}  // namespace flowlab::app
