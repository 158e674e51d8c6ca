#include "core/train/lr_schedule.h"

#include <gtest/gtest.h>

namespace flowlab {
namespace {

TEST(LrSchedule, WarmupThenCosineToTheFinalFraction) {
  const LrSchedule s{LrScheduleKind::Cosine, 10, 110, 0.1};
  EXPECT_DOUBLE_EQ(learningRateAt(s, 2.0, 0), 0.2);   // (0 + 1)/10 of the peak
  EXPECT_DOUBLE_EQ(learningRateAt(s, 2.0, 9), 2.0);
  EXPECT_DOUBLE_EQ(learningRateAt(s, 2.0, 10), 2.0);  // cosine starts at the peak
  EXPECT_NEAR(learningRateAt(s, 2.0, 60), 2.0 * (0.1 + 0.9 * 0.5), 1e-12);  // halfway: mean of the ends
  EXPECT_NEAR(learningRateAt(s, 2.0, 110), 0.2, 1e-12);
  EXPECT_NEAR(learningRateAt(s, 2.0, 5000), 0.2, 1e-12);  // stays at f·peak after the horizon
  EXPECT_DOUBLE_EQ(learningRateAt({LrScheduleKind::Constant, 10, 110, 0.1}, 2.0, 3), 2.0);
  EXPECT_EQ(lrScheduleFromName(lrScheduleName(LrScheduleKind::Constant)), LrScheduleKind::Constant);
  EXPECT_FALSE(lrScheduleFromName("linear").has_value());
}

}  // namespace
}  // namespace flowlab
