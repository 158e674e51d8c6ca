// core/io/atomic_write.h: a writer that fails mid-write, or a folder that cannot be written, leaves
// the previous file exactly as it was and no temporary behind.
#include "core/io/atomic_write.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/scene/scene_file.h"

namespace flowlab {
namespace {

namespace fs = std::filesystem;

class AtomicWrite : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("flowlab_atomic_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }
  int entries() { return int(std::distance(fs::directory_iterator(dir_), fs::directory_iterator())); }
  fs::path dir_;
};

TEST_F(AtomicWrite, WriterFailingMidWriteLeavesTheOldFileIntact) {
  const fs::path target = dir_ / "model.json";
  std::ofstream(target) << "old content\n";
  const Status s = writeFileAtomically(target.string(), [](std::FILE* f) {
    std::fputs("half of the new con", f);  // bytes reach the temporary, then the writer fails
    std::fflush(f);
    return false;
  });
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(read(target), "old content\n");
  EXPECT_EQ(entries(), 1);  // no temporary left behind
}

TEST_F(AtomicWrite, SuccessfulWriteReplacesTheFileWhole) {
  const fs::path target = dir_ / "model.json";
  std::ofstream(target) << "old content\n";
  ASSERT_TRUE(writeFileAtomically(target.string(), std::string("new\n")).ok());
  EXPECT_EQ(read(target), "new\n");
  EXPECT_EQ(entries(), 1);
}

TEST_F(AtomicWrite, UncommittedFileIsDiscardedAndTheTemporarySitsBesideTheTarget) {
  const fs::path target = dir_ / "log.csv";
  std::ofstream(target) << "old\n";
  {
    AtomicFile f(target.string());
    ASSERT_TRUE(f.status().ok()) << f.status().message();
    EXPECT_EQ(fs::path(f.temporaryPath()).parent_path(), dir_);  // same folder: the rename is atomic
    std::fputs("partial", f.file());
    EXPECT_EQ(entries(), 2);
  }
  EXPECT_EQ(read(target), "old\n");
  EXPECT_EQ(entries(), 1);
}

TEST_F(AtomicWrite, UnwritableFolderIsReportedWhenOpening) {
  AtomicFile f((dir_ / "missing" / "model.json").string());
  EXPECT_FALSE(f.status().ok());
  EXPECT_NE(f.status().message().find("cannot write file"), std::string::npos) << f.status().message();
  EXPECT_FALSE(AtomicFile(dir_.string()).status().ok());  // a directory as the target
}

TEST_F(AtomicWrite, DeviceTargetsAreWrittenDirectlyAndTheirErrorsReported) {
  AtomicFile full("/dev/full");
  ASSERT_TRUE(full.status().ok()) << full.status().message();
  std::fputs(std::string(1 << 16, 'x').c_str(), full.file());
  EXPECT_FALSE(full.commit().ok());
  AtomicFile null("/dev/null");
  ASSERT_TRUE(null.status().ok());
  std::fputs("x", null.file());
  EXPECT_TRUE(null.commit().ok());
}

TEST_F(AtomicWrite, SceneSavesAreAtomic) {
  const fs::path target = dir_ / "scene.json";
  std::ofstream(target) << "previous scene\n";
  SceneFile scene;
  scene.flow = Flow(1);
  ASSERT_TRUE(saveSceneFile(scene, target.string()).ok());
  EXPECT_TRUE(loadSceneFile(target.string()).ok());
  EXPECT_EQ(entries(), 1);
  // A save that fails (a folder where the file should be) reports it and writes nothing.
  EXPECT_FALSE(saveSceneFile(scene, (dir_ / "no" / "scene.json").string()).ok());
}

}  // namespace
}  // namespace flowlab
