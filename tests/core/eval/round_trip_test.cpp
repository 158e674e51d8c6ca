#include "core/eval/round_trip.h"

#include <gtest/gtest.h>

#include "tests/core/eval/eval_test_scenes.h"

namespace flowlab {
namespace {

TEST(RoundTrip, ErrorFieldIsTinyForValidFlows) {
  for (const char* name : {"linear_004.json", "stack_issue3.json", "banana.json", "radial.json"}) {
    SCOPED_TRACE(name);
    const Expected<RoundTripField> r = roundTripError(test::exampleFlow(name), {{-4, 4, -4, 4}, 64, 64});
    ASSERT_TRUE(r.ok()) << r.status.message();
    EXPECT_EQ(r.value.error.size(), 64 * 64);
    EXPECT_LT(r.value.maxError, 1e-9);
    EXPECT_EQ(r.value.maxError, r.value.error.maxCoeff());
  }
  const Expected<double> e1 = roundTripError1D(test::exampleFlow("composition_1d.json"), -5, 5, 1001);
  ASSERT_TRUE(e1.ok());
  EXPECT_LT(e1.value, 1e-9);
}

// A bijector whose inverse is off by 1e-3 shows up in the field at that size.
class SloppyShift : public Bijector {
 public:
  Transformed forward(const Batch& z) const override { return {z.array() + 1.0, Vector::Zero(z.rows())}; }
  Transformed inverse(const Batch& x) const override { return {x.array() - 1.001, Vector::Zero(x.rows())}; }
  int dim() const override { return 2; }
  std::string type() const override { return "sloppy"; }
  Status validate() const override { return Status::okStatus(); }
  std::vector<Parameter> parameters() const override { return {}; }
  void setParameter(int, double) override {}
  BijectorPtr clone() const override { return std::make_unique<SloppyShift>(); }
};

TEST(RoundTrip, ErrorFieldDetectsAnInexactInverse) {
  Flow flow(2);
  flow.append(std::make_unique<SloppyShift>());
  const Expected<RoundTripField> r = roundTripError(flow, {{-1, 1, -1, 1}, 8, 8});
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r.value.maxError, 1e-3, 1e-12);
  EXPECT_NEAR(r.value.error.minCoeff(), 1e-3, 1e-12);
}

TEST(LayerSampleClouds, EndInTheFlowSamplesAndKeepEveryLayer) {
  Flow flow = test::exampleFlow("banana.json");
  flow.setEnabled(2, false);
  const Expected<FlowTrace> t = layerSampleClouds(flow, 300, 11);
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t.value.values.size(), 3u);  // z, after layer 1, after layer 2 (layer 3 disabled)
  EXPECT_EQ(t.value.values.back(), flow.sample(300, 11).value);
  EXPECT_EQ(t.value.values[1].col(1), (0.4 * t.value.values[0].col(1)).eval());
}

}  // namespace
}  // namespace flowlab
