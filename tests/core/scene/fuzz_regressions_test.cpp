// Replays every input saved under tests/data/fuzz_regressions/ (crashes found by scripts/fuzz, and
// the crashers reported before the fuzzers existed) and the fuzz seed corpus through the same
// entry points the libFuzzer harnesses call. Under the ASan/UBSan stage of scripts/test this is
// the fuzzers' regression suite; a crash, a trap or a sanitizer report fails it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "fuzz/fuzz_targets.h"

namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void replay(const std::string& harness, const std::string& bytes) {
  const auto* data = reinterpret_cast<const std::uint8_t*>(bytes.data());
  if (harness == "scene") flowlab::fuzz::scene(data, bytes.size());
  else if (harness == "points_csv") flowlab::fuzz::pointsCsv(data, bytes.size());
  else if (harness == "checkpoint") flowlab::fuzz::checkpoint(data, bytes.size());
  else if (harness == "training_scene") flowlab::fuzz::trainingScene(data, bytes.size());
  else ADD_FAILURE() << "unknown harness " << harness;
}

// "<harness>-<anything>": the name scripts/fuzz gives an artifact (-artifact_prefix).
std::string harnessOf(const std::string& filename) {
  for (const char* h : {"points_csv", "checkpoint", "training_scene", "scene"})
    if (filename.rfind(std::string(h) + "-", 0) == 0) return h;
  return "";
}

TEST(FuzzRegressions, EverySavedCrashReplaysCleanly) {
  const fs::path dir = fs::path(FLOWLAB_SOURCE_DIR) / "tests/data/fuzz_regressions";
  int replayed = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    const std::string harness = harnessOf(name);
    if (harness.empty()) continue;
    SCOPED_TRACE(name);
    replay(harness, slurp(e.path()));
    ++replayed;
  }
  EXPECT_GE(replayed, 4);  // at least the crashers reported before fuzzing
}

TEST(FuzzRegressions, SeedCorpusReplaysCleanly) {
  const fs::path seeds = fs::path(FLOWLAB_SOURCE_DIR) / "fuzz/seeds";
  int replayed = 0;
  for (const char* h : {"scene", "points_csv", "checkpoint", "training_scene"}) {
    const fs::path dir = seeds / h;
    for (const auto& e : fs::directory_iterator(dir)) {
      SCOPED_TRACE(e.path().string());
      replay(h, slurp(e.path()));
      ++replayed;
    }
  }
  EXPECT_GE(replayed, 8);
}

}  // namespace
