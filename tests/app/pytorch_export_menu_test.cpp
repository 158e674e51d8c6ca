// File > Export as PyTorch script: every view with a flow hands the export a scene it accepts
// (the labs their scene, the Training view its model, the Energy view its fit); the Welcome view
// says it has none.
#include <gtest/gtest.h>

#include "app/ui/app_state.h"
#include "app/ui/pytorch_export_menu.h"
#include "app/views/energy/energy_view.h"
#include "app/views/view_registry.h"
#include "core/export/pytorch_export.h"
#include "tests/app/null_imgui.h"

namespace flowlab::app {
namespace {

TEST(PytorchExportMenu, EveryViewWithAFlowExportsIt) {
  test::NullImGui imgui;
  AppState state;
  state.views = makeViews();
  for (const char* id : {"1d", "2d", "train", "energy"}) {
    SCOPED_TRACE(id);
    state.activate(id);
    // The view builds its model or starts its fit (update only: the canvases need GL).
    for (int i = 0; i < 3; ++i) imgui.frame([&] { state.activeView->update(state, 0.016); });
    const Expected<SceneFile> scene = exportableScene(*state.findView(id));
    ASSERT_TRUE(scene.ok()) << scene.status.message();
    const Expected<std::string> script = exportPytorchScript(scene.value);
    ASSERT_TRUE(script.ok()) << script.status.message();
    EXPECT_NE(script.value.find("flow = "), std::string::npos);
    EXPECT_NE(script.value.find("import torch"), std::string::npos);
  }
  const Expected<SceneFile> none = exportableScene(*state.findView("welcome"));
  EXPECT_FALSE(none.ok());
  EXPECT_NE(none.status.message().find("no flow"), std::string::npos) << none.status.message();
}

}  // namespace
}  // namespace flowlab::app
