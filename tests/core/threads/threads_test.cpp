// Code that runs on several threads, in one executable labelled `threads`: scripts/test runs it
// again under ThreadSanitizer, so a data race fails the build rather than a demo.
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <thread>
#include <vector>

#include "core/eval/density_grid.h"
#include "core/eval/grid.h"
#include "core/train/trainer.h"
#include "tests/core/eval/eval_test_scenes.h"

namespace flowlab {
namespace {

TrainerConfig tinyConfig(std::uint64_t seed, int threads) {
  TrainerConfig c;
  c.model.hidden = 8;
  c.model.layers = 2;
  c.batch = 128;  // a 2-thread trainer gives each thread half
  c.testSize = 256;
  c.seed = seed;
  c.threads = threads;
  return c;
}

// The density grid splits its chunks over two threads; every cell must equal the flow's own
// log p at that cell's centre, whichever thread computed it.
TEST(Threads, DensityGridOnTwoThreadsMatchesPointByPoint) {
  const Flow flow = test::exampleFlow("banana.json");
  const GridSpec grid{{-4, 4, -3, 5}, 96, 96};  // 9216 cells: 18 chunks of 512, so two threads
  const Expected<DensityGrid> d = densityGrid(flow, grid);
  ASSERT_TRUE(d.ok()) << d.status.message();
  const Expected<Vector> direct = flow.logProb(gridPoints(grid, 0, grid.size()));
  ASSERT_TRUE(direct.ok());
  EXPECT_EQ((d.value.logProb - direct.value).cwiseAbs().maxCoeff(), 0.0);
}

// A two-thread trainer (its worker pool) read through snapshots from a third thread: every
// snapshot is complete, finite and moves forward.
TEST(Threads, SnapshotsOfATwoThreadTrainerWhileItTrains) {
  Trainer t(tinyConfig(4, 2));
  std::atomic<bool> done{false};
  std::atomic<bool> ok{true};
  std::thread reader([&] {
    long long last = 0;
    while (!done) {
      const TrainerSnapshot s = t.snapshot();
      bool good = s.step >= last && s.params.size() == size_t(t.model().paramCount());
      for (float v : s.params) good = good && std::isfinite(v);
      if (!good) ok = false;
      last = s.step;
    }
  });
  t.step(40);
  done = true;
  reader.join();
  EXPECT_TRUE(ok);
  EXPECT_EQ(t.snapshot().step, 40);
}

// Two trainers on two threads at once share nothing: each ends exactly where the same trainer
// stepped alone ends.
TEST(Threads, IndependentTrainersOnTwoThreadsShareNoState) {
  Trainer alone(tinyConfig(11, 1));
  alone.step(30);
  Trainer a(tinyConfig(11, 1)), b(tinyConfig(12, 1));
  std::thread other([&] { b.step(30); });
  a.step(30);
  other.join();
  EXPECT_EQ(a.state().params, alone.state().params);
  EXPECT_EQ(a.curve(), alone.curve());
  EXPECT_NE(b.state().params, alone.state().params);
}

}  // namespace
}  // namespace flowlab
