// The MAF vs IAF panel's measurement, headless (core/families/autoregressive_cost.h): for each D,
// one key=value line with the density and sampling times of 10,000 points, the conditioner passes
// counted per batch call, the test NLL and the ratios slow/fast. Arguments: [train_steps] [points].
//   build/release/bench/families/flowlab_maf_vs_iaf_bench 200 10000
#include <cstdio>
#include <cstdlib>

#include "core/families/autoregressive_cost.h"

int main(int argc, char** argv) {
  flowlab::AutoregressiveCostConfig c;
  if (argc > 1) c.trainSteps = std::atoi(argv[1]);
  if (argc > 2) c.points = std::atoi(argv[2]);
  if (const flowlab::Status s = flowlab::validateAutoregressiveCostConfig(c); !s.ok()) {
    std::fprintf(stderr, "maf_vs_iaf: %s\n", s.message().c_str());
    return 2;
  }
  flowlab::AutoregressiveCostRun run(c);
  while (run.advance()) {
  }
  std::printf("layers=%d hidden=%d depth=%d train_steps=%d points=%d chunk=%d\n", c.layers, c.hidden, c.depth,
              c.trainSteps, c.points, c.chunk);
  for (const flowlab::DimensionCost& r : run.results()) {
    const auto& m = r.maf;
    const auto& i = r.iaf;
    std::printf("d=%d maf_density_ms=%.2f maf_sampling_ms=%.2f iaf_density_ms=%.2f iaf_sampling_ms=%.2f "
                "maf_passes=%lld/%lld iaf_passes=%lld/%lld iaf_over_maf_density=%.2f maf_over_iaf_sampling=%.2f "
                "maf_test_nll=%.3f iaf_test_nll=%.3f entropy=%.3f params=%d\n",
                r.dim, m.densitySeconds * 1e3, m.samplingSeconds * 1e3, i.densitySeconds * 1e3, i.samplingSeconds * 1e3,
                m.densityPassesPerCall(), m.samplingPassesPerCall(), i.densityPassesPerCall(), i.samplingPassesPerCall(),
                i.densitySeconds / m.densitySeconds, m.samplingSeconds / i.samplingSeconds, m.testNll, i.testNll,
                r.entropy, m.paramCount);
  }
  return 0;
}
