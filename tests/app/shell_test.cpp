// The app shell on a null ImGui context: shortcuts change state, idle frames change nothing.
#include "app/ui/shell.h"

#include <gtest/gtest.h>

#include "app/ui/app_state.h"
#include "app/ui/keys.h"
#include "app/views/view_registry.h"
#include "tests/app/null_imgui.h"

namespace flowlab::app {
namespace {

struct ShellFixture : ::testing::Test {
  test::NullImGui imgui;
  AppState state;
  ShellFixture() {
    state.views = makeViews();
    state.activate("welcome");
  }
  void run() { drawShell(state); }
};

TEST_F(ShellFixture, IdleFramesChangeNothing) {
  const Settings before = state.settings;
  for (int i = 0; i < 30; ++i) imgui.frame([&] { run(); });
  EXPECT_EQ(state.settings.sidebarVisible, before.sidebarVisible);
  EXPECT_EQ(state.settings.view, before.view);
  EXPECT_FALSE(state.quitRequested);
  EXPECT_FALSE(state.screenshotRequested);
  EXPECT_TRUE(state.messages.all().empty());
}

TEST_F(ShellFixture, CtrlBTogglesTheSidebarAndBack) {
  ASSERT_TRUE(state.settings.sidebarVisible);
  imgui.pressKey(keys::B, true, [&] { run(); });
  EXPECT_FALSE(state.settings.sidebarVisible);
  imgui.pressKey(keys::B, true, [&] { run(); });
  EXPECT_TRUE(state.settings.sidebarVisible);
}

TEST_F(ShellFixture, BBlanksTheScreenUntilPressedAgainAndF5TogglesPresentation) {
  imgui.pressKey(keys::B, false, [&] { run(); });
  EXPECT_TRUE(state.blanked);
  EXPECT_TRUE(state.settings.sidebarVisible) << "B alone is not Ctrl+B";
  // Blanked, the shell draws no window at all.
  imgui.frame([&] { run(); });
  EXPECT_EQ(ImGui::GetDrawData()->TotalVtxCount, 0) << "a blank frame draws nothing";
  imgui.pressKey(keys::B, false, [&] { run(); });
  EXPECT_FALSE(state.blanked);
  EXPECT_FALSE(state.presentation);
  imgui.pressKey(keys::F5, false, [&] { run(); });
  EXPECT_TRUE(state.presentation);
  EXPECT_TRUE(state.fontRebuildRequested) << "text is rebuilt at the presentation size";
  state.fontRebuildRequested = false;
  imgui.pressKey(keys::F5, false, [&] { run(); });
  EXPECT_FALSE(state.presentation);
  EXPECT_TRUE(state.fontRebuildRequested);
  imgui.pressKey(keys::F11, false, [&] { run(); });
  EXPECT_TRUE(state.fullscreen);
}

TEST_F(ShellFixture, CtrlQRequestsQuitAndF12AScreenshot) {
  imgui.pressKey(keys::Q, true, [&] { run(); });
  EXPECT_TRUE(state.quitRequested);
  imgui.pressKey(keys::F12, false, [&] { run(); });
  EXPECT_TRUE(state.screenshotRequested);
}

TEST_F(ShellFixture, CtrlPlusGrowsTheUiScaleWithinLimits) {
  for (int i = 0; i < 40; ++i) imgui.pressKey(keys::Equal, true, [&] { run(); });
  EXPECT_FLOAT_EQ(state.settings.uiScale, 3.0f);
  EXPECT_TRUE(state.fontRebuildRequested);
}

TEST_F(ShellFixture, UnknownViewIsReportedNotActivated) {
  View* before = state.activeView;
  state.activate("no-such-view");
  EXPECT_EQ(state.activeView, before);
  ASSERT_NE(state.messages.latest(), nullptr);
  EXPECT_NE(state.messages.latest()->text.find("no-such-view"), std::string::npos);
}

}  // namespace
}  // namespace flowlab::app
