// Headless subcommands (no display needed). Each lives in its own file and registers itself on the
// root CLI11 app; its callback does the work and stores the process exit code in `result`.
#pragma once

#include <CLI/CLI.hpp>

namespace flowlab::app {

struct CommandResult {
  bool ran = false;   // a subcommand ran; main must not open a window
  int exitCode = 0;   // 0 ok, 1 invalid / failed, 2 unreadable or malformed input
};

// Exit codes shared by every subcommand.
inline constexpr int kExitOk = 0;
inline constexpr int kExitInvalid = 1;
inline constexpr int kExitBadInput = 2;

void addCheckCommand(CLI::App& root, CommandResult& result);       // flowlab check --scene FILE
void addLogprobCommand(CLI::App& root, CommandResult& result);     // flowlab logprob --scene F --points F.csv
void addSampleCommand(CLI::App& root, CommandResult& result);      // flowlab sample --scene F --n N --seed S
void addSampleDataCommand(CLI::App& root, CommandResult& result);  // flowlab sample-data --dataset moons ...
void addTrainCommand(CLI::App& root, CommandResult& result);       // flowlab train --dataset moons ...
void addExportCommand(CLI::App& root, CommandResult& result);      // flowlab export --scene F --format pytorch --out F.py

}  // namespace flowlab::app
