// Journeys through the Training view with real X input: Run (Space) trains on its own thread at a
// rate close to headless `flowlab train` measured in the same test, Pause stops the step count,
// Reset (R) returns to step 0, and Space still works with the sidebar hidden (Ctrl+B).
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <sstream>
#include <thread>

#include "tests/gui/journey/journey.h"
#include "tests/support/process.h"

namespace flowlab::test {
namespace {

constexpr double kBaseline = 2.8378770664093453;  // log(2πe): the untrained flow's NLL

// Headless steps/s at the Training view's defaults (the CLI's), over a few hundred steps.
double headlessRate() {
  const auto r = runProcess(std::string(FLOWLAB_BINARY) + " train --steps 300 2>/dev/null");
  std::istringstream lines(r.out);
  std::string line;
  double rate = std::nan("");
  while (std::getline(lines, line))
    if (line.rfind("steps_per_sec=", 0) == 0) rate = std::stod(line.substr(14));
  return rate;
}

void sleepSeconds(double s) { std::this_thread::sleep_for(std::chrono::duration<double>(s)); }

bool runningIs(const TraceLine& t, int running) {
  return t.number("running") == running && t.number("synced") == 1;
}

class TrainJourney : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const std::string why = Journey::unavailable(); !why.empty()) GTEST_SKIP() << why;
  }
};

TEST_F(TrainJourney, RunTrainsNearHeadlessSpeedPauseStopsAndResetReturnsToStepZero) {
  const double before = headlessRate();
  Journey j(JourneyOptions{1280, 800, {"--view", "train"}});
  ASSERT_TRUE(j.ready()) << j.error();
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.number("step") == 0 && t.has("test_nll"); }, 20));
  EXPECT_NEAR(j.state().number("test_nll"), kBaseline, 0.03);

  j.key("space");
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return runningIs(t, 1); }, 10)) << j.state().raw();
  sleepSeconds(3.0);
  // A fresh line: the training thread's own clock since Run (it wakes the UI at least once a second).
  const int frame = j.frame();
  ASSERT_TRUE(j.waitFor([&](const TraceLine& t) { return t.number("frame") > frame; }, 5));
  const TraceLine running = j.state();
  const double inApp = running.number("run_steps") / running.number("run_seconds");
  const double after = headlessRate();
  const double headless = 0.5 * (before + after);
  // The bench (bench/train_in_app.sh) holds the 90% target on a quiet machine; under CI load the
  // UI's software rendering competes for the same two cores, so the test asks for half.
  EXPECT_GE(inApp, 0.5 * headless) << "in-app " << inApp << " steps/s, headless " << before << " / " << after
                                   << "; " << running.raw();
  EXPECT_GT(running.number("step"), 50);
  EXPECT_GT(running.number("test_points"), 1) << "the test curve is sampled while running: " << running.raw();

  j.key("space");
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return runningIs(t, 0); }, 10)) << j.state().raw();
  const double pausedAt = j.state().number("step");
  sleepSeconds(1.0);
  j.move(Point{700, 600});  // draws frames again
  j.waitFrames(2);
  EXPECT_EQ(j.state().number("step"), pausedAt) << "a paused run stepped";
  EXPECT_LT(j.state().number("test_nll"), kBaseline - 0.3) << "trained for a few seconds";

  j.key("r");
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.number("step") == 0 && t.number("synced") == 1; }, 10))
      << j.state().raw();
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.number("test_step") == 0; }, 10));
  EXPECT_NEAR(j.state().number("test_nll"), kBaseline, 0.03) << "Reset: the untrained flow again";
  EXPECT_EQ(j.state().number("running"), 0);
}

TEST_F(TrainJourney, SpaceRunsAndPausesWithTheSidebarHidden) {
  Journey j(JourneyOptions{1280, 800, {"--view", "train"}});
  ASSERT_TRUE(j.ready()) << j.error();
  j.key("ctrl+b");
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.number("sidebar") == 0; }, 10)) << j.state().raw();
  j.key("space");
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return runningIs(t, 1); }, 10)) << j.state().raw();
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return t.number("step") > 20; }, 20)) << j.state().raw();
  j.key("space");
  ASSERT_TRUE(j.waitFor([](const TraceLine& t) { return runningIs(t, 0); }, 10)) << j.state().raw();
  const double pausedAt = j.state().number("step");
  sleepSeconds(0.5);
  j.move(Point{700, 500});
  j.waitFrames(2);
  EXPECT_EQ(j.state().number("step"), pausedAt);
  EXPECT_EQ(j.state().number("sidebar"), 0);
}

}  // namespace
}  // namespace flowlab::test
