// The headless commands as a user runs them: the real binary, real files, exit codes as contracts.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <numbers>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct RunResult {
  int exitCode = -1;
  std::string out, err;
};

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("flowlab_cli_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string file(const std::string& name, const std::string& text) {
    const fs::path p = dir_ / name;
    std::ofstream(p) << text;
    return p.string();
  }
  static std::string asset(const std::string& name) { return std::string(FLOWLAB_SOURCE_DIR) + "/" + name; }

  RunResult run(const std::string& args) {
    const std::string errPath = (dir_ / "stderr.txt").string();
    const std::string cmd = std::string(FLOWLAB_BINARY) + " " + args + " 2>" + errPath;
    RunResult r;
    FILE* pipe = popen(cmd.c_str(), "r");
    if (!pipe) return r;
    char buffer[4096];
    for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) r.out.append(buffer, n);
    const int status = pclose(pipe);
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream err(errPath);
    r.err.assign(std::istreambuf_iterator<char>(err), {});
    return r;
  }

  fs::path dir_;
};

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

TEST_F(Cli, CheckValidSceneExitsZero) {
  const RunResult r = run("check --scene " + asset("assets/scenes/stack_issue3.json"));
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("valid (2D, 3 layers"), std::string::npos) << r.out;
}

TEST_F(Cli, CheckInvalidSceneExitsOneWithEachProblemOnItsOwnLine) {
  const RunResult one = run("check --scene " + asset("tests/data/invalid_sine.json"));
  EXPECT_EQ(one.exitCode, 1);
  ASSERT_EQ(lines(one.out).size(), 1u) << one.out;
  EXPECT_NE(one.out.find("layer 2 (sine): not invertible"), std::string::npos) << one.out;
  const std::string two = file("two.json", R"({"dim": 1, "layers": [
      {"type": "affine", "a": 0, "b": 0}, {"type": "leaky_relu", "alpha": 1},
      {"type": "sinh_arcsinh", "epsilon": 0, "delta": -1}]})");
  const RunResult r = run("check --scene " + two);
  EXPECT_EQ(r.exitCode, 1);
  const auto l = lines(r.out);
  ASSERT_EQ(l.size(), 2u) << r.out;
  EXPECT_NE(l[0].find("layer 1 (affine): "), std::string::npos);
  EXPECT_NE(l[1].find("layer 3 (sinh_arcsinh): "), std::string::npos);
}

// Every shipped scene checks clean (the one deliberately non-invertible example exits 1), and
// each training scene says what it trains: chapter 5's is the CLI's defaults on moons, σ = 0.05.
TEST_F(Cli, CheckAcceptsEveryShippedSceneAndDescribesTrainingScenes) {
  int training = 0;
  for (const auto& e : fs::directory_iterator(asset("assets/scenes"))) {
    const std::string name = e.path().filename().string();
    SCOPED_TRACE(name);
    const RunResult r = run("check --scene " + e.path().string());
    EXPECT_EQ(r.exitCode, name == "sine_noninvertible_1d.json" ? 1 : 0) << r.out << r.err;
    if (name.rfind("train_", 0) != 0) continue;
    ++training;
    EXPECT_NE(r.out.find(": valid training scene: "), std::string::npos) << r.out;
    const std::string dataset = name.substr(6, name.size() - 6 - 5);
    EXPECT_NE(r.out.find("\ndataset=" + dataset + "\n"), std::string::npos) << r.out;
    for (const char* key : {"\ntitle=", "\nchapter=5\n", "\nlayers=", "\nsteps=", "\nweights_step=-1\n"})
      EXPECT_NE(r.out.find(key), std::string::npos) << key << " in " << r.out;
    if (dataset == "moons") {
      for (const char* key : {"\nnoise=0.05\n", "\nlayers=6\n", "\nhidden=64\n", "\ndepth=2\n", "\nactivation=tanh\n",
                              "\nsteps=2000\n"}) {
        EXPECT_NE(r.out.find(key), std::string::npos) << key << " in " << r.out;
      }
    }
  }
  EXPECT_EQ(training, 6) << "one training scene per built-in dataset";
}

// A checkpoint is a training scene with weights: check says so and keeps its flow line.
TEST_F(Cli, CheckOfACheckpointDescribesItsTrainingAndItsFlow) {
  const std::string model = (dir_ / "model.json").string();
  ASSERT_EQ(run("train --dataset pinwheel --layers 2 --hidden 8 --steps 5 --test-size 64 --out " + model).exitCode, 0);
  const RunResult r = run("check --scene " + model);
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("valid (2D, 2 layers"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("trained weights at step 5"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\nweights_step=5\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\ndataset=pinwheel\n"), std::string::npos) << r.out;
}

TEST_F(Cli, CheckOfABadTrainingSceneExitsTwoWithThePosition) {
  const std::string bad = file("bad_training.json", "{\n  \"chapter\": 5,\n  \"training\": {\"dataset\": \"bananas\"}\n}");
  const RunResult r = run("check --scene " + bad);
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find(bad + ":3:27: training/dataset: unknown dataset 'bananas'"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST_F(Cli, CheckMalformedOrUnreadableExitsTwoWithPosition) {
  const std::string bad = file("bad.json", "{\n  \"dim\": 2,\n  \"layers\": [ }\n}");
  const RunResult r = run("check --scene " + bad);
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find(bad + ":3:15: invalid JSON"), std::string::npos) << r.err;
  const std::string typo = file("typo.json", R"({"dim": 1, "layers": [{"type": "sine", "a": 0.5, "omega": 1}]})");
  const RunResult t = run("check --scene " + typo);
  EXPECT_EQ(t.exitCode, 2);
  EXPECT_NE(t.err.find(typo + ":1:23: layer 1 (sine): missing field \"phi\""), std::string::npos) << t.err;
  EXPECT_EQ(run("check --scene " + (dir_ / "missing.json").string()).exitCode, 2);
  EXPECT_EQ(run("check").exitCode, 2);  // --scene is required
}

// Seed 004 at x = (1, 0), recomputed by hand; printed with %.17g, so it parses back exactly.
TEST_F(Cli, LogprobPrintsFullPrecisionOnePerLine) {
  const std::string points = file("p.csv", "1,0\n\n# a comment\n-0.5, 2\n");
  const RunResult r = run("logprob --scene " + asset("assets/scenes/linear_004.json") + " --points " + points);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto l = lines(r.out);
  ASSERT_EQ(l.size(), 2u);
  const double det = 1.05, z0 = (0.9 * 0.5 - 0.3 * 0.2) / det, z1 = (-0.1 * 0.5 + 1.2 * 0.2) / det;
  const double expected = -0.5 * (z0 * z0 + z1 * z1) - std::log(2 * std::numbers::pi) - std::log(det);
  EXPECT_NEAR(std::stod(l[0]), expected, 1e-15);
  EXPECT_GE(l[0].size(), 18u);  // 17 significant digits and a sign
}

TEST_F(Cli, LogprobOf1DAffineIsNormalBA2) {
  const std::string points = file("p1.csv", "1\n3\n-2.5\n");
  const RunResult r = run("logprob --scene " + asset("assets/scenes/affine_1d.json") + " --points " + points);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto l = lines(r.out);
  ASSERT_EQ(l.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    const double x = std::vector<double>{1, 3, -2.5}[i];
    EXPECT_NEAR(std::stod(l[i]), -0.5 * std::log(8 * std::numbers::pi) - (x - 1) * (x - 1) / 8, 1e-15);
  }
}

TEST_F(Cli, LogprobErrorsAreOneForInvalidFlowsAndTwoForBadFiles) {
  const std::string points = file("p.csv", "0.5\n");
  EXPECT_EQ(run("logprob --scene " + asset("tests/data/invalid_sine.json") + " --points " + points).exitCode, 1);
  const std::string bad = file("bad.csv", "1,2\n3\n");
  const RunResult r = run("logprob --scene " + asset("assets/scenes/planar.json") + " --points " + bad);
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find(bad + ":2: expected 2 numbers per line, got 1 fields"), std::string::npos) << r.err;
  EXPECT_EQ(run("logprob --scene " + asset("assets/scenes/planar.json") + " --points /nonexistent.csv").exitCode, 2);
}

TEST_F(Cli, SampleIsSeededCsvAndFeedsLogprob) {
  const std::string scene = asset("assets/scenes/banana.json");
  const RunResult a = run("sample --scene " + scene + " --n 50 --seed 3");
  const RunResult b = run("sample --scene " + scene + " --n 50 --seed 3");
  const RunResult c = run("sample --scene " + scene + " --n 50 --seed 4");
  ASSERT_EQ(a.exitCode, 0) << a.err;
  EXPECT_EQ(a.out, b.out);
  EXPECT_NE(a.out, c.out);
  const auto l = lines(a.out);
  ASSERT_EQ(l.size(), 50u);
  EXPECT_EQ(std::count(l[0].begin(), l[0].end(), ','), 1);
  const RunResult lp = run("logprob --scene " + scene + " --points " + file("s.csv", a.out));
  ASSERT_EQ(lp.exitCode, 0) << lp.err;
  EXPECT_EQ(lines(lp.out).size(), 50u);
}

TEST_F(Cli, Sample1DHasTheRightMoments) {
  const RunResult r = run("sample --scene " + asset("assets/scenes/affine_1d.json") + " --n 20000 --seed 1");
  ASSERT_EQ(r.exitCode, 0);
  double sum = 0, sum2 = 0;
  const auto l = lines(r.out);
  ASSERT_EQ(l.size(), 20000u);
  for (const auto& s : l) {
    const double x = std::stod(s);
    sum += x;
    sum2 += x * x;
  }
  const double mean = sum / l.size();
  EXPECT_NEAR(mean, 1.0, 0.05);
  EXPECT_NEAR(sum2 / l.size() - mean * mean, 4.0, 0.15);
}

TEST_F(Cli, SampleOfAnInvalidFlowExitsOne) {
  const RunResult r = run("sample --scene " + asset("tests/data/invalid_sine.json") + " --n 5 --seed 1");
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_TRUE(r.out.empty());
  EXPECT_NE(r.err.find("layer 2 (sine)"), std::string::npos);
}

}  // namespace
