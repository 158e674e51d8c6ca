// flowlab export --scene FILE --format pytorch --out flow.py: the scene's flow as a standalone
// PyTorch script (core/export/pytorch_export.h), written atomically.
// Exit 1 when the flow is invalid, holds a layer the export does not cover, or the file cannot be
// written; 2 when the scene is unreadable or malformed, or an option is bad (an unknown --format).
#include <cstdio>
#include <memory>
#include <string>

#include "app/cli/command.h"
#include "core/export/pytorch_export.h"
#include "core/io/atomic_write.h"
#include "core/scene/scene_file.h"

namespace flowlab::app {

void addExportCommand(CLI::App& root, CommandResult& result) {
  auto* sub = root.add_subcommand("export", "Write the scene's flow as a standalone script (--format pytorch)");
  struct Args {
    std::string scene, format, out;
  };
  auto args = std::make_shared<Args>();
  sub->add_option("--scene", args->scene, "Scene file (JSON)")->required();
  sub->add_option("--format", args->format, "Output format; supported: pytorch")->required();
  sub->add_option("--out", args->out, "Output file, e.g. flow.py")->required();
  sub->callback([&result, args] {
    result.ran = true;
    if (args->format != "pytorch") {
      std::fprintf(stderr, "flowlab export: --format %s is not supported; the supported format is pytorch\n",
                   args->format.c_str());
      result.exitCode = kExitBadInput;
      return;
    }
    const Expected<SceneFile> scene = loadSceneFile(args->scene);
    if (!scene.ok()) {
      std::fprintf(stderr, "%s\n", scene.status.message().c_str());
      result.exitCode = kExitBadInput;
      return;
    }
    const Expected<std::string> script = exportPytorchScript(scene.value);
    if (!script.ok()) {
      std::fprintf(stderr, "%s: cannot export: %s\n", args->scene.c_str(), script.status.message().c_str());
      result.exitCode = kExitInvalid;
      return;
    }
    if (const Status s = writeFileAtomically(args->out, script.value); !s.ok()) {
      std::fprintf(stderr, "flowlab export: %s\n", s.message().c_str());
      result.exitCode = kExitInvalid;
      return;
    }
    result.exitCode = kExitOk;
  });
}

}  // namespace flowlab::app
