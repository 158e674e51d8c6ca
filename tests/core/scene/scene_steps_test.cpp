// Guided steps: read from a scene with their changes checked against the flow, applied in order,
// walked back to exactly the earlier state, blended for the half-second animation, and every
// malformed step refused with its JSON pointer and a reason.
#include "core/scene/scene_steps.h"

#include <gtest/gtest.h>

namespace flowlab {
namespace {

SceneFile scene(const std::string& steps) {
  const std::string text = R"({"version": 1, "dim": 2, "layers": [
      {"type": "planar", "u": [1.0, 0.0], "w": [1.0, 2.0], "b": 0.0},
      {"type": "linear", "A": [[1, 0], [0, 1]], "b": [0, 0]}], "steps": )" + steps + "}";
  Expected<SceneFile> s = parseScene(text, "t.json");
  EXPECT_TRUE(s.ok()) << s.status.message();
  return s.value;
}

std::vector<double> params(const Flow& f) {
  std::vector<double> out;
  for (int l = 0; l < f.layerCount(); ++l)
    for (const Parameter& p : f.layer(l).parameters()) out.push_back(p.value);
  return out;
}

const char* kTwoSteps = R"([
  {"caption": "Push harder along u", "set": [{"layer": 1, "parameter": "u0", "value": 2.5}], "overlays": {"patches": true}},
  {"caption": "Tilt the hyperplane", "set": [{"layer": 1, "parameter": "w1", "value": -1.0},
                                               {"layer": 2, "parameter": "b1", "value": 0.5}], "layers": 1}])";

TEST(SceneSteps, ChangesApplyInOrderAndWalkingBackIsExact) {
  const SceneFile s = scene(kTwoSteps);
  const Expected<std::vector<SceneStep>> steps = readSceneSteps(s);
  ASSERT_TRUE(steps.ok()) << steps.status.message();
  ASSERT_EQ(steps.value.size(), 2u);
  EXPECT_EQ(steps.value[0].caption, "Push harder along u");
  ASSERT_EQ(steps.value[0].overlays.size(), 1u);
  EXPECT_EQ(steps.value[0].overlays[0], (std::pair<std::string, bool>{"patches", true}));
  EXPECT_FALSE(steps.value[0].layers.has_value());
  EXPECT_EQ(steps.value[1].layers, 1.0);
  const std::vector<double> start = params(s.flow);
  EXPECT_EQ(params(flowAfterSteps(s.flow, steps.value, 0)), start);
  const Flow one = flowAfterSteps(s.flow, steps.value, 1), two = flowAfterSteps(s.flow, steps.value, 2);
  EXPECT_EQ(one.layer(0).parameters()[0].value, 2.5);
  EXPECT_EQ(one.layer(0).parameters()[3].value, 2.0) << "step 2 not applied yet";
  EXPECT_EQ(two.layer(0).parameters()[3].value, -1.0);
  EXPECT_EQ(two.layer(1).parameters().back().value, 0.5);
  // Forward to 2 and back to 1 is step 1 exactly; k beyond the end is the last step.
  EXPECT_EQ(params(flowAfterSteps(s.flow, steps.value, 1)), params(one));
  EXPECT_EQ(params(flowAfterSteps(s.flow, steps.value, 99)), params(two));
  EXPECT_EQ(params(flowAfterSteps(s.flow, steps.value, -3)), start);
}

TEST(SceneSteps, BlendMovesEveryParameterAlongASmoothstep) {
  const SceneFile s = scene(kTwoSteps);
  const auto steps = readSceneSteps(s).value;
  const Flow a = flowAfterSteps(s.flow, steps, 1), b = flowAfterSteps(s.flow, steps, 2);
  EXPECT_EQ(params(blendFlows(a, b, 0.0)), params(a));
  EXPECT_EQ(params(blendFlows(a, b, 1.0)), params(b));
  EXPECT_EQ(params(blendFlows(a, b, 7.0)), params(b));
  const std::vector<double> pa = params(a), pb = params(b), mid = params(blendFlows(a, b, 0.5)),
                            early = params(blendFlows(a, b, 0.1));
  for (size_t i = 0; i < pa.size(); ++i) {
    EXPECT_NEAR(mid[i], 0.5 * (pa[i] + pb[i]), 1e-15);
    // Smoothstep starts slowly: at t = 0.1 it has moved 2.8% of the way, not 10%.
    EXPECT_NEAR(early[i], pa[i] + 0.028 * (pb[i] - pa[i]), 1e-12);
  }
}

TEST(SceneSteps, NoStepsIsAnEmptyList) {
  Expected<SceneFile> s = parseScene(R"({"version": 1, "dim": 1, "layers": [{"type": "affine", "a": 2, "b": 1}]})", "t");
  ASSERT_TRUE(s.ok());
  const auto steps = readSceneSteps(s.value);
  ASSERT_TRUE(steps.ok());
  EXPECT_TRUE(steps.value.empty());
}

TEST(SceneSteps, MalformedStepsNameTheirPlaceAndReason) {
  const struct {
    const char* steps;
    const char* pointer;
    const char* reason;
  } cases[] = {
      {R"({"caption": "x"})", "/steps", "must be an array"},
      {R"([{"set": []}])", "/steps/0/caption", "needs a \"caption\""},
      {R"([{"caption": "two\nlines"}])", "/steps/0/caption", "one line"},
      {R"([{"caption": "x", "set": [{"layer": 0, "parameter": "b", "value": 1}]}])", "/steps/0/set/0/layer",
       "does not exist"},
      {R"([{"caption": "x", "set": [{"layer": 3, "parameter": "b", "value": 1}]}])", "/steps/0/set/0/layer",
       "the scene has 2"},
      {R"([{"caption": "x", "set": [{"layer": 1, "parameter": "u3", "value": 1}]}])", "/steps/0/set/0/parameter",
       "it has u0, u1, w0, w1, b"},
      {R"([{"caption": "x", "set": [{"layer": 1, "parameter": "b", "value": "one"}]}])", "/steps/0/set/0/value",
       "must be a number"},
      {R"([{"caption": "x", "set": [{"layer": 1, "parameter": "b", "value": 1, "extra": 2}]}])", "/steps/0/set/0/extra",
       "unknown field"},
      {R"([{"caption": "x", "overlays": {"grid": "yes"}}])", "/steps/0/overlays/grid", "true or false"},
      {R"([{"caption": "x", "layers": 5}])", "/steps/0/layers", "from 0 to 2"},
      {R"([{"caption": "x", "layer": 1}])", "/steps/0/layer", "expected: caption, set, overlays, layers"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.steps);
    const Expected<std::vector<SceneStep>> r = readSceneSteps(scene(c.steps));
    ASSERT_FALSE(r.ok());
    const auto [pointer, reason] = splitJsonError(r.status.message());
    EXPECT_EQ(pointer, c.pointer) << r.status.message();
    EXPECT_NE(r.status.message().find(c.reason), std::string::npos) << r.status.message();
  }
}

SceneFile sceneWithHidden(const std::string& hidden, const std::string& steps) {
  const std::string text = R"({"version": 1, "dim": 2, "layers": [{"type": "planar", "u": [1.0, 0.0], "w": [1.0, 2.0], "b": 0.0}],
      "hidden": )" + hidden + R"(, "steps": )" + steps + "}";
  Expected<SceneFile> s = parseScene(text, "t.json");
  EXPECT_TRUE(s.ok()) << s.status.message();
  return s.value;
}

TEST(SceneSteps, HiddenOverlaysStayHiddenUntilAStepRevealsThem) {
  const SceneFile s = sceneWithHidden(R"(["density", "grid", "patches"])", R"([
      {"caption": "Predict where the mass goes"},
      {"caption": "The grid first", "reveal": ["grid"]},
      {"caption": "Now everything", "reveal": true},
      {"caption": "Nothing more to show", "reveal": false}])");
  const Expected<std::vector<std::string>> hidden = readHiddenOverlays(s);
  ASSERT_TRUE(hidden.ok()) << hidden.status.message();
  EXPECT_EQ(hidden.value, (std::vector<std::string>{"density", "grid", "patches"}));
  const Expected<std::vector<SceneStep>> steps = readSceneSteps(s);
  ASSERT_TRUE(steps.ok()) << steps.status.message();
  EXPECT_TRUE(steps.value[0].reveals.empty());
  EXPECT_EQ(steps.value[1].reveals, (std::vector<std::string>{"grid"}));
  EXPECT_EQ(steps.value[2].reveals, hideableOverlays());
  EXPECT_TRUE(steps.value[3].reveals.empty());
  EXPECT_EQ(hiddenAfterSteps(hidden.value, steps.value, 0), hidden.value);
  EXPECT_EQ(hiddenAfterSteps(hidden.value, steps.value, 1), hidden.value);
  EXPECT_EQ(hiddenAfterSteps(hidden.value, steps.value, 2), (std::vector<std::string>{"density", "patches"}));
  EXPECT_TRUE(hiddenAfterSteps(hidden.value, steps.value, 3).empty());
  EXPECT_TRUE(hiddenAfterSteps(hidden.value, steps.value, 99).empty()) << "k is clamped";
  // Walking back hides again: the state after k steps is rebuilt from the scene as opened.
  EXPECT_EQ(hiddenAfterSteps(hidden.value, steps.value, 1), hidden.value);
}

TEST(SceneSteps, MalformedHiddenAndRevealNameTheirPlace) {
  const struct {
    const char* hidden;
    const char* steps;
    const char* pointer;
    const char* reason;
  } cases[] = {
      {R"("density")", "[]", "/hidden", "must be an array"},
      {R"(["density", "samples"])", "[]", "/hidden/1", "what the output pane can hide"},
      {R"(["grid", "grid"])", "[]", "/hidden/1", "listed twice"},
      {R"([3])", "[]", "/hidden/0", "must be one of"},
      {"[]", R"([{"caption": "x", "reveal": "grid"}])", "/steps/0/reveal", "must be an array"},
      {"[]", R"([{"caption": "x", "reveal": ["handles"]}])", "/steps/0/reveal/0", "must be one of"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.hidden) + " " + c.steps);
    const Expected<std::vector<SceneStep>> r = readSceneSteps(sceneWithHidden(c.hidden, c.steps));
    ASSERT_FALSE(r.ok());
    const auto [pointer, reason] = splitJsonError(r.status.message());
    EXPECT_EQ(pointer, c.pointer) << r.status.message();
    EXPECT_NE(r.status.message().find(c.reason), std::string::npos) << r.status.message();
  }
}

}  // namespace
}  // namespace flowlab
