// The interactive app: window, main loop, scripted frames and screenshots.
#pragma once

#include <string>
#include <vector>

namespace flowlab::app {

struct GuiOptions {
  std::string scene;       // --scene FILE
  std::string screenshot;  // --screenshot OUT.png: render `frames` frames, save the last, exit
  int frames = 0;          // --frames N (0: not given; a screenshot then renders 3)
  int width = 0;           // --size WxH (0: saved geometry or default)
  int height = 0;
  std::string view;        // --view NAME
  bool traceState = false;   // --trace-state: print one key=value line a frame (journey tests)
  bool frameStats = false;   // --frame-stats: print frame-time statistics on exit
  bool recomputeEveryFrame = false;  // --recompute-every-frame: as if a parameter were dragged each frame
  int trainSteps = 0;      // --train-steps N: the Training view runs N steps before the first frame
  double trainFor = 0.0;   // --train-for SECONDS: Training view, Run, quit after SECONDS, print rates
  std::vector<std::string> overlays;  // --overlays density,grid,patches,samples,log (exactly these)
  bool presentation = false;  // --presentation: start in presentation mode (F5)
  int step = -1;              // --step K: the scene after its first K guided steps
  std::string gif;            // --gif OUT.gif: record the scene's animation (steps, morph, training), exit
  int gifFps = 15;            // --gif-fps N: frames per second of animation in the GIF
};

// Returns the process exit code: 0 ok, 1 screenshot or GIF could not be written, 2 no display / no GL.
int runGui(const GuiOptions& options);

}  // namespace flowlab::app
