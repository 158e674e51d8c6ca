#include "app/cli/interrupt.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstring>

namespace flowlab::app {
namespace {

constexpr int kMaxPaths = 4;
constexpr int kMaxPathLength = 4096;

volatile std::sig_atomic_t received = 0;
// Fixed buffers: the handler may only use async-signal-safe calls (unlink, write, _exit).
char paths[kMaxPaths][kMaxPathLength];
std::atomic<int> pathCount{0};
struct sigaction previousInt, previousTerm;

void onSignal(int signo) {
  if (received != 0) {
    for (int i = 0; i < pathCount.load(); ++i) ::unlink(paths[i]);
    static const char message[] = "\nflowlab: interrupted again; exiting without saving\n";
    [[maybe_unused]] const ssize_t n = ::write(STDERR_FILENO, message, sizeof message - 1);
    ::_exit(128 + signo);
  }
  received = signo;
}

}  // namespace

InterruptGuard::InterruptGuard() {
  received = 0;
  pathCount = 0;
  struct sigaction action {};
  action.sa_handler = onSignal;
  sigemptyset(&action.sa_mask);
  ::sigaction(SIGINT, &action, &previousInt);
  ::sigaction(SIGTERM, &action, &previousTerm);
  // A signal ignored when we started (nohup, a background job of a script) stays ignored.
  if (previousInt.sa_handler == SIG_IGN) ::sigaction(SIGINT, &previousInt, nullptr);
  if (previousTerm.sa_handler == SIG_IGN) ::sigaction(SIGTERM, &previousTerm, nullptr);
}

InterruptGuard::~InterruptGuard() {
  ::sigaction(SIGINT, &previousInt, nullptr);
  ::sigaction(SIGTERM, &previousTerm, nullptr);
  pathCount = 0;
}

int InterruptGuard::signalReceived() { return received; }

void InterruptGuard::removeOnForcedExit(const std::string& path) {
  const int k = pathCount.load();
  if (k >= kMaxPaths || path.size() >= kMaxPathLength) return;
  std::memcpy(paths[k], path.c_str(), path.size() + 1);
  pathCount = k + 1;
}

}  // namespace flowlab::app
