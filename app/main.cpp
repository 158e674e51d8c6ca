// flowlab: the app (no subcommand) or a headless subcommand (check, logprob, sample, sample-data, train).
#include <cstdio>
#include <regex>
#include <string>

#include <CLI/CLI.hpp>

#include "app/cli/command.h"
#include "app/gui_app.h"

int main(int argc, char** argv) {
  using namespace flowlab::app;
  CLI::App cli{"FlowLab: see normalizing flows work.\n"
               "Without a subcommand, opens the app. Subcommands run without a display."};
  cli.set_version_flag("--version", std::string("flowlab ") + FLOWLAB_VERSION);
  cli.require_subcommand(0, 1);

  GuiOptions gui;
  std::string size;
  cli.add_option("--scene", gui.scene, "Open this scene file (JSON)")->check(CLI::ExistingFile);
  cli.add_option("--screenshot", gui.screenshot, "Render frames in a real window, save the last as PNG, exit");
  cli.add_option("--frames", gui.frames, "Number of frames to render, then exit (default 3 with --screenshot)")
      ->check(CLI::Range(1, 1000000));
  cli.add_option("--size", size, "Window size WxH in pixels, e.g. 1600x1000");
  cli.add_option("--view", gui.view, "Start in this view: welcome, 1d, 2d, train, energy, compare");
  cli.add_option("--train-steps", gui.trainSteps, "Training view: run N training steps first (for screenshots)")
      ->check(CLI::Range(0, 1000000));
  cli.add_option("--train-for", gui.trainFor,
                 "Training view: press Run, quit after SECONDS (or at the end of the schedule); print "
                 "train_steps_per_sec=, frame_ms_median= and frame_ms_p95=")
      ->check(CLI::Range(0.1, 3600.0));
  cli.add_option("--overlays", gui.overlays,
                 "Show exactly these overlays: density, grid, patches, samples, roundtrip, log (2D); histogram, bands (1D)")
      ->delimiter(',');

  cli.add_option("--step", gui.step, "With --scene: show the lesson after its first K guided steps (past the last: the last)")
      ->check(CLI::Range(0, 1000000));
  cli.add_option("--gif", gui.gif,
                 "Record the scene as an animated GIF and exit: its guided steps, else its layer morph "
                 "(training scenes: 8 s of the training run); prints gif_saved=, gif_frames=, gif_size=");
  cli.add_option("--gif-fps", gui.gifFps, "Frames per second of animation in the GIF (default 15)")
      ->check(CLI::Range(1, 50));
  cli.add_flag("--presentation", gui.presentation,
               "Start in presentation mode (F5): large text and strokes, light high-contrast theme");
  cli.add_flag("--trace-state", gui.traceState,
               "Print one 'trace frame=N view=... key=value' line per frame on stdout (for tests)");
  cli.add_flag("--frame-stats", gui.frameStats, "Print frame-time statistics when the app exits");
  cli.add_flag("--recompute-every-frame", gui.recomputeEveryFrame,
               "Recompute the view's fields every frame, as during a drag (for frame-time measurements)");

  CommandResult result;
  addCheckCommand(cli, result);
  addLogprobCommand(cli, result);
  addSampleCommand(cli, result);
  addSampleDataCommand(cli, result);
  addTrainCommand(cli, result);
  addExportCommand(cli, result);

  try {
    cli.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return cli.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return cli.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return cli.exit(e);
  } catch (const CLI::ParseError& e) {
    // Unknown flags and bad values: the message, the usage, and exit code 2.
    std::fprintf(stderr, "flowlab: %s\n\n%s", e.what(), cli.help().c_str());
    return kExitBadInput;
  }
  if (result.ran) return result.exitCode;

  if (!size.empty()) {
    std::smatch m;
    if (!std::regex_match(size, m, std::regex(R"((\d{2,5})[xX](\d{2,5}))"))) {
      std::fprintf(stderr, "flowlab: --size expects WxH, e.g. 1600x1000 (got '%s')\n", size.c_str());
      return kExitBadInput;
    }
    gui.width = std::stoi(m[1]);
    gui.height = std::stoi(m[2]);
  }
  return runGui(gui);
}
