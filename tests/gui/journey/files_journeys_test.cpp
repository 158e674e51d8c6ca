// Scene files with real X input: an edit shows the modified mark in the window title, Save As
// writes the scene and clears it, copy then paste brings the saved scene back, malformed pasted
// text is refused with the loader's message, and quitting with unsaved changes asks first.
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/gui/journey/journey.h"
#include "tests/support/process.h"

namespace flowlab::test {
namespace {

std::string title(const Journey& j) {
  std::string t = runProcess("DISPLAY=" + j.display() + " xdotool search --name '^FlowLab' getwindowname").out;
  while (!t.empty() && t.back() == '\n') t.pop_back();
  return t;
}

TEST(FilesJourney, EditSaveAsCopyPasteAndAMalformedPaste) {
  if (const std::string why = Journey::unavailable(); !why.empty()) GTEST_SKIP() << why;
  Journey j(JourneyOptions{1280, 800, {"--scene", std::string(FLOWLAB_SOURCE_DIR) + "/assets/scenes/planar.json"}});
  ASSERT_TRUE(j.ready()) << j.error();
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.text("view") == "2d" && t.has("modified"); }, 20));
  EXPECT_EQ(title(j), "FlowLab \xE2\x80\x94 Planar flow");
  EXPECT_EQ(j.state().number("modified"), 0);
  j.click(Point{640, 560});  // the readout area: focus, nothing else
  j.key("Left");             // the layer slider: a change of the scene
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.number("modified") == 1; }, 10)) << j.state().raw();
  EXPECT_EQ(title(j), "FlowLab \xE2\x80\x94 Planar flow \xE2\x80\xA2");
  j.capture(j.dir() + "/modified.png");

  const std::string saved = j.dir() + "/saved.json";
  j.key("ctrl+shift+s");
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.number("saveas") == 1; }, 10));
  j.key("ctrl+a");
  j.type(saved);
  j.key("Return");
  ASSERT_TRUE(j.waitFor([&](const TraceLine& t) { return t.text("doc") == saved && t.number("modified") == 0; }, 10))
      << j.state().raw();
  EXPECT_TRUE(std::filesystem::exists(saved));
  EXPECT_EQ(title(j), "FlowLab \xE2\x80\x94 Planar flow");

  // Copy, change, paste: the saved scene comes back (no longer modified against... a pasted one).
  j.key("ctrl+shift+c");
  j.key("Right");
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.number("modified") == 1; }, 10));
  j.key("ctrl+shift+v");
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.number("unsaved") == 1; }, 10)) << "paste asks first";
  j.click(j.state().point("unsaved_discard_px"));
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.number("unsaved") == 0 && t.text("doc") == "none"; }, 10))
      << j.state().raw();
  EXPECT_EQ(j.state().number("modified"), 0);
  EXPECT_EQ(j.state().number("errors"), 0);

  // Malformed text on the clipboard (copied from a text field): refused, nothing changes.
  j.key("ctrl+shift+s");
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.number("saveas") == 1; }, 10));
  j.key("ctrl+a");
  j.type("{not a scene");
  j.key("ctrl+a");
  j.key("ctrl+c");
  j.key("Escape");
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.number("saveas") == 0; }, 10));
  j.key("ctrl+shift+v");
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.number("errors") == 1; }, 10)) << j.state().raw();
  EXPECT_EQ(j.state().text("view"), "2d");
  EXPECT_EQ(j.state().number("modified"), 0);
  j.capture(j.dir() + "/malformed_paste.png");

  // Quitting with changes asks; Cancel keeps the app running.
  j.key("Right");
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.number("modified") == 1; }, 10));
  j.key("ctrl+q");
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.number("unsaved") == 1; }, 10));
  j.capture(j.dir() + "/unsaved.png");
  j.click(j.state().point("unsaved_cancel_px"));
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.number("unsaved") == 0; }, 10));
  EXPECT_TRUE(j.appRunning());
}

}  // namespace
}  // namespace flowlab::test
