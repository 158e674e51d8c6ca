// Journey tests: the real flowlab in its own Xvfb display, driven by X input events (xdotool) as a
// person would drive it, and checked by its captured pixels and by the state it prints each frame
// (--trace-state). Each Journey owns one display, so journeys can run in parallel.
#pragma once

#include <array>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "tests/gui/png_image.h"

namespace flowlab::test {

struct Point {
  int x = 0, y = 0;
};

// One --trace-state line as key=value pairs ("frame", "view", "font_px", ...).
class TraceLine {
 public:
  TraceLine() = default;
  explicit TraceLine(const std::string& line);
  bool has(const std::string& key) const { return values_.count(key) > 0; }
  std::string text(const std::string& key) const;
  double number(const std::string& key) const;  // NaN when missing
  // "x,y" values (pixel positions the app reports).
  Point point(const std::string& key) const;
  const std::string& raw() const { return raw_; }

 private:
  std::map<std::string, std::string> values_;
  std::string raw_;
};

struct JourneyOptions {
  int width = 1280, height = 800;
  std::vector<std::string> args;  // extra flowlab arguments, e.g. {"--view", "2d"}
};

class Journey {
 public:
  explicit Journey(const JourneyOptions& options);
  ~Journey();
  Journey(const Journey&) = delete;
  Journey& operator=(const Journey&) = delete;

  // False (with error()) when Xvfb, xdotool or the app did not come up.
  bool ready() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  // Why a journey cannot run here at all (no Xvfb or xdotool installed), else empty.
  static std::string unavailable();

  // Input. Each call waits until the app has drawn the frames that follow the event.
  void move(Point p);
  void hover(Point p);  // move, then wait until the app has settled
  void click(Point p, int button = 1);
  void drag(Point from, Point to, const std::string& heldKey = "", int steps = 10);
  void key(const std::string& combo);  // e.g. "ctrl+equal", "F12", "space": held over frames
  void scroll(Point p, int clicks);    // > 0 scrolls up (zoom in), < 0 down
  void type(const std::string& text);  // as typed on the keyboard, into the focused field

  // State.
  TraceLine state() const;  // the latest trace line
  int frame() const;
  bool waitFor(const std::function<bool(const TraceLine&)>& until, double timeoutSeconds = 20.0);
  void waitFrames(int n, double timeoutSeconds = 20.0);
  // Waits until no frame has been drawn for `quietSeconds` (the app went to sleep).
  bool waitSettled(double quietSeconds = 0.6, double timeoutSeconds = 20.0);
  std::string output() const;  // everything the app printed on stdout
  std::string errors() const;  // and on stderr
  std::vector<std::string> outputLines(const std::string& prefix) const;

  // The whole display as pixels (xwd), optionally also written to `savePath` as PNG.
  PngImage capture(const std::string& savePath = "");
  const std::string& display() const { return display_; }  // ":N"
  const std::string& dir() const { return dir_; }  // private folder: config, pictures, logs
  bool appRunning() const;

 private:
  void xdotool(const std::string& args);
  std::string dir_, error_, display_;
  int xvfbPid_ = -1, appPid_ = -1;
};

// WCAG contrast ratio between two colours (1 = none, 21 = black on white).
double contrastRatio(std::array<int, 3> a, std::array<int, 3> b);
// The most common colour in a rectangle and the colour in it that contrasts most with that one:
// for a tooltip box, its background and its text.
std::pair<std::array<int, 3>, std::array<int, 3>> backgroundAndInk(const PngImage& img, int x0, int y0, int x1, int y1);
// Pixels in a rectangle that differ from `background` by more than `tol` in some channel.
int countInk(const PngImage& img, int x0, int y0, int x1, int y1, std::array<int, 3> background, int tol);
void savePng(const PngImage& img, const std::string& path);

}  // namespace flowlab::test
