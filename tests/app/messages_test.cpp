#include "app/ui/messages.h"

#include <gtest/gtest.h>

namespace flowlab::app {
namespace {

TEST(Messages, RepeatsAreBatchedIntoOneEntryWithACount) {
  Messages m;
  for (int i = 0; i < 5; ++i) m.post(Severity::Warning, "layer 1 (sine): not invertible", i);
  m.post(Severity::Error, "other", 9);
  ASSERT_EQ(m.all().size(), 2u);
  EXPECT_EQ(m.all()[0].count, 5);
  EXPECT_DOUBLE_EQ(m.all()[0].time, 4.0);
  EXPECT_EQ(m.latest()->text, "other");
}

TEST(Messages, SameTextWithOtherSeverityIsSeparate) {
  Messages m;
  m.post(Severity::Info, "x");
  m.post(Severity::Error, "x");
  EXPECT_EQ(m.all().size(), 2u);
}

TEST(Messages, LogIsBounded) {
  Messages m;
  for (int i = 0; i < 1000; ++i) m.post(Severity::Info, "message " + std::to_string(i));
  EXPECT_LE(m.all().size(), 200u);
  EXPECT_EQ(m.latest()->text, "message 999");
}

}  // namespace
}  // namespace flowlab::app
