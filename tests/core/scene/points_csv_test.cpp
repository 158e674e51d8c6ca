#include "core/scene/points_csv.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

namespace flowlab {
namespace {

TEST(PointsCsv, ParsesPointsSkippingBlanksAndComments) {
  const Expected<Batch> p = parsePointsCsv("# x,y\n1, 2\n\n  -0.5,3e-2 \r\n", 2, "p.csv");
  ASSERT_TRUE(p.ok()) << p.status.message();
  ASSERT_EQ(p.value.rows(), 2);
  EXPECT_EQ(p.value(0, 1), 2.0);
  EXPECT_EQ(p.value(1, 0), -0.5);
  EXPECT_EQ(p.value(1, 1), 0.03);
}

TEST(PointsCsv, SkipsAHeaderLineOnlyAtTheTop) {
  const Expected<Batch> p = parsePointsCsv("x, y\n1,2\n", 2, "p.csv");
  ASSERT_TRUE(p.ok()) << p.status.message();
  EXPECT_EQ(p.value.rows(), 1);
  EXPECT_EQ(parsePointsCsv("1,2\nx,y\n", 2, "p.csv").status.message(), "p.csv:2: not a number: \"x\"");
  EXPECT_EQ(parsePointsCsv("nan\n", 1, "p.csv").status.message(), "p.csv:1: not a finite number: \"nan\"");
}

TEST(PointsCsv, ErrorsNameTheLine) {
  EXPECT_EQ(parsePointsCsv("1\n2,3\n", 1, "p.csv").status.message(), "p.csv:2: expected 1 number per line, got 2 fields");
  EXPECT_EQ(parsePointsCsv("1,\n", 2, "p.csv").status.message(), "p.csv:1: not a number: \"\"");
  EXPECT_EQ(parsePointsCsv("1,x\n", 2, "p.csv").status.message(), "p.csv:1: not a number: \"x\"");
  EXPECT_EQ(parsePointsCsv("nan\n", 1, "p.csv").status.message(), "p.csv:1: not a finite number: \"nan\"");
  EXPECT_EQ(loadPointsCsv("/nonexistent.csv", 1).status.message(), "/nonexistent.csv: cannot read file");
}

TEST(PointsCsv, WrittenNumbersReadBackExactly) {
  Batch b(2, 2);
  b << 0.1, -1.0 / 3.0, 1e-300, 12345.678901234567;
  std::FILE* f = std::tmpfile();
  writePointsCsv(f, b);
  std::rewind(f);
  std::string text(256, '\0');
  text.resize(std::fread(text.data(), 1, text.size(), f));
  std::fclose(f);
  const Expected<Batch> back = parsePointsCsv(text, 2, "t");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back.value, b);
}

}  // namespace
}  // namespace flowlab
