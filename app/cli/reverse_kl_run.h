// flowlab train --target NAME|EXPR --objective reverse-kl: fits a flow to a target's unnormalized
// density (core/energy/reverse_kl.h) headless; the train command parses the options.
#pragma once

#include <string>

#include "core/energy/reverse_kl.h"

namespace flowlab::app {

struct ReverseKlRun {
  ReverseKlConfig config;
  std::string target;           // a preset name or an expression in x and y
  int steps = 3000;
  int estimateSamples = 20000;  // fresh samples for log Z, its standard error and the ESS
  std::string out, log;
};

// Prints target=…, flow=…, layers=…, parameters=…, steps=…, non_finite_events=…, loss=…,
// reverse_kl=…, log_z=…, log_z_stderr=…, [log_z_true=…,] ess=…, ess_fraction=…, steps_per_sec=…;
// returns the process exit code (2 for a bad target or option, 1 when a file cannot be written or
// training cannot continue, 130/143 after Ctrl+C / SIGTERM with --out and --log saved).
int runReverseKl(const ReverseKlRun& run);

}  // namespace flowlab::app
