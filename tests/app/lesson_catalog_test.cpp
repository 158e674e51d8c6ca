// The Lessons browser's catalog: every bundled scene names its chapter (1..6) and explains itself
// in several sentences; every chapter the series has scenes for has at least two; a lesson opens
// in the view it belongs to; files with no valid chapter are not lessons.
#include "app/ui/lesson_catalog.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "app/platform/config_paths.h"
#include "app/ui/app_state.h"
#include "app/ui/dialogs.h"
#include "app/ui/shell.h"
#include "app/views/view_registry.h"
#include "app/views/welcome_thumbnails.h"
#include "tests/app/null_imgui.h"

namespace flowlab::app {
namespace {

int sentences(const std::string& text) {
  int n = 0;
  for (size_t i = 0; i < text.size(); ++i)
    if ((text[i] == '.' || text[i] == '!' || text[i] == '?') && (i + 1 == text.size() || text[i + 1] == ' ')) ++n;
  return n;
}

TEST(LessonCatalog, EveryBundledSceneIsALessonWithSeveralSentences) {
  const std::filesystem::path folder = dataDir() / "assets" / "scenes";
  int scenes = 0;
  for (const auto& e : std::filesystem::directory_iterator(folder)) scenes += e.path().extension() == ".json";
  const std::vector<Lesson> all = readLessons(folder.string());
  EXPECT_EQ(int(all.size()), scenes) << "a bundled scene without a valid \"chapter\"";
  std::set<std::string> titles;
  for (const Lesson& l : all) {
    SCOPED_TRACE(l.path);
    EXPECT_GE(l.chapter, 1);
    EXPECT_LE(l.chapter, 6);
    EXPECT_GE(sentences(l.description), 3) << l.description;
    EXPECT_TRUE(titles.insert(l.title).second) << "two lessons are called " << l.title;
  }
  for (int c = 1; c <= 4; ++c) {
    int n = 0;
    for (const Lesson& l : all) n += l.chapter == c;
    EXPECT_GE(n, 2) << "chapter " << c;
  }
  for (size_t i = 1; i < all.size(); ++i) EXPECT_LE(all[i - 1].chapter, all[i].chapter) << "in chapter order";
}

TEST(LessonCatalog, FilesWithoutAValidChapterAreNotLessons) {
  const auto dir = std::filesystem::temp_directory_path() / ("flowlab_lessons_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto write = [&](const std::string& name, const std::string& text) { std::ofstream(dir / name) << text; };
  write("a.json", R"({"chapter": 2, "name": "Kept", "description": "One. Two. Three."})");
  write("b.json", R"({"chapter": 7, "name": "Out of range"})");
  write("c.json", R"({"chapter": "3", "name": "A string"})");
  write("d.json", R"({"name": "No chapter"})");
  write("e.json", R"({"chapter": 1, "title": "Title wins", "name": "over name"})");
  write("f.json", "not json");
  write("g.txt", R"({"chapter": 1})");
  write("h.json", R"({"chapter": 2, "lesson": 1, "name": "Numbered first"})");
  const std::vector<Lesson> l = readLessons(dir.string());
  ASSERT_EQ(l.size(), 3u);
  EXPECT_EQ(l[0].title, "Title wins");
  EXPECT_EQ(l[0].chapter, 1);
  EXPECT_EQ(l[1].title, "Numbered first") << "\"lesson\" orders a chapter before file names do";
  EXPECT_EQ(l[2].title, "Kept");
  std::filesystem::remove_all(dir);
}

TEST(LessonCatalog, EachLessonOpensInItsView) {
  test::NullImGui imgui;
  AppState state;
  state.views = makeViews();
  state.activate("welcome");
  imgui.frame([&] { drawShell(state); });
  for (const Lesson& l : lessons()) {
    SCOPED_TRACE(l.path);
    std::ifstream in(l.path);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const bool oneD = text.find("\"dim\": 1") != std::string::npos;
    const bool training = text.find("\"training\"") != std::string::npos;
    const bool target = text.find("\"target\"") != std::string::npos;  // a reverse-KL fit
    ASSERT_TRUE(openSceneFile(state, l.path));
    EXPECT_EQ(state.activeView->id(), training ? "train" : target ? "energy" : oneD ? "1d" : "2d");
  }
}

// The Welcome view's chapter cards show a picture the engine computes from each chapter's first
// lesson: densities for flow scenes, the data for training scenes.
TEST(ChapterThumbnails, EachKindOfSceneGivesItsPicture) {
  const auto scene = [](const char* name) { return (dataDir() / "assets" / "scenes" / name).string(); };
  const ChapterThumbnail oneD = makeChapterThumbnail(scene("affine_1d.json"));
  ASSERT_EQ(oneD.kind, ChapterThumbnail::Kind::Curves);
  // p_Z and p_X on [-4, 4]: both densities, so each integrates to nearly 1 there (trapezoid rule).
  for (const auto* d : {&oneD.base, &oneD.data}) {
    const Vector& x = d->value.x;
    const Vector& p = d->value.density;
    double mass = 0;
    for (Eigen::Index i = 1; i < x.size(); ++i) mass += 0.5 * (p(i) + p(i - 1)) * (x(i) - x(i - 1));
    EXPECT_GT(mass, 0.9);
    EXPECT_LT(mass, 1.0 + 1e-6);
  }
  const ChapterThumbnail twoD = makeChapterThumbnail(scene("shear.json"));
  ASSERT_EQ(twoD.kind, ChapterThumbnail::Kind::Heatmap);
  EXPECT_EQ(twoD.density.value.grid.width, 64);
  EXPECT_GT(twoD.density.value.mass, 0.9) << "most of the sheared Gaussian lies in [-4, 4]²";
  const ChapterThumbnail training = makeChapterThumbnail(scene("train_moons.json"));
  ASSERT_EQ(training.kind, ChapterThumbnail::Kind::Points);
  EXPECT_EQ(training.points.rows(), 600);
  EXPECT_EQ(makeChapterThumbnail(scene("no_such_scene.json")).kind, ChapterThumbnail::Kind::None);
}

}  // namespace
}  // namespace flowlab::app
