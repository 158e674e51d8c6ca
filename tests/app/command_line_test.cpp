// The flowlab executable's command-line contracts that need no display.
#include <gtest/gtest.h>

#include <string>

#include "tests/support/process.h"

namespace flowlab::test {
namespace {

const std::string kFlowlab = FLOWLAB_BINARY;

TEST(CommandLine, VersionPrintsTheVersionAndExitsZero) {
  const auto r = runProcess(kFlowlab + " --version");
  EXPECT_EQ(r.exitCode, 0);
  EXPECT_NE(r.out.find(FLOWLAB_VERSION), std::string::npos) << r.out;
}

TEST(CommandLine, HelpListsTheScriptingOptionsAndSubcommands) {
  const auto r = runProcess(kFlowlab + " --help");
  EXPECT_EQ(r.exitCode, 0);
  for (const char* word : {"--screenshot", "--frames", "--size", "--scene", "--view", "check", "logprob",
                           "sample", "sample-data", "train"})
    EXPECT_NE(r.out.find(word), std::string::npos) << word;
}

TEST(CommandLine, UnknownFlagGivesUsageAndExitCodeTwo) {
  const auto r = runProcess(kFlowlab + " --no-such-flag");
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("--no-such-flag"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("Usage"), std::string::npos) << r.err;
}

TEST(CommandLine, MalformedSizeIsRejectedWithExitCodeTwo) {
  const auto r = runProcess(kFlowlab + " --screenshot /tmp/x.png --size big");
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("WxH"), std::string::npos) << r.err;
}

TEST(CommandLine, NoDisplayGivesOneClearLineAndExitCodeTwo) {
  const auto r = runProcess("env -u DISPLAY -u WAYLAND_DISPLAY " + kFlowlab + " --frames 1");
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("DISPLAY"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("headless commands still work"), std::string::npos) << r.err;
  // One line, no raw GLFW error dump.
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

TEST(CommandLine, UnwritableScreenshotPathGivesExitCodeOne) {
  const auto r = runProcess("env -u DISPLAY " + kFlowlab + " --screenshot /no/such/folder/out.png");
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("/no/such/folder"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace flowlab::test
