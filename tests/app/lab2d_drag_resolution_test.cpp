// The 2D lab keeps its density resolution while a handle is dragged or the morph plays (the
// engine's 256² field keeps up, so there is no coarse fallback), and a drag's end recomputes
// nothing more.
#include <gtest/gtest.h>

#include <string>

#include "app/platform/config_paths.h"
#include "app/ui/app_state.h"
#include "app/views/lab2d/lab2d_view.h"
#include "app/views/view_registry.h"
#include "tests/app/null_imgui.h"

namespace flowlab::app {
namespace {

TEST(Lab2DDragResolution, DraggingAndPlayingKeepTheChosenResolution) {
  test::NullImGui imgui;
  AppState state;
  state.views = makeViews();
  state.activate("2d");
  auto* view = dynamic_cast<Lab2DView*>(state.findView("2d"));
  ASSERT_NE(view, nullptr);
  ASSERT_TRUE(view->openScene(state, (dataDir() / "bench" / "scenes" / "six_layers.json").string()));
  Lab2DState& s = view->labState();
  for (int resolution : {256, 512, 128}) {
    s.resolution = resolution;
    for (auto [interacting, playing] : {std::pair{true, false}, std::pair{false, true}, std::pair{false, false}}) {
      s.interacting = interacting;
      s.playing = playing;
      // A drag step: a parameter moves, the next frame recomputes.
      Bijector& planar = s.scene.flow.layer(1);
      planar.setParameter(0, planar.parameters()[0].value + 0.01);
      s.dirty = true;
      recompute(s);
      EXPECT_EQ(s.fields.resolution, resolution) << "interacting " << interacting << " playing " << playing;
      ASSERT_TRUE(s.fields.from.density.ok()) << s.fields.from.density.status.message();
      EXPECT_EQ(s.fields.from.density.value.grid.width, resolution);
      EXPECT_EQ(s.fields.from.density.value.grid.height, resolution);
    }
    // Letting go changes nothing the fields depend on: nothing left to recompute.
    const int computed = s.cache.computed;
    recompute(s);
    EXPECT_EQ(s.cache.computed, computed);
  }
}

}  // namespace
}  // namespace flowlab::app
