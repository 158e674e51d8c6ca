#include "core/scene/json_position.h"

#include <gtest/gtest.h>

namespace flowlab {
namespace {

const std::string kText = R"({
  "dim": 2,
  "layers": [
    {"type": "sine", "a": [1, {"x": "}]"}], "omega": 2},
    {"type": "affine"}
  ]
})";

TextPosition at(const std::string& pointer) {
  const auto offset = offsetOfPointer(kText, pointer);
  EXPECT_TRUE(offset.has_value()) << pointer;
  return positionOfOffset(kText, offset.value_or(0));
}

TEST(JsonPosition, FindsValuesByPointer) {
  EXPECT_EQ(at("").line, 1);
  EXPECT_EQ(at("/dim").line, 2);
  EXPECT_EQ(at("/dim").column, 10);
  EXPECT_EQ(at("/layers/0").column, 5);
  // Skips a nested array holding a string with brackets in it.
  EXPECT_EQ(at("/layers/0/omega").line, 4);
  EXPECT_EQ(at("/layers/0/omega").column, 54);
  EXPECT_EQ(at("/layers/1/type").line, 5);
  EXPECT_EQ(at("/layers/1/type").column, 14);
  EXPECT_EQ(at("/layers/0/a/1/x").column, 37);
}

TEST(JsonPosition, MissingPathsAreNullopt) {
  EXPECT_FALSE(offsetOfPointer(kText, "/layers/2").has_value());
  EXPECT_FALSE(offsetOfPointer(kText, "/layers/0/phi").has_value());
  EXPECT_FALSE(offsetOfPointer(kText, "/dim/0").has_value());
}

TEST(JsonPosition, ColumnsCountCharactersNotBytes) {
  const std::string text = "{\"name\": \"φ\", \"dim\": 1}";
  const auto p = positionOfOffset(text, *offsetOfPointer(text, "/dim"));
  EXPECT_EQ(p.column, 22);  // "φ" is two bytes but one column
}

}  // namespace
}  // namespace flowlab
