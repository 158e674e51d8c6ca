// Regression tests for scene and points files that once crashed, hung, wrapped around or loaded as
// something other than what they say. Each input is the smallest form of a reported failure.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/io/read_file.h"
#include "core/scene/points_csv.h"
#include "core/scene/scene_file.h"

namespace flowlab {
namespace {

namespace fs = std::filesystem;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string nested(const std::string& open, const std::string& inner, const std::string& close, int levels) {
  std::string s;
  for (int i = 0; i < levels; ++i) s += open;
  s += inner;
  for (int i = 0; i < levels; ++i) s += close;
  return s;
}

std::string tempFile(const std::string& name, const std::string& content) {
  const fs::path p = fs::temp_directory_path() / ("flowlab_hardening_" + std::to_string(::getpid()) + "_" + name);
  std::ofstream(p, std::ios::binary) << content;
  return p.string();
}

// The error-position scanner once split this key on "/" and called std::stol on the digits
// (std::out_of_range escaped: abort, exit 134).
TEST(LoaderHardening, KeyHoldingSlashAndLongNumberIsAnUnknownFieldNotACrash) {
  const Expected<SceneFile> s = parseScene(
      R"({"dim":1,"layers":[{"type":"linear","A":[[1]],"b":[0],"b/99999999999999999999":0}]})", "k.json");
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(contains(s.status.message(), "k.json:1:")) << s.status.message();
  EXPECT_TRUE(contains(s.status.message(), "unknown field \"b/99999999999999999999\"")) << s.status.message();
}

TEST(LoaderHardening, DuplicateKeyWithNumericKeyIsReportedNotACrash) {
  const Expected<SceneFile> s =
      parseScene(R"({"dim":2,"layers":[[1]],"layers":[{"type":"swap","99999999999999999999":1}]})", "d.json");
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(contains(s.status.message(), "unknown field \"99999999999999999999\" (this layer has no fields)"))
      << s.status.message();
}

// 200,000 levels of an unknown top-level field: the extras were copied recursively (stack overflow).
TEST(LoaderHardening, DeepNestingIsRefusedWithItsPosition) {
  const std::string text = R"({"dim":1,"layers":[],"x":)" + nested("[", "", "]", 200000) + "}";
  const Expected<SceneFile> s = parseScene(text, "deep.json");
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(contains(s.status.message(), "deep.json:1:153: nested deeper than 128 levels")) << s.status.message();
}

// 3,000 nested 1D elementwise layers took 18 s and 1.8 GB (readLayer copied each subtree).
TEST(LoaderHardening, ThousandsOfNestedElementwiseLayersAreRefusedAtOnce) {
  const std::string open = R"({"type":"elementwise","coordinates":[)";
  const std::string layer = nested(open, R"({"type":"affine","a":2,"b":0})", "]}", 3000);
  const Expected<SceneFile> s = parseScene(R"({"dim":1,"layers":[)" + layer + "]}", "n.json");
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(contains(s.status.message(), "nested deeper than 128 levels")) << s.status.message();
}

// Within the limit nesting still loads and means what it says (40 levels around x -> 2x + 1).
TEST(LoaderHardening, NestedElementwiseWithinTheLimitLoadsCorrectly) {
  const std::string open = R"({"type":"elementwise","note":"n","coordinates":[)";
  const std::string layer = nested(open, R"({"type":"affine","a":2,"b":1})", "]}", 40);
  const Expected<SceneFile> s = parseScene(R"({"dim":1,"layers":[)" + layer + "]}", "n.json");
  ASSERT_TRUE(s.ok()) << s.status.message();
  Batch z(1, 1);
  z << 3.0;
  const Expected<Transformed> x = s.value.flow.forward(z);
  ASSERT_TRUE(x.ok()) << x.status.message();
  EXPECT_DOUBLE_EQ(x.value.value(0, 0), 7.0);
}

TEST(LoaderHardening, DevZeroStopsAtTheFirstNulByte) {
  const Expected<SceneFile> s = loadSceneFile("/dev/zero");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status.message(), "/dev/zero:1:1: NUL byte: not a text file");
  EXPECT_FALSE(loadPointsCsv("/dev/zero", 2).ok());
}

TEST(LoaderHardening, DirectoriesAreRefusedAsScenesAndAsPoints) {
  const std::string dir = fs::temp_directory_path().string();
  const Expected<SceneFile> s = loadSceneFile(dir);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status.message(), dir + ": is a directory, not a file");
  const Expected<Batch> p = loadPointsCsv(dir, 2);
  ASSERT_FALSE(p.ok());  // once: ok with 0 points (exit 0, no output)
  EXPECT_EQ(p.status.message(), dir + ": is a directory, not a file");
}

TEST(LoaderHardening, FilesOverTheCapAreRefusedWithTheirSize) {
  const std::string path = tempFile("big.csv", std::string((2 << 20) + 5, '1'));
  const Expected<std::string> r = readTextFile(path, std::size_t(1) << 20);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status.message(), path + ": larger than 1 MiB; FlowLab reads input files up to that size");
  EXPECT_TRUE(readTextFile(path).ok());
  fs::remove(path);
}

TEST(LoaderHardening, IntegersOutOfRangeAreRefusedNotWrapped) {
  for (const char* text : {R"({"dim":4294967297,"layers":[]})", R"({"version":4294967297,"dim":1,"layers":[]})",
                           R"({"dim":1,"layers":[],"view":{"samples":4294967297}})",
                           R"({"dim":-4294967295,"layers":[]})"}) {
    const Expected<SceneFile> s = parseScene(text, "w.json");
    ASSERT_FALSE(s.ok()) << text;  // once: 4294967297 loaded as 1
    EXPECT_TRUE(contains(s.status.message(), "is out of range")) << s.status.message();
  }
  const Expected<SceneFile> kept = parseScene(
      R"({"dim":2,"layers":[{"type":"affine_coupling","kept":[4294967296],
          "conditioner":{"type":"parametric","s0":0,"s1":0,"t0":0,"t1":0,"t2":0}}]})",
      "k.json");
  ASSERT_FALSE(kept.ok());  // once: kept [0]
  EXPECT_TRUE(contains(kept.status.message(), "a kept coordinate must be an integer in [0, 2)")) << kept.status.message();
}

TEST(LoaderHardening, PermutationEntriesMustBeIntegers) {
  const Expected<SceneFile> s = parseScene(
      R"({"dim":2,"layers":[{"type":"lu_linear","permutation":[0.5,1.7],"L":[[1,0],[0,1]],"U":[[1,0],[0,1]],"b":[0,0]}]})",
      "p.json");
  ASSERT_FALSE(s.ok());  // once: [0, 1]
  EXPECT_TRUE(contains(s.status.message(), "layer 1 (lu_linear): a permutation entry must be an integer"))
      << s.status.message();
}

TEST(LoaderHardening, ContentAfterANulByteIsNotIgnored) {
  const std::string text = std::string(R"({"dim":1,"layers":[]})") + '\0' + "garbage";
  const Expected<SceneFile> s = parseScene(text, "z.json");
  ASSERT_FALSE(s.ok());  // once: loaded, everything after the NUL dropped
  EXPECT_EQ(s.status.message(), "z.json:1:22: NUL byte: not a text file");
}

TEST(LoaderHardening, ViewRangeThatCannotBeDrawnIsRefused) {
  for (const char* range : {"[-1e308, 1e308]", "[0, 1e-9]", "[-2e6, 0]"}) {
    const Expected<SceneFile> s =
        parseScene(std::string(R"({"dim":2,"layers":[],"view":{"x_range":)") + range + "}}", "v.json");
    ASSERT_FALSE(s.ok()) << range;
    EXPECT_TRUE(contains(s.status.message(), "\"x_range\" cannot be drawn")) << s.status.message();
  }
  EXPECT_TRUE(parseScene(R"({"dim":2,"layers":[],"view":{"x_range":[-1000, 1000]}})", "v.json").ok());
}

TEST(PointsCsvHardening, CarriageReturnOnlyLineEndingsAreLines) {
  const Expected<Batch> p = parsePointsCsv("x,y\r1,2\r3,4\r", 2, "cr.csv");
  ASSERT_TRUE(p.ok()) << p.status.message();
  ASSERT_EQ(p.value.rows(), 2);  // once: one line, "expected 2 numbers per line, got 4 fields"
  EXPECT_EQ(p.value(1, 1), 4.0);
  const Expected<Batch> bad = parsePointsCsv("1,2\r\n3,x\r\n", 2, "crlf.csv");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status.message(), "crlf.csv:2: not a number: \"x\"");
}

TEST(PointsCsvHardening, QuotedNumbersArePointsNotAHeader) {
  const Expected<Batch> p = parsePointsCsv("\"1\",\"2\"\n3,4\n", 2, "q.csv");
  ASSERT_TRUE(p.ok()) << p.status.message();
  ASSERT_EQ(p.value.rows(), 2);  // once: "1","2" skipped as a header
  EXPECT_EQ(p.value(0, 1), 2.0);
  const Expected<Batch> named = parsePointsCsv("\"x\",\"y\"\n3,4\n", 2, "q.csv");
  ASSERT_TRUE(named.ok());
  EXPECT_EQ(named.value.rows(), 1);
}

TEST(PointsCsvHardening, AHugeFieldIsQuotedByItsStartOnly) {
  const std::string field(10'000'000, 'a');
  const Expected<Batch> p = parsePointsCsv("1,2\n3," + field + "\n", 2, "huge.csv");
  ASSERT_FALSE(p.ok());
  EXPECT_LT(p.status.message().size(), 200u);  // once: the 10 MB field echoed whole
  EXPECT_TRUE(contains(p.status.message(), "huge.csv:2: not a number: \"aaaa")) << p.status.message().substr(0, 200);
  EXPECT_TRUE(contains(p.status.message(), "(10000000 characters)")) << p.status.message().substr(0, 200);
}

TEST(PointsCsvHardening, NulBytesAreRefused) {
  const Expected<Batch> p = parsePointsCsv(std::string("1,2\n3,4") + '\0' + "\n", 2, "n.csv");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status.message(), "n.csv:2:4: NUL byte: not a text file");
}

}  // namespace
}  // namespace flowlab
