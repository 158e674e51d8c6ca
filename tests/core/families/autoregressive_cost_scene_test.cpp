// The scene block "maf_vs_iaf" (core/families/autoregressive_cost_scene.h): defaults, every field
// read, and errors pointing at the offending value.
#include <gtest/gtest.h>

#include "core/families/autoregressive_cost_scene.h"

namespace flowlab {
namespace {

TEST(MafVsIafScene, AbsentFieldMeansNoPanelAndEmptyBlockMeansDefaults) {
  const auto none = readMafVsIafScene(Json::parse(R"({"dim": 2})"));
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none.value.has_value());
  const auto defaults = readMafVsIafScene(Json::parse(R"({"maf_vs_iaf": {}})"));
  ASSERT_TRUE(defaults.ok()) << defaults.status.message();
  ASSERT_TRUE(defaults.value.has_value());
  EXPECT_EQ(defaults.value->config, AutoregressiveCostConfig{});
  EXPECT_TRUE(defaults.value->autostart);
}

TEST(MafVsIafScene, ReadsEveryField) {
  const auto s = readMafVsIafBlock(Json::parse(R"({"dims": [3, 6], "layers": 2, "hidden": 24, "depth": 1,
      "train_steps": 50, "batch": 64, "learning_rate": 0.01, "points": 5000, "chunk": 500, "test_size": 300,
      "seed": 4, "autostart": false})"));
  ASSERT_TRUE(s.ok()) << s.status.message();
  const AutoregressiveCostConfig& c = s.value.config;
  EXPECT_EQ(c.dims, (std::vector<int>{3, 6}));
  EXPECT_EQ(c.layers, 2);
  EXPECT_EQ(c.hidden, 24);
  EXPECT_EQ(c.depth, 1);
  EXPECT_EQ(c.trainSteps, 50);
  EXPECT_EQ(c.batch, 64);
  EXPECT_EQ(c.learningRate, 0.01);
  EXPECT_EQ(c.points, 5000);
  EXPECT_EQ(c.chunk, 500);
  EXPECT_EQ(c.testSize, 300);
  EXPECT_EQ(c.seed, 4u);
  EXPECT_FALSE(s.value.autostart);
}

TEST(MafVsIafScene, ErrorsNameTheValue) {
  const auto message = [](const char* text) { return readMafVsIafBlock(Json::parse(text)).status.message(); };
  EXPECT_EQ(message(R"({"dims": [2, 99]})"), "/maf_vs_iaf/dims/1: maf_vs_iaf/dims/1: a dimension must be an integer in [2, 64], got 99");
  EXPECT_EQ(message(R"({"layer": 3})").rfind("/maf_vs_iaf/layer: unknown field \"layer\"", 0), 0u);
  EXPECT_EQ(message(R"({"hidden": 1})"), "/maf_vs_iaf/hidden: maf_vs_iaf/hidden: must be in [2, 256], got 1");
  EXPECT_EQ(message(R"({"learning_rate": 2})"), "/maf_vs_iaf/learning_rate: maf_vs_iaf/learning_rate: must be in (0, 1)");
  EXPECT_EQ(message(R"({"dims": []})").rfind("/maf_vs_iaf/dims: ", 0), 0u);
  EXPECT_EQ(message(R"([1])").rfind("/maf_vs_iaf: ", 0), 0u);
  EXPECT_FALSE(readMafVsIafScene(Json::parse(R"({"maf_vs_iaf": {"autostart": 1}})")).ok());
}

}  // namespace
}  // namespace flowlab
