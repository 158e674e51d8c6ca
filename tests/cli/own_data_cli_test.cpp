// `flowlab train --data FILE.csv`: own points through the real binary. The key lines (floor as an
// estimate with its standard error), every bad CSV named by file and line with exit 2, --out with
// the points and a bit-identical --resume, and the identical-points drill (issue 14 item 6).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "core/data/toy_distributions.h"
#include "core/random.h"

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

struct RunResult {
  int exitCode = -1;
  std::string out, err;
};

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// key=value lines of stdout.
std::map<std::string, std::string> keys(const std::string& out) {
  std::map<std::string, std::string> m;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);)
    if (const auto eq = line.find('='); eq != std::string::npos && line.find(' ') == std::string::npos)
      m[line.substr(0, eq)] = line.substr(eq + 1);
  return m;
}

const std::string kSmall = " --layers 2 --hidden 8 --batch 64";

class CliOwnData : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("flowlab_cli_own_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string file(const std::string& name, const std::string& text) {
    const fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  RunResult run(const std::string& args) {
    const std::string outPath = path("stdout.txt"), errPath = path("stderr.txt");
    const std::string cmd = std::string(FLOWLAB_BINARY) + " " + args + " >" + outPath + " 2>" + errPath + " </dev/null";
    const int status = std::system(cmd.c_str());
    RunResult r;
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = slurp(outPath);
    r.err = slurp(errPath);
    return r;
  }
  // Raw moons points as CSV (%.17g: the file holds the doubles exactly).
  std::string moonsCsv(const std::string& name, int n) {
    flowlab::Rng rng(8);
    const flowlab::Batch raw = flowlab::sampleRaw(flowlab::DatasetKind::Moons, 0.05, n, rng);
    std::string text = "x,y\n";
    char line[80];
    for (int i = 0; i < n; ++i) {
      std::snprintf(line, sizeof line, "%.17g,%.17g\n", raw(i, 0) * 3.0 + 10.0, raw(i, 1) * 3.0 - 4.0);
      text += line;
    }
    return file(name, text);
  }

  fs::path dir_;
};

TEST_F(CliOwnData, TrainsAndPrintsTheFloorAsAnEstimate) {
  const std::string csv = moonsCsv("moons.csv", 2000);
  const RunResult r = run("train --data " + csv + kSmall + " --steps 200");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  auto k = keys(r.out);
  EXPECT_EQ(k["floor_is_estimate"], "1");
  ASSERT_TRUE(k.count("floor_stderr")) << r.out;
  const double stderr_ = std::stod(k["floor_stderr"]);
  EXPECT_GT(stderr_, 0.0);
  EXPECT_LT(stderr_, 0.1);
  const double floor = std::stod(k["floor"]), test = std::stod(k["test_nll"]), train = std::stod(k["train_nll"]);
  EXPECT_TRUE(std::isfinite(floor) && std::isfinite(test) && std::isfinite(train));
  EXPECT_GT(test, floor - 0.3);
  EXPECT_LT(test, 2.6) << "200 steps did not lower the test NLL below the Gaussian's 2.84";
  EXPECT_EQ(k["points"], "2000");
  EXPECT_EQ(k["train_points"], "1600");
  EXPECT_EQ(k["test_points"], "400");
  EXPECT_TRUE(contains(r.out, "dataset=points"));
  EXPECT_TRUE(k.count("steps_per_sec"));
  // The built-in sets say their floor is exact, and print no standard error.
  const RunResult b = run("train --dataset moons" + kSmall + " --test-size 256 --steps 5");
  ASSERT_EQ(b.exitCode, 0) << b.err;
  EXPECT_EQ(keys(b.out)["floor_is_estimate"], "0");
  EXPECT_FALSE(keys(b.out).count("floor_stderr"));
}

TEST_F(CliOwnData, DataExcludesDatasetNoiseAndResume) {
  const std::string csv = moonsCsv("moons.csv", 50);
  for (const char* other : {" --dataset moons", " --noise 0.1", " --resume x.json"}) {
    SCOPED_TRACE(other);
    const RunResult r = run("train --data " + csv + other + " --steps 1");
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(contains(r.err, "--data")) << r.err;
    EXPECT_TRUE(r.out.empty());
  }
}

TEST_F(CliOwnData, BadCsvExitsTwoNamingTheFileAndLine) {
  struct Case {
    std::string name, text, message;
  };
  std::string ten;
  for (int i = 0; i < 10; ++i) ten += std::to_string(i) + "," + std::to_string(i * i % 7) + "\n";
  const Case cases[] = {
      {"text.csv", "x,y\n1,2\nhello,world\n" + ten, "text.csv:3: not a number: \"hello\""},
      {"nan.csv", ten + "nan,1\n", "nan.csv:11: not a finite number: \"nan\""},
      {"one.csv", "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n", "one.csv:1: expected 2 numbers per line, got 1 fields"},
      {"few.csv", "1,2\n3,4\n5,7\n", "few.csv: 3 points: training needs at least 10"},
      {"same.csv", "", "same.csv: the points have no spread: every point is (0.5, -1.25)"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    std::string text = c.text;
    if (c.name == "same.csv")  // the drill: 100 copies of one point
      for (int i = 0; i < 100; ++i) text += "0.5,-1.25\n";
    const std::string p = file(c.name, text);
    const RunResult r = run("train --data " + p + kSmall + " --steps 5");
    EXPECT_EQ(r.exitCode, 2) << r.err;
    EXPECT_TRUE(contains(r.err, path(c.message.substr(0, c.message.find(':'))) + c.message.substr(c.message.find(':'))))
        << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
  }
}

// 10^7 rows: refused at the first row past 1,000,000, before the rest is parsed or trained.
TEST_F(CliOwnData, TenMillionRowsAreRefusedAtTheLineBeyondTheLimit) {
  const std::string p = path("huge.csv");
  {
    std::ofstream out(p, std::ios::binary);
    const std::string block = [] {
      std::string b;
      for (int i = 0; i < 1000; ++i) b += std::to_string(i % 10) + "," + std::to_string(i % 7) + "\n";
      return b;
    }();
    for (int i = 0; i < 10000; ++i) out << block;
  }
  ASSERT_GE(fs::file_size(p), 40'000'000u);
  const RunResult r = run("train --data " + p + kSmall + " --steps 5");
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_TRUE(contains(r.err, p + ":1000001: more than 1000000 points")) << r.err;
  fs::remove(p);
}

// --out stores the raw points exactly; --resume continues bit-identically (a constant schedule
// without warm-up, so 40 + 40 steps is the same schedule as 80); flowlab check accepts the file.
TEST_F(CliOwnData, OutStoresThePointsAndResumeIsBitIdentical) {
  const std::string csv = moonsCsv("moons.csv", 300);
  const std::string common = " --schedule constant --warmup 0 --lr 0.003" + kSmall;
  const RunResult whole = run("train --data " + csv + common + " --steps 80 --out " + path("whole.json"));
  ASSERT_EQ(whole.exitCode, 0) << whole.err;
  const RunResult first = run("train --data " + csv + common + " --steps 40 --out " + path("half.json"));
  ASSERT_EQ(first.exitCode, 0) << first.err;
  const RunResult second = run("train --resume " + path("half.json") + " --steps 40 --out " + path("resumed.json"));
  ASSERT_EQ(second.exitCode, 0) << second.err;
  const Json a = Json::parse(slurp(path("whole.json"))), b = Json::parse(slurp(path("resumed.json")));
  EXPECT_EQ(a["layers"], b["layers"]) << "resume is not bit-identical";
  EXPECT_EQ(a["optimizer"], b["optimizer"]);
  EXPECT_EQ(a["step"], 80);
  EXPECT_EQ(b["step"], 80);
  EXPECT_EQ(keys(whole.out)["test_nll"], keys(second.out)["test_nll"]);
  EXPECT_EQ(keys(whole.out)["floor"], keys(second.out)["floor"]);
  EXPECT_EQ(keys(second.out)["floor_is_estimate"], "1");
  // The points, exactly as in the CSV.
  const Json& points = a["training"]["points"];
  EXPECT_EQ(a["training"]["dataset"], "points");
  ASSERT_EQ(points.size(), 300u);
  std::istringstream in(slurp(csv));
  std::string line;
  std::getline(in, line);  // header
  for (int i = 0; i < 300 && std::getline(in, line); ++i) {
    const auto comma = line.find(',');
    ASSERT_EQ(points[i][0].get<double>(), std::strtod(line.substr(0, comma).c_str(), nullptr)) << i;
    ASSERT_EQ(points[i][1].get<double>(), std::strtod(line.substr(comma + 1).c_str(), nullptr)) << i;
  }
  const RunResult check = run("check --scene " + path("resumed.json"));
  EXPECT_EQ(check.exitCode, 0) << check.out << check.err;
}

TEST_F(CliOwnData, ResumeOfABadPointsFieldNamesTheEntry) {
  const std::string csv = moonsCsv("moons.csv", 100);
  ASSERT_EQ(run("train --data " + csv + kSmall + " --steps 3 --out " + path("a.json")).exitCode, 0);
  Json j = Json::parse(slurp(path("a.json")));
  j["training"]["points"][3] = Json::array({1.0});
  file("bad.json", j.dump(1));
  const RunResult r = run("train --resume " + path("bad.json") + " --steps 3");
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_TRUE(contains(r.err, path("bad.json") + ": training/points/3: expected 2 numbers")) << r.err;
}

// Issue 14 item 6, near-identical points (1e-12 jitter): trains (possibly with rollbacks) or stops
// with a message; never a NaN NLL on stdout or in the saved file.
TEST_F(CliOwnData, NearIdenticalPointsNeverPrintOrSaveNaN) {
  flowlab::Rng rng(3);
  std::string text;
  char line[80];
  for (int i = 0; i < 100; ++i) {
    std::snprintf(line, sizeof line, "%.17g,%.17g\n", 1.0 + 1e-12 * rng.normal(), 2.0 + 1e-12 * rng.normal());
    text += line;
  }
  const std::string csv = file("near.csv", text);
  const RunResult r = run("train --data " + csv + kSmall + " --lr 0.05 --steps 300 --out " + path("near.json"));
  EXPECT_TRUE(r.exitCode == 0 || r.exitCode == 1) << r.exitCode << " " << r.err;
  EXPECT_FALSE(contains(r.out, "nan")) << r.out;
  EXPECT_FALSE(contains(r.out, "inf")) << r.out;
  if (r.exitCode == 0) {
    const auto k = keys(r.out);
    EXPECT_TRUE(std::isfinite(std::stod(k.at("test_nll"))));
    EXPECT_TRUE(std::isfinite(std::stod(k.at("train_nll"))));
    const std::string saved = slurp(path("near.json"));
    EXPECT_FALSE(contains(saved, "null")) << "a NaN was saved";
    EXPECT_EQ(run("check --scene " + path("near.json")).exitCode, 0);
  } else {
    EXPECT_FALSE(r.err.empty()) << "stopped without a message";
  }
}

// Points coinciding in groups of 4 defeat the estimate: the run trains and says the floor is unknown.
TEST_F(CliOwnData, AnUnknownFloorIsPrintedAsUnknownNotNaN) {
  std::string text;
  for (int i = 0; i < 200; ++i) text += std::to_string(i % 10) + "," + std::to_string((i / 10) % 5) + "\n";
  const RunResult r = run("train --data " + file("grid.csv", text) + kSmall + " --steps 20");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto k = keys(r.out);
  EXPECT_EQ(k.at("floor"), "unknown");
  EXPECT_EQ(k.at("floor_stderr"), "unknown");
  EXPECT_EQ(k.at("gap_to_floor"), "unknown");
  EXPECT_EQ(k.at("floor_is_estimate"), "1");
  EXPECT_TRUE(std::isfinite(std::stod(k.at("test_nll"))));
  EXPECT_FALSE(contains(r.out, "nan"));
  EXPECT_TRUE(contains(r.err, "floor is unknown")) << r.err;
}

}  // namespace
