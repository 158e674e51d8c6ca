// The MAF vs IAF panel on a null ImGui context: a scene's "maf_vs_iaf" block opens it and starts
// measuring; frames keep being drawn while core's worker measures, and the rows arrive with the
// pass counts the layers ran; a bad block says where and opens nothing; the bundled lesson's
// block reads and its training block is a valid training scene.
#include "app/ui/maf_vs_iaf_panel.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>
#include <unistd.h>

#include "app/platform/config_paths.h"
#include "app/ui/app_state.h"
#include "app/ui/view.h"
#include "core/io/read_file.h"
#include "core/train/training_scene.h"
#include "tests/app/null_imgui.h"

namespace flowlab::app {
namespace {

std::string writeScene(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / (name + std::to_string(::getpid()) + ".json");
  std::ofstream(path) << text;
  return path.string();
}

TEST(MafVsIafPanel, ASceneBlockOpensItAndRowsArriveWhileFramesAreDrawn) {
  test::NullImGui imgui;
  AppState state;
  const std::string path = writeScene("mafiaf_tiny", R"({"training": {"dataset": "moons"}, "maf_vs_iaf":
      {"dims": [2, 3], "layers": 2, "hidden": 8, "train_steps": 10, "points": 300, "chunk": 100, "test_size": 200}})");
  ASSERT_TRUE(openMafVsIafFromScene(state, path));
  ASSERT_TRUE(state.mafVsIaf);
  EXPECT_TRUE(state.showMafVsIaf);
  int frames = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    imgui.frame([&] { drawMafVsIafWindow(state); });
    ++frames;
    if (state.mafVsIaf->snap.state == AutoregressiveCostSnapshot::State::Finished) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_EQ(state.mafVsIaf->snap.state, AutoregressiveCostSnapshot::State::Finished);
  EXPECT_GT(frames, 1);
  std::string trace;
  traceMafVsIaf(state, trace);
  EXPECT_NE(trace.find(" mafiaf_state=finished"), std::string::npos) << trace;
  EXPECT_NE(trace.find(" mafiaf_done=2"), std::string::npos) << trace;
  // 2 layers: MAF density 2, sampling 2·D; IAF the reverse.
  EXPECT_NE(trace.find(" mafiaf_d2=2/4,4/2"), std::string::npos) << trace;
  EXPECT_NE(trace.find(" mafiaf_d3=2/6,6/2"), std::string::npos) << trace;
  std::filesystem::remove(path);
  closeMafVsIafPanel(state);
}

TEST(MafVsIafPanel, ABadBlockSaysWhereAndOpensNothing) {
  AppState state;
  const std::string path = writeScene("mafiaf_bad", "{\"training\": {},\n \"maf_vs_iaf\": {\"dims\": [2, 99]}}");
  EXPECT_FALSE(openMafVsIafFromScene(state, path));
  EXPECT_FALSE(state.showMafVsIaf);
  ASSERT_NE(state.messages.latest(), nullptr);
  const std::string& m = state.messages.latest()->text;
  EXPECT_NE(m.find(path + ":2:"), std::string::npos) << m;
  EXPECT_NE(m.find(":2:29: maf_vs_iaf/dims/1: a dimension must be an integer in [2, 64], got 99"), std::string::npos) << m;
  std::filesystem::remove(path);
}

TEST(MafVsIafPanel, TheBundledLessonIsATrainingSceneWithTheDefaultMeasurement) {
  const std::string path = (dataDir() / "assets" / "scenes" / "ch6_maf_vs_iaf.json").string();
  const Expected<TrainingScene> t = loadTrainingScene(path);
  ASSERT_TRUE(t.ok()) << t.status.message();
  EXPECT_EQ(t.value.chapter, 6);
  const Expected<std::string> text = readTextFile(path);
  ASSERT_TRUE(text.ok());
  const auto block = readMafVsIafScene(Json::parse(text.value));
  ASSERT_TRUE(block.ok()) << block.status.message();
  ASSERT_TRUE(block.value.has_value());
  EXPECT_EQ(block.value->config, AutoregressiveCostConfig{});  // the issue's 10,000 points, D = 2 … 16
  EXPECT_TRUE(block.value->autostart);
}

}  // namespace
}  // namespace flowlab::app
