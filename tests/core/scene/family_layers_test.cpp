// Flow-family models in scene files (core/scene/family_layers.h): for every family, a stack at
// random weights written and read back gives bit-identical log p and samples and the same text;
// bad blocks and layers are refused naming the field, at its line.
#include "core/scene/family_layers.h"

#include <gtest/gtest.h>

#include "core/families/layer_bijector.h"
#include "tests/core/families/family_cases.h"

namespace flowlab {
namespace {

std::string kindName(const ::testing::TestParamInfo<FamilyKind>& info) { return familyName(info.param); }

FamilyConfig tiny(FamilyKind kind) {
  FamilyConfig c = test::smallFamily(kind);
  c.layers = 2;
  c.solverSteps = 3;
  return c;
}

std::string sceneText(const FamilyConfig& c, const std::vector<double>& params) {
  SceneFile scene = familyScene(c, Eigen::Map<const Vector>(params.data(), Eigen::Index(params.size())));
  scene.name = "tiny " + familyName(c.kind);
  const Expected<Json> j = sceneToJson(scene);
  EXPECT_TRUE(j.ok()) << j.status.message();
  return j.value.dump(2) + "\n";
}

class FamilyScene : public ::testing::TestWithParam<FamilyKind> {};

TEST_P(FamilyScene, WrittenAndReadBackIsBitIdenticalToTheStack) {
  const FamilyConfig c = tiny(GetParam());
  TrainableFlow stack = makeFamilyFlow(c);
  Rng rng(11);
  const std::vector<double> params = test::randomWeights(stack, rng, 0.3);
  const std::string text = sceneText(c, params);
  const Expected<SceneFile> scene = parseScene(text, "tiny.json");
  ASSERT_TRUE(scene.ok()) << scene.status.message();
  EXPECT_TRUE(isFamilyScene(scene.value));
  ASSERT_EQ(scene.value.flow.layerCount(), stack.layerCount());
  EXPECT_TRUE(scene.value.flow.problems().empty());

  const Expected<FamilyModel> model = familyModelOf(scene.value);
  ASSERT_TRUE(model.ok()) << model.status.message();
  EXPECT_EQ(model.value.config, canonicalFamilyConfig(c));
  ASSERT_EQ(model.value.params.size(), Eigen::Index(params.size()));
  for (std::size_t i = 0; i < params.size(); ++i) EXPECT_EQ(model.value.params(Eigen::Index(i)), params[i]) << i;

  const Batch x = Rng(5).normalBatch(300, 2);
  const Vector expected = stack.logProb(params.data(), x);
  const Expected<Vector> got = scene.value.flow.logProb(x);
  ASSERT_TRUE(got.ok()) << got.status.message();
  for (Eigen::Index i = 0; i < x.rows(); ++i) EXPECT_EQ(got.value(i), expected(i)) << "point " << i;
  const Batch z = Rng(6).normalBatch(50, 2);
  const Expected<Transformed> forward = scene.value.flow.forward(z);
  ASSERT_TRUE(forward.ok());
  EXPECT_TRUE(forward.value.value == stack.toData(params.data(), z).value);

  const Expected<Json> again = sceneToJson(scene.value);
  ASSERT_TRUE(again.ok()) << again.status.message();
  EXPECT_EQ(again.value.dump(2) + "\n", text) << "a read scene writes back the same text";
}

TEST_P(FamilyScene, TheBlockNamesOnlyWhatTheKindUses) {
  const FamilyConfig c = tiny(GetParam());
  const Json block = familyConfigJson(c);
  EXPECT_EQ(block.contains("bins"), c.kind == FamilyKind::Nsf);
  EXPECT_EQ(block.contains("solver_steps"), c.kind == FamilyKind::Cnf);
  EXPECT_EQ(block.contains("depth"), c.kind != FamilyKind::Cnf);
  const Expected<FamilyConfig> back = readFamilyConfig(block, 2);
  ASSERT_TRUE(back.ok()) << back.status.message();
  EXPECT_EQ(back.value, canonicalFamilyConfig(c));
}

INSTANTIATE_TEST_SUITE_P(Families, FamilyScene, ::testing::ValuesIn(test::allFamilies()), kindName);

// A glow text (coupling, lu_linear, actnorm per step) with one edit applied to its JSON.
std::string editedGlow(const std::function<void(Json&)>& edit) {
  const FamilyConfig c = tiny(FamilyKind::Glow);
  TrainableFlow stack = makeFamilyFlow(c);
  Rng rng(3);
  Json j = Json::parse(sceneText(c, test::randomWeights(stack, rng, 0.3)));
  edit(j);
  return j.dump(2);
}

std::string errorOf(const std::string& text) {
  const Expected<SceneFile> s = parseScene(text, "bad.json");
  EXPECT_FALSE(s.ok());
  return s.status.message();
}

TEST(FamilySceneErrors, NameTheFieldAndItsLine) {
  const int couplingCount = makeFamilyFlow(tiny(FamilyKind::Glow)).layer(0).paramCount();
  const std::string count = errorOf(editedGlow([](Json& j) { j["layers"][0]["parameters"].erase(0); }));
  EXPECT_NE(count.find("layers/0/parameters: expected " + std::to_string(couplingCount) + " numbers"), std::string::npos)
      << count;
  EXPECT_EQ(count.rfind("bad.json:", 0), 0u) << "with its line and column: " << count;

  const std::string type = errorOf(editedGlow([](Json& j) { j["layers"][1]["type"] = "actnorm"; }));
  EXPECT_NE(type.find("layers/1/type: expected \"lu_linear\""), std::string::npos) << type;

  const std::string null = errorOf(editedGlow([](Json& j) { j["layers"][2]["parameters"][1] = nullptr; }));
  EXPECT_NE(null.find("layers/2/parameters/1: must be a finite number, got null"), std::string::npos) << null;

  std::string nanText = editedGlow([](Json&) {});
  nanText.replace(nanText.find("\"parameters\": [") + 15, 0, "NaN, ");
  const std::string nan = errorOf(nanText);
  EXPECT_NE(nan.find("invalid JSON"), std::string::npos) << nan;

  const std::string layers = errorOf(editedGlow([](Json& j) { j["layers"].erase(5); }));
  EXPECT_NE(layers.find("layers: expected an array of 6 layers"), std::string::npos) << layers;

  const std::string unknown = errorOf(editedGlow([](Json& j) { j["layers"][0]["weights"] = 1; }));
  EXPECT_NE(unknown.find("layers/0/weights: unknown field"), std::string::npos) << unknown;
}

TEST(FamilySceneErrors, TheBlockIsStrict) {
  const std::string typo = errorOf(editedGlow([](Json& j) { j["family"]["hiden"] = 8; }));
  EXPECT_NE(typo.find("family/hiden: unknown field"), std::string::npos) << typo;
  const std::string other = errorOf(editedGlow([](Json& j) { j["family"]["bins"] = 8; }));
  EXPECT_NE(other.find("family/bins: a glow has no \"bins\" (it is for nsf)"), std::string::npos) << other;
  const std::string kind = errorOf(editedGlow([](Json& j) { j["family"]["kind"] = "flow++"; }));
  EXPECT_NE(kind.find("family/kind: must be one of nice, realnvp"), std::string::npos) << kind;
  const std::string range = errorOf(editedGlow([](Json& j) { j["family"]["hidden"] = 0; }));
  EXPECT_NE(range.find("family/hidden: must be in [1, 1024], got 0"), std::string::npos) << range;
  const std::string real = errorOf(editedGlow([](Json& j) { j["family"]["layers"] = 2.5; }));
  EXPECT_NE(real.find("family/layers: must be an integer, got 2.5"), std::string::npos) << real;
  const std::string dim = errorOf(editedGlow([](Json& j) { j["family"]["dim"] = 3; }));
  EXPECT_NE(dim.find("family/dim: is 3 but the scene is 2D"), std::string::npos) << dim;
  // A layer count that does not fit the block's stack: the block is read first, then the layers.
  const std::string more = errorOf(editedGlow([](Json& j) { j["family"]["layers"] = 3; }));
  EXPECT_NE(more.find("layers: expected an array of 9 layers"), std::string::npos) << more;
}

TEST(FamilySceneErrors, AFlowThatIsNoLongerTheStackDoesNotWrite) {
  const FamilyConfig c = tiny(FamilyKind::Maf);
  TrainableFlow stack = makeFamilyFlow(c);
  Rng rng(2);
  const std::vector<double> p = test::randomWeights(stack, rng, 0.3);
  SceneFile scene = familyScene(c, Eigen::Map<const Vector>(p.data(), Eigen::Index(p.size())));
  scene.flow.remove(1);
  const Expected<Json> j = sceneToJson(scene);
  EXPECT_FALSE(j.ok());
  EXPECT_NE(j.status.message().find("the flow has 1 layers"), std::string::npos) << j.status.message();
}

}  // namespace
}  // namespace flowlab
