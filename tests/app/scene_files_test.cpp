// app/ui/scene_files.h on a null ImGui context: Copy scene then Paste scene reproduces the scene
// exactly, malformed pasted text changes nothing and says why, the modified mark follows edits,
// and every writer of the app leaves the old file intact when a write fails midway.
#include "app/ui/scene_files.h"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/gl/screenshot.h"
#include "app/platform/settings.h"
#include "app/ui/app_state.h"
#include "app/ui/dialogs.h"
#include "app/ui/view.h"
#include "app/views/lab1d/lab1d_view.h"
#include "app/views/lab2d/lab2d_view.h"
#include "app/views/view_registry.h"
#include "core/io/atomic_write.h"
#include "core/scene/scene_file.h"
#include "tests/app/null_imgui.h"

namespace flowlab::app {
namespace {
namespace fs = std::filesystem;

// Moves the first editable parameter of the flow by `d`; returns its new value.
double bump(Flow& flow, double d) {
  for (int i = 0; i < flow.layerCount(); ++i) {
    Bijector& b = flow.layer(i);
    if (b.parameters().empty()) continue;
    b.setParameter(0, b.parameters()[0].value + d);
    return b.parameters()[0].value;
  }
  ADD_FAILURE() << "no editable parameter";
  return 0.0;
}

struct SceneFilesFixture : ::testing::Test {
  test::NullImGui imgui;
  AppState state;
  SceneFilesFixture() {
    state.views = makeViews();
    state.activate("welcome");
  }
  std::string textOf(const std::string& view) {
    std::string t;
    EXPECT_TRUE(sceneText(*state.findView(view), t));
    return t;
  }
  int errors() const {
    int n = 0;
    for (const Message& m : state.messages.all()) n += m.severity == Severity::Error;
    return n;
  }
};

TEST_F(SceneFilesFixture, CopyThenPasteReproducesTheSceneExactly) {
  for (const char* lesson : {"assets/scenes/coupling_003.json", "assets/scenes/bimodal_spline_1d.json"}) {
    SCOPED_TRACE(lesson);
    ASSERT_TRUE(openSceneFile(state, std::string(FLOWLAB_SOURCE_DIR) + "/" + lesson));
    const std::string view = state.activeView->id();
    // Change something the file does not have, so the copy is of the edited state.
    if (auto* l2 = dynamic_cast<Lab2DView*>(state.activeView)) {
      l2->labState().showPatches = true;
      bump(l2->labState().scene.flow, 0.25);
    } else {
      dynamic_cast<Lab1DView*>(state.activeView)->labState().samples = 777;
    }
    const std::string before = textOf(view);
    imgui.frame([&] { copyScene(state); });
    EXPECT_EQ(std::string(ImGui::GetClipboardText()), before);
    // Another scene in between, so the paste has to bring everything back.
    ASSERT_TRUE(openSceneFile(state, std::string(FLOWLAB_SOURCE_DIR) + "/assets/scenes/" +
                                         (view == "2d" ? "planar.json" : "affine_1d.json")));
    ASSERT_NE(textOf(view), before);
    imgui.frame([&] { pasteScene(state); });
    EXPECT_EQ(state.activeView->id(), view);
    EXPECT_EQ(textOf(view), before);
  }
  EXPECT_EQ(errors(), 0);
}

TEST_F(SceneFilesFixture, MalformedPasteChangesNothingAndGivesTheLoadersMessage) {
  ASSERT_TRUE(openSceneFile(state, std::string(FLOWLAB_SOURCE_DIR) + "/assets/scenes/planar.json"));
  const std::string before = textOf("2d");
  for (const char* bad : {"{\"dim\": 2, \"layers\": [", "{\"dim\": 2, \"layers\": [{\"type\": \"warp_drive\"}]}"}) {
    ImGui::SetClipboardText(bad);
    const int errorsBefore = errors();
    imgui.frame([&] { pasteScene(state); });
    EXPECT_EQ(errors(), errorsBefore + 1) << bad;
    EXPECT_NE(state.messages.latest()->text.find("<clipboard>:1:"), std::string::npos) << state.messages.latest()->text;
    EXPECT_EQ(textOf("2d"), before);
  }
}

TEST_F(SceneFilesFixture, AnEditMarksTheSceneModifiedAndSavingClearsIt) {
  ASSERT_TRUE(openSceneFile(state, std::string(FLOWLAB_SOURCE_DIR) + "/assets/scenes/planar.json"));
  updateSceneFiles(state);
  EXPECT_FALSE(activeModified(state));
  EXPECT_EQ(windowTitle(state).rfind("FlowLab \xE2\x80\x94 ", 0), 0u);
  auto* lab = dynamic_cast<Lab2DView*>(state.activeView);
  const double edited = bump(lab->labState().scene.flow, 0.5);
  updateSceneFiles(state);
  EXPECT_TRUE(activeModified(state));
  EXPECT_NE(windowTitle(state).find("\xE2\x80\xA2"), std::string::npos) << windowTitle(state);
  // Opening another scene now asks first, and Cancel keeps the edit.
  EXPECT_FALSE(openSceneFile(state, std::string(FLOWLAB_SOURCE_DIR) + "/assets/scenes/radial.json"));
  EXPECT_EQ(state.files.pending.kind, PendingKind::OpenFile);
  answerUnsavedChanges(state, UnsavedAnswer::Cancel);
  EXPECT_TRUE(activeModified(state));
  const std::string dir = ::testing::TempDir() + "flowlab_save_" + std::to_string(::getpid());
  fs::create_directories(dir);
  ASSERT_TRUE(saveSceneAs(state, dir + "/mine.json"));
  updateSceneFiles(state);
  EXPECT_FALSE(activeModified(state));
  EXPECT_EQ(state.settings.recentFiles.front(), fs::absolute(dir + "/mine.json").string());
  const Expected<SceneFile> back = loadSceneFile(dir + "/mine.json");
  ASSERT_TRUE(back.ok()) << back.status.message();
  Flow reread = back.value.flow;
  EXPECT_EQ(bump(reread, 0.0), edited);
  // A folder that cannot be written: a clear error, nothing changed.
  EXPECT_FALSE(saveSceneAs(state, dir + "/missing/mine.json"));
  EXPECT_NE(state.messages.latest()->text.find("cannot write file"), std::string::npos);
  fs::remove_all(dir);
}

// A write that fails midway, for real: the file-size limit stops every write past 64 bytes.
TEST(AtomicAppWriters, AWriteFailingMidwayLeavesEachOldFileIntact) {
  const fs::path dir = fs::path(::testing::TempDir()) / ("flowlab_midwrite_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string old = "old content\n";
  for (const char* name : {"scene.json", "settings.json", "shot.png"}) std::ofstream(dir / name) << old;
  SceneFile scene;
  scene.dim = 1;
  scene.flow = Flow(1);
  scene.description = std::string(4000, 'x');  // far beyond the limit
  Settings settings;
  settings.lastScene = std::string(4000, 'y');
  FramePixels pixels;
  pixels.width = pixels.height = 64;
  pixels.rgb.assign(64 * 64 * 3, 0);
  for (size_t i = 0; i < pixels.rgb.size(); ++i) pixels.rgb[i] = static_cast<unsigned char>(i * 7919 % 251);

  rlimit saved{};
  ASSERT_EQ(getrlimit(RLIMIT_FSIZE, &saved), 0);
  auto previous = std::signal(SIGXFSZ, SIG_IGN);  // a failing write returns EFBIG instead of killing us
  rlimit small = saved;
  small.rlim_cur = 64;
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &small), 0);
  const bool sceneSaved = saveSceneFile(scene, (dir / "scene.json").string()).ok();
  const bool settingsSaved = saveSettings(dir / "settings.json", settings);
  const std::string pngError = writePngFile((dir / "shot.png").string(), pixels);
  setrlimit(RLIMIT_FSIZE, &saved);
  std::signal(SIGXFSZ, previous);

  EXPECT_FALSE(sceneSaved);
  EXPECT_FALSE(settingsSaved);
  EXPECT_FALSE(pngError.empty());
  for (const char* name : {"scene.json", "settings.json", "shot.png"}) {
    std::ifstream in(dir / name);
    std::stringstream s;
    s << in.rdbuf();
    EXPECT_EQ(s.str(), old) << name;
  }
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 3) << "no temporary left behind";
  // And without the limit the same writers succeed.
  EXPECT_TRUE(saveSceneFile(scene, (dir / "scene.json").string()).ok());
  EXPECT_TRUE(writePngFile((dir / "shot.png").string(), pixels).empty());
  fs::remove_all(dir);
}

}  // namespace
}  // namespace flowlab::app
