// Ctrl+C (SIGINT) and SIGTERM for long headless runs: the first one asks the run to stop at the next
// step boundary (the caller saves its results and exits 128 + signal, e.g. 130); a second one exits
// at once with the same code, removing only the registered temporary file and never touching the
// real output.
#pragma once

#include <string>

namespace flowlab::app {

class InterruptGuard {
 public:
  InterruptGuard();   // installs the handlers
  ~InterruptGuard();  // restores the previous ones
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  // 0 until a signal arrived, then its number (SIGINT = 2, SIGTERM = 15).
  static int signalReceived();
  // Temporary files the immediate exit removes (an AtomicFile's temporaryPath()); at most 4.
  static void removeOnForcedExit(const std::string& path);
};

}  // namespace flowlab::app
