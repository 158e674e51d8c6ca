#include "tests/gui/journey/journey.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stb_image_write.h>

#include "tests/gui/journey/xwd_reader.h"
#include "tests/support/process.h"

extern char** environ;

namespace flowlab::test {
namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }
void sleepMs(int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }

bool onPath(const std::string& program) {
  return runProcess("command -v " + program + " >/dev/null 2>&1").exitCode == 0;
}

// The last complete line of a file that starts with `prefix`, reading only its tail.
std::string lastLineWith(const std::string& path, const std::string& prefix) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return {};
  const std::streamoff size = in.tellg();
  for (std::streamoff window = 16384;; window *= 4) {
    const std::streamoff from = std::max<std::streamoff>(0, size - window);
    in.seekg(from);
    std::string tail(static_cast<size_t>(size - from), '\0');
    in.read(tail.data(), static_cast<std::streamsize>(tail.size()));
    std::vector<std::string> lines;
    std::istringstream split(tail);
    for (std::string line; std::getline(split, line);) lines.push_back(line);
    if (!tail.empty() && tail.back() != '\n' && !lines.empty()) lines.pop_back();  // still being written
    const size_t first = from > 0 ? 1 : 0;  // the window may start inside a line
    for (size_t i = lines.size(); i > first; --i)
      if (lines[i - 1].rfind(prefix, 0) == 0) return lines[i - 1];
    if (from == 0) return {};
  }
}

pid_t spawn(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
            const std::string& outPath, const std::string& errPath, int keepFd = -1) {
  const pid_t pid = fork();
  if (pid != 0) return pid;
  // Child: the default SIGINT disposition (a test may send Ctrl+C), its own process group.
  std::signal(SIGINT, SIG_DFL);
  setpgid(0, 0);
  const int devnull = open("/dev/null", O_RDONLY);
  dup2(devnull, 0);
  const int out = open(outPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  const int err = open(errPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  dup2(out, 1);
  dup2(err, 2);
  for (int fd = 3; fd < 256; ++fd)
    if (fd != keepFd) close(fd);
  for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  execvp(args[0], args.data());
  _exit(127);
}

void stop(int& pid) {
  if (pid <= 0) return;
  kill(pid, SIGTERM);
  for (int i = 0; i < 100; ++i) {
    if (waitpid(pid, nullptr, WNOHANG) == pid) {
      pid = -1;
      return;
    }
    sleepMs(20);
  }
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
  pid = -1;
}

double luminance(std::array<int, 3> c) {
  auto channel = [](int v) {
    const double s = v / 255.0;
    return s <= 0.03928 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2]);
}

}  // namespace

TraceLine::TraceLine(const std::string& line) : raw_(line) {
  std::istringstream in(line);
  std::string token;
  while (in >> token) {
    const size_t eq = token.find('=');
    if (eq != std::string::npos) values_[token.substr(0, eq)] = token.substr(eq + 1);
  }
}

std::string TraceLine::text(const std::string& key) const {
  const auto it = values_.find(key);
  return it == values_.end() ? std::string() : it->second;
}

double TraceLine::number(const std::string& key) const {
  const auto it = values_.find(key);
  if (it == values_.end()) return std::nan("");
  char* end = nullptr;
  const double v = std::strtod(it->second.c_str(), &end);
  return end == it->second.c_str() ? std::nan("") : v;
}

Point TraceLine::point(const std::string& key) const {
  const std::string v = text(key);
  Point p{-1, -1};
  std::sscanf(v.c_str(), "%d,%d", &p.x, &p.y);
  return p;
}

std::string Journey::unavailable() {
  for (const char* tool : {"Xvfb", "xdotool", "xwd"})
    if (!onPath(tool)) return std::string(tool) + " is not installed (scripts/install-deps installs it)";
  return {};
}

Journey::Journey(const JourneyOptions& o) {
  error_ = unavailable();
  if (!error_.empty()) return;
  dir_ = makeTempDir("journey");
  std::filesystem::create_directories(dir_ + "/cfg");
  std::filesystem::create_directories(dir_ + "/pictures");
  // Xvfb picks a free display and writes its number to the pipe (-displayfd).
  int fds[2];
  if (pipe(fds) != 0) {
    error_ = "pipe failed";
    return;
  }
  const std::string screen = std::to_string(o.width) + "x" + std::to_string(o.height) + "x24";
  xvfbPid_ = spawn({"Xvfb", "-displayfd", std::to_string(fds[1]), "-screen", "0", screen, "-nolisten", "tcp"}, {},
                   dir_ + "/xvfb.out", dir_ + "/xvfb.err", fds[1]);
  close(fds[1]);
  std::string number;
  pollfd pfd{fds[0], POLLIN, 0};
  const auto t0 = Clock::now();
  while (since(t0) < 20.0 && number.find('\n') == std::string::npos) {
    if (poll(&pfd, 1, 200) > 0) {
      char buf[32];
      const ssize_t n = read(fds[0], buf, sizeof buf);
      if (n <= 0) break;
      number.append(buf, static_cast<size_t>(n));
    }
  }
  close(fds[0]);
  while (!number.empty() && (number.back() == '\n' || number.back() == '\r')) number.pop_back();
  if (number.empty()) {
    error_ = "Xvfb did not start";
    return;
  }
  display_ = ":" + number;
  std::vector<std::string> argv{FLOWLAB_BINARY, "--trace-state", "--size",
                                std::to_string(o.width) + "x" + std::to_string(o.height)};
  argv.insert(argv.end(), o.args.begin(), o.args.end());
  appPid_ = spawn(argv,
                  {{"DISPLAY", display_}, {"XDG_CONFIG_HOME", dir_ + "/cfg"}, {"XDG_PICTURES_DIR", dir_ + "/pictures"}},
                  dir_ + "/out.txt", dir_ + "/err.txt");
  if (!waitFor([](const TraceLine& t) { return t.number("frame") >= 2; }, 60.0)) {
    error_ = "the app did not draw its first frames: " + errors();
    return;
  }
  // No window manager: give the window the keyboard focus ourselves, and put the pointer on the
  // status bar, where hovering shows nothing.
  xdotool("search --name '^FlowLab' windowfocus");
  move(Point{o.width - 5, o.height - 5});
  waitSettled();
}

Journey::~Journey() {
  stop(appPid_);
  stop(xvfbPid_);
  std::error_code ec;
  if (!dir_.empty() && !std::getenv("FLOWLAB_KEEP_JOURNEYS")) std::filesystem::remove_all(dir_, ec);
}

bool Journey::appRunning() const { return appPid_ > 0 && waitpid(appPid_, nullptr, WNOHANG) == 0; }

void Journey::xdotool(const std::string& args) { runProcess("DISPLAY=" + display_ + " xdotool " + args); }

TraceLine Journey::state() const { return TraceLine(lastLineWith(dir_ + "/out.txt", "trace ")); }

int Journey::frame() const {
  const double f = state().number("frame");
  return std::isnan(f) ? -1 : static_cast<int>(f);
}

bool Journey::waitFor(const std::function<bool(const TraceLine&)>& until, double timeoutSeconds) {
  const auto t0 = Clock::now();
  while (since(t0) < timeoutSeconds) {
    if (until(state())) return true;
    if (appPid_ > 0 && waitpid(appPid_, nullptr, WNOHANG) == appPid_) {
      appPid_ = -1;
      return until(state());
    }
    sleepMs(20);
  }
  return false;
}

void Journey::waitFrames(int n, double timeoutSeconds) {
  const int target = frame() + n;
  int last = frame();
  auto lastChange = Clock::now();
  const auto t0 = Clock::now();
  // Stops early if the app went to sleep: it only draws while something happens.
  while (since(t0) < timeoutSeconds && frame() < target) {
    const int f = frame();
    if (f != last) last = f, lastChange = Clock::now();
    if (since(lastChange) > 1.0) return;
    sleepMs(10);
  }
}

bool Journey::waitSettled(double quietSeconds, double timeoutSeconds) {
  int last = frame();
  auto lastChange = Clock::now();
  const auto t0 = Clock::now();
  while (since(t0) < timeoutSeconds) {
    const int f = frame();
    if (f != last) last = f, lastChange = Clock::now();
    if (since(lastChange) >= quietSeconds) return true;
    sleepMs(20);
  }
  return false;
}

void Journey::move(Point p) {
  xdotool("mousemove " + std::to_string(p.x) + " " + std::to_string(p.y));
  waitFrames(2);
}

void Journey::hover(Point p) {
  move(p);
  waitSettled();
}

void Journey::click(Point p, int button) {
  move(p);
  xdotool("mousedown " + std::to_string(button));
  waitFrames(2);
  xdotool("mouseup " + std::to_string(button));
  waitFrames(2);
}

void Journey::drag(Point from, Point to, const std::string& heldKey, int steps) {
  move(from);
  if (!heldKey.empty()) xdotool("keydown " + heldKey), waitFrames(1);
  xdotool("mousedown 1");
  waitFrames(2);
  for (int i = 1; i <= steps; ++i) {
    const int x = from.x + (to.x - from.x) * i / steps, y = from.y + (to.y - from.y) * i / steps;
    xdotool("mousemove " + std::to_string(x) + " " + std::to_string(y));
    waitFrames(1);
  }
  waitFrames(1);
  xdotool("mouseup 1");
  waitFrames(2);
  if (!heldKey.empty()) xdotool("keyup " + heldKey), waitFrames(1);
}

void Journey::key(const std::string& combo) {
  // Dear ImGui 1.86 reads key state once a frame: hold the key over two frames.
  xdotool("keydown " + combo);
  waitFrames(2);
  xdotool("keyup " + combo);
  waitFrames(2);
}

void Journey::type(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  xdotool("type --delay 20 " + quoted + "'");
  waitFrames(2);
}

void Journey::scroll(Point p, int clicks) {
  move(p);
  const std::string button = clicks > 0 ? "4" : "5";
  for (int i = 0; i < std::abs(clicks); ++i) {
    xdotool("click " + button);
    waitFrames(1);
  }
  waitFrames(2);
}

std::string Journey::output() const {
  std::ifstream in(dir_ + "/out.txt");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Journey::errors() const {
  std::ifstream in(dir_ + "/err.txt");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> Journey::outputLines(const std::string& prefix) const {
  std::vector<std::string> lines;
  std::istringstream in(output());
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(prefix, 0) == 0) lines.push_back(line);
  return lines;
}

PngImage Journey::capture(const std::string& savePath) {
  const std::string xwd = dir_ + "/capture.xwd";
  runProcess("xwd -root -silent -display " + display_ + " -out '" + xwd + "'");
  PngImage img = readXwd(xwd);
  if (!savePath.empty() && img.ok()) savePng(img, savePath);
  return img;
}

double contrastRatio(std::array<int, 3> a, std::array<int, 3> b) {
  const double la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

std::pair<std::array<int, 3>, std::array<int, 3>> backgroundAndInk(const PngImage& img, int x0, int y0, int x1, int y1) {
  std::map<int, int> counts;
  x0 = std::clamp(x0, 0, img.width), x1 = std::clamp(x1, 0, img.width);
  y0 = std::clamp(y0, 0, img.height), y1 = std::clamp(y1, 0, img.height);
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x) {
      const auto c = img.at(x, y);
      ++counts[(c[0] << 16) | (c[1] << 8) | c[2]];
    }
  if (counts.empty()) return {};
  const int bg = std::max_element(counts.begin(), counts.end(), [](auto& a, auto& b) { return a.second < b.second; })->first;
  const std::array<int, 3> background{(bg >> 16) & 255, (bg >> 8) & 255, bg & 255};
  std::array<int, 3> ink = background;
  double best = 1.0;
  for (const auto& [c, n] : counts) {
    if (n < 3) continue;  // a few stray pixels are not text
    const std::array<int, 3> colour{(c >> 16) & 255, (c >> 8) & 255, c & 255};
    const double r = contrastRatio(colour, background);
    if (r > best) best = r, ink = colour;
  }
  return {background, ink};
}

int countInk(const PngImage& img, int x0, int y0, int x1, int y1, std::array<int, 3> background, int tol) {
  int n = 0;
  for (int y = std::max(0, y0); y < std::min(img.height, y1); ++y)
    for (int x = std::max(0, x0); x < std::min(img.width, x1); ++x) {
      const auto c = img.at(x, y);
      for (int k = 0; k < 3; ++k)
        if (std::abs(c[k] - background[k]) > tol) {
          ++n;
          break;
        }
    }
  return n;
}

void savePng(const PngImage& img, const std::string& path) {
  stbi_write_png(path.c_str(), img.width, img.height, 3, img.rgb.data(), img.width * 3);
}

}  // namespace flowlab::test
