#include "tests/support/process.h"

#include <cstdio>
#include <cstdlib>
#include <chrono>
#include <filesystem>
#include <thread>
#include <fstream>
#include <sstream>

#include <sys/wait.h>
#include <unistd.h>

namespace flowlab::test {
namespace {
std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
}  // namespace

std::string makeTempDir(const std::string& tag) {
  std::string pattern = (std::filesystem::temp_directory_path() / ("flowlab-" + tag + "-XXXXXX")).string();
  if (!mkdtemp(pattern.data())) return std::filesystem::temp_directory_path().string();
  return pattern;
}

ProcessResult runProcess(const std::string& command) {
  const std::string dir = makeTempDir("proc");
  const std::string outPath = dir + "/out", errPath = dir + "/err";
  const std::string full = "(" + command + ") </dev/null >'" + outPath + "' 2>'" + errPath + "'";
  const int status = std::system(full.c_str());
  ProcessResult r;
  r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(outPath);
  r.err = slurp(errPath);
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  return r;
}

ProcessResult runGuiProcess(const std::string& command) {
  ProcessResult r = runProcess(command);
  for (int attempt = 1; attempt < 4 && r.exitCode == 2 && r.err.find("cannot open a window") != std::string::npos;
       ++attempt) {
    std::this_thread::sleep_for(std::chrono::seconds(attempt));
    r = runProcess(command);
  }
  return r;
}

}  // namespace flowlab::test
