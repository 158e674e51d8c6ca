// Placeholder until its issue lands: registers the subcommand so --help lists it.
#include "app/cli/command.h"

#include <cstdio>

namespace flowlab::app {

void addSampleDataCommand(CLI::App& root, CommandResult& result) {
  auto* sub = root.add_subcommand("sample-data", "(not yet available)");
  sub->allow_extras();
  sub->callback([&result] {
    std::fprintf(stderr, "flowlab sample-data: not available in this build yet\n");
    result.ran = true;
    result.exitCode = kExitBadInput;
  });
}

}  // namespace flowlab::app
