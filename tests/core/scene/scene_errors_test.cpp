// Malformed scenes: the message gives the source, the line:column of the first error and why.
#include <gtest/gtest.h>

#include "core/scene/scene_file.h"

namespace flowlab {
namespace {

std::string errorOf(const std::string& text) {
  const Expected<SceneFile> s = parseScene(text, "bad.json");
  EXPECT_FALSE(s.ok());
  return s.status.message();
}

TEST(SceneErrors, SyntaxErrorGivesLineAndColumn) {
  const std::string m = errorOf("{\n  \"dim\": 2,\n  \"layers\": [ }\n}");
  EXPECT_EQ(m.rfind("bad.json:3:15: invalid JSON: syntax error", 0), 0u) << m;
}

TEST(SceneErrors, TrailingGarbageAndEmptyText) {
  EXPECT_EQ(errorOf("").rfind("bad.json:1:1: invalid JSON", 0), 0u) << errorOf("");
  const std::string m = errorOf("{\"dim\": 1, \"layers\": []}\nx");
  EXPECT_EQ(m.rfind("bad.json:2:1: invalid JSON", 0), 0u) << m;
}

TEST(SceneErrors, MissingFieldPointsAtTheLayer) {
  EXPECT_EQ(errorOf("{\"dim\": 1, \"layers\": [\n  {\"type\": \"affine\", \"a\": 1, \"b\": 0},\n"
                    "  {\"type\": \"sine\", \"a\": 0.5, \"phi\": 0}]}"),
            "bad.json:3:3: layer 2 (sine): missing field \"omega\"");
}

TEST(SceneErrors, WrongTypePointsAtTheValue) {
  EXPECT_EQ(errorOf("{\"dim\": 1, \"layers\": [{\"type\": \"sine\", \"a\": \"big\", \"omega\": 1, \"phi\": 0}]}"),
            "bad.json:1:45: layer 1 (sine): \"a\" must be a number, got string");
}

TEST(SceneErrors, MatrixOfTheWrongShapePointsAtTheRow) {
  EXPECT_EQ(errorOf("{\"dim\": 2, \"layers\": [\n {\"type\": \"linear\",\n  \"A\": [[1, 0],\n         [0]], \"b\": [0, 0]}]}"),
            "bad.json:4:10: layer 1 (linear): \"A\" must be an array of 2 rows of 2 numbers");
}

TEST(SceneErrors, UnknownTypeAndTypoedFieldsAreNamed) {
  const std::string unknown = errorOf("{\"dim\": 1, \"layers\": [{\"type\": \"sinus\"}]}");
  EXPECT_EQ(unknown.rfind("bad.json:1:32: layer 1 (sinus): unknown layer type \"sinus\" (known: affine, sine", 0), 0u)
      << unknown;
  const std::string typo = errorOf("{\"dim\": 1, \"layers\": [{\"type\": \"sine\", \"a\": 0.5, \"omgea\": 1, \"phi\": 0}]}");
  EXPECT_EQ(typo.rfind("bad.json:1:59: layer 1 (sine): unknown field \"omgea\"", 0), 0u) << typo;
}

TEST(SceneErrors, ScalarLayerInA2DSceneExplainsElementwise) {
  const std::string m = errorOf("{\"dim\": 2, \"layers\": [{\"type\": \"sine\", \"a\": 0.5, \"omega\": 1, \"phi\": 0}]}");
  EXPECT_NE(m.find("layer 1 (sine): \"sine\" is a 1D layer but the scene is 2D"), std::string::npos) << m;
  EXPECT_NE(m.find("elementwise"), std::string::npos);
}

TEST(SceneErrors, VectorOfTheWrongLengthForTheDimension) {
  EXPECT_EQ(errorOf("{\"dim\": 2, \"layers\": [{\"type\": \"planar\", \"u\": [1, 0, 0], \"w\": [1, 2], \"b\": 0}]}"),
            "bad.json:1:47: layer 1 (planar): \"u\" must be an array of 2 numbers, got 3 entries");
}

TEST(SceneErrors, TopLevelProblems) {
  EXPECT_EQ(errorOf("[1, 2]"), "bad.json:1:1: a scene must be a JSON object, got array");
  EXPECT_EQ(errorOf("{\"layers\": []}"), "bad.json:1:1: missing field \"dim\"");
  EXPECT_EQ(errorOf("{\"dim\": 3, \"layers\": []}"), "bad.json:1:9: \"dim\" must be 1 or 2");
  EXPECT_EQ(errorOf("{\"dim\": 1}"), "bad.json:1:1: missing field \"layers\" (use [] for no layers)");
  EXPECT_EQ(errorOf("{\"dim\": 1, \"base\": \"uniform\", \"layers\": []}"),
            "bad.json:1:20: \"base\" must be \"standard_normal\" (the only base FlowLab has)");
  EXPECT_EQ(errorOf("{\"dim\": 1, \"layers\": [], \"view\": {\"x_range\": [3, 1]}}"),
            "bad.json:1:46: \"x_range\" must be [lo, hi] with lo < hi");
  EXPECT_EQ(errorOf("{\"dim\": 1, \"layers\": [{\"type\": \"affine\", \"a\": 1, \"b\": 0, \"enabled\": 1}]}"),
            "bad.json:1:69: layer 1 (affine): \"enabled\" must be true or false, got number");
}

TEST(SceneErrors, OverflowingNumberIsMalformedWithItsPosition) {
  // JSON has no infinity; nlohmann-json rejects 1e999 without a position, the loader finds it.
  EXPECT_EQ(errorOf("{\"dim\": 1, \"layers\": [\n  {\"type\": \"affine\", \"a\": 1e999, \"b\": 0}]}"),
            "bad.json:2:27: invalid JSON: number out of range of a double");
}

TEST(SceneErrors, NestedCoordinateErrorPointsInsideTheElementwiseLayer) {
  EXPECT_EQ(errorOf("{\"dim\": 2, \"layers\": [{\"type\": \"elementwise\", \"coordinates\": [\n"
                    "  {\"type\": \"affine\", \"a\": 1, \"b\": 0},\n  {\"type\": \"sine\", \"a\": true, \"omega\": 1, \"phi\": 0}]}]}"),
            "bad.json:3:25: layer 1 (elementwise): \"a\" must be a number, got boolean");
}

TEST(SceneErrors, UnreadableFileNamesThePath) {
  const Expected<SceneFile> s = loadSceneFile("/nonexistent/dir/scene.json");
  EXPECT_EQ(s.status.message(), "/nonexistent/dir/scene.json: cannot read file");
}

TEST(SceneErrors, BadConditionerIsNamed) {
  const std::string m = errorOf(R"({"dim": 2, "layers": [{"type": "affine_coupling", "kept": [0],
      "conditioner": {"type": "parametric", "s0": 0.5, "s1": 0, "t0": 2, "t1": 0}}]})");
  EXPECT_EQ(m, "bad.json:2:22: layer 1 (affine_coupling): missing field \"t2\"");
  const std::string kept = errorOf(R"({"dim": 2, "layers": [{"type": "additive_coupling", "kept": [0, 1],
      "conditioner": {"type": "parametric", "s0": 0, "s1": 0, "t0": 2, "t1": 0, "t2": 0}}]})");
  EXPECT_EQ(kept, "bad.json:1:61: layer 1 (additive_coupling): \"kept\" must list between 1 and 1 coordinates");
}

}  // namespace
}  // namespace flowlab
