#include "app/platform/numbered_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <thread>

#include "app/platform/background_saver.h"
#include "tests/support/process.h"

namespace flowlab::app {
namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

TEST(NumberedFile, NeverReplacesAnExistingFileAndLeavesNoTemporaries) {
  const std::string dir = test::makeTempDir("numbered");
  { std::ofstream(dir + "/flowlab-0001.png") << "keep me"; }
  const NumberedWrite a = writeNumberedFile(dir, "flowlab", ".png", {'a', 'b'});
  const NumberedWrite b = writeNumberedFile(dir, "flowlab", ".png", {'c'});
  ASSERT_TRUE(a.error.empty()) << a.error;
  ASSERT_TRUE(b.error.empty()) << b.error;
  EXPECT_EQ(std::filesystem::path(a.path).filename(), "flowlab-0002.png");
  EXPECT_EQ(std::filesystem::path(b.path).filename(), "flowlab-0003.png");
  EXPECT_TRUE(std::filesystem::path(a.path).is_absolute());
  EXPECT_EQ(slurp(dir + "/flowlab-0001.png"), "keep me");
  EXPECT_EQ(slurp(a.path), "ab");
  EXPECT_EQ(slurp(b.path), "c");
  int files = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++files;
  EXPECT_EQ(files, 3) << "a temporary file was left behind";
  std::filesystem::remove_all(dir);
}

TEST(NumberedFile, UnwritableFolderIsAClearMessage) {
  const NumberedWrite w = writeNumberedFile("/nonexistent/folder", "flowlab", ".png", {'x'});
  EXPECT_TRUE(w.path.empty());
  EXPECT_NE(w.error.find("/nonexistent/folder"), std::string::npos) << w.error;
}

// Saves queued back to back all land, in order, with distinct names, before the saver is gone.
TEST(BackgroundSaver, FinishesEveryQueuedSaveBeforeItIsDestroyed) {
  const std::string dir = test::makeTempDir("saver");
  std::vector<SaveResult> results;
  {
    BackgroundSaver saver([] {});
    for (int i = 0; i < 5; ++i) {
      FramePixels p;
      p.width = 4, p.height = 3;
      p.rgb.assign(36, static_cast<unsigned char>(40 * i));
      saver.savePng(std::move(p), dir);
    }
    while (saver.busy()) std::this_thread::yield();
    results = saver.takeResults();
  }
  ASSERT_EQ(results.size(), 5u);
  std::set<std::string> names;
  for (const SaveResult& r : results) {
    EXPECT_TRUE(r.error.empty()) << r.error;
    names.insert(r.path);
    EXPECT_EQ(slurp(r.path).substr(1, 3), "PNG");
  }
  EXPECT_EQ(names.size(), 5u);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace flowlab::app
