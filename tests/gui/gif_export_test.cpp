// Tier 3: `flowlab --scene FILE --gif OUT.gif` records a lesson headless: its guided steps (each
// animated, then held), or the layer morph of a scene without steps, at 15 frames a second of
// animation; the file decodes back to the frames and size the app printed.
#include <gtest/gtest.h>

#include <gif_lib.h>

#include <filesystem>
#include <sstream>
#include <string>

#include <unistd.h>

#include "tests/gui/png_image.h"
#include "tests/support/process.h"

namespace flowlab::test {
namespace {

struct Recorded {
  int exitCode = -1, frames = -1, width = 0, height = 0;  // as printed
  int fileFrames = 0, fileWidth = 0, fileHeight = 0, error = 0;  // as decoded
  std::vector<int> delays;
  std::string err;
};

Recorded record(const std::string& scene, const std::string& extra = "") {
  Recorded r;
  const std::string out = (std::filesystem::temp_directory_path() /
                           ("flowlab_gif_" + std::to_string(::getpid()) + ".gif")).string();
  const ProcessResult p = runGuiProcess(std::string(FLOWLAB_BINARY) + " --scene " + std::string(FLOWLAB_SOURCE_DIR) +
                                        "/assets/scenes/" + scene + " --size 1024x768 --gif " + out + extra);
  r.exitCode = p.exitCode, r.err = p.err;
  std::istringstream lines(p.out);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("gif_frames=", 0) == 0) r.frames = std::stoi(line.substr(11));
    if (line.rfind("gif_size=", 0) == 0) std::sscanf(line.c_str(), "gif_size=%dx%d", &r.width, &r.height);
  }
  if (GifFileType* gif = DGifOpenFileName(out.c_str(), &r.error)) {
    if (DGifSlurp(gif) == GIF_OK) {
      r.fileFrames = gif->ImageCount, r.fileWidth = gif->SWidth, r.fileHeight = gif->SHeight;
      for (int i = 0; i < gif->ImageCount; ++i) {
        GraphicsControlBlock gcb;
        if (DGifSavedExtensionToGCB(gif, i, &gcb) == GIF_OK) r.delays.push_back(gcb.DelayTime);
      }
    }
    DGifCloseFile(gif, nullptr);
  }
  std::filesystem::remove(out);
  return r;
}

class GifExport : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!haveDisplay()) GTEST_SKIP() << "no display (run under xvfb-run)";
  }
};

TEST_F(GifExport, ALessonsGuidedStepsAreRecordedHeadless) {
  // planar.json has 4 guided steps: the opening view held 0.8 s, then each step animated for
  // 0.5 s and held for 0.8 s, at 15 frames a second: about 12 + 4 · 19.5 = 90 frames.
  const Recorded r = record("planar.json");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  ASSERT_EQ(r.error, 0) << GifErrorString(r.error);
  EXPECT_EQ(r.fileFrames, r.frames);
  EXPECT_GE(r.frames, 80);
  EXPECT_LE(r.frames, 100);
  EXPECT_EQ(r.fileWidth, r.width);
  EXPECT_EQ(r.fileHeight, r.height);
  EXPECT_GT(r.width, 500);
  EXPECT_LT(r.width, 1024) << "the canvas alone, without the sidebar";
  for (int d : r.delays) ASSERT_EQ(d, 7) << "every frame is 1/15 s of animation";
}

TEST_F(GifExport, ASceneWithoutStepsRecordsItsLayerMorph) {
  // rotation.json: 2 layers morphed at 0.6 layers a second (3.3 s), then held 0.8 s.
  const Recorded r = record("rotation.json", " --gif-fps 10");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(r.fileFrames, r.frames);
  EXPECT_GE(r.frames, 38);
  EXPECT_LE(r.frames, 46);
  for (int d : r.delays) ASSERT_EQ(d, 10);
}

TEST_F(GifExport, AnUnwritableOutputFailsBeforeAnyWindowOpens) {
  const ProcessResult p = runGuiProcess(std::string(FLOWLAB_BINARY) + " --scene " + std::string(FLOWLAB_SOURCE_DIR) +
                                        "/assets/scenes/planar.json --gif /nonexistent/dir/out.gif");
  EXPECT_EQ(p.exitCode, 1);
  EXPECT_NE(p.err.find("cannot write the GIF"), std::string::npos) << p.err;
}

}  // namespace
}  // namespace flowlab::test
