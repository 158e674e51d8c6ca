// Runs a command line through /bin/sh and captures its exit code, stdout and stderr.
#pragma once

#include <string>

namespace flowlab::test {

struct ProcessResult {
  int exitCode = -1;
  std::string out;
  std::string err;
};

// `command` is passed to /bin/sh -c; stdin is /dev/null.
ProcessResult runProcess(const std::string& command);

// runProcess for the app with a window: a connection to a live but loaded X server has been seen to
// fail now and then ("cannot open a window"), so that one failure is retried up to three times.
ProcessResult runGuiProcess(const std::string& command);

// A fresh, empty temporary folder for one test.
std::string makeTempDir(const std::string& tag);

}  // namespace flowlab::test
