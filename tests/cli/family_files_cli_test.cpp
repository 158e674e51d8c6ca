// Saved flow-family models through the real binary, for the six families beyond the fast RealNVP, at small sizes:
// `train --out` then `train --resume` equals one uninterrupted run (layers and optimizer state
// bit for bit, the same test_nll line); `logprob` on the file equals the trainer's log p exactly;
// `sample` and `check` accept the file; `check` names the field of a corrupted one.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "core/scene/points_csv.h"
#include "core/train/family_checkpoint.h"
#include "core/train/run_engine.h"

namespace flowlab {
namespace {

namespace fs = std::filesystem;

struct RunResult {
  int exitCode = -1;
  std::string out, err;
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::map<std::string, std::string> keys(const std::string& out) {
  std::map<std::string, std::string> m;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);)
    if (const auto eq = line.find('='); eq != std::string::npos && line.find(' ') == std::string::npos)
      m[line.substr(0, eq)] = line.substr(eq + 1);
  return m;
}

class FamilyFiles : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("flowlab_cli_family_files_" + std::to_string(::getpid()) + "_" + GetParam());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  RunResult run(const std::string& args) const {
    const std::string cmd = std::string(FLOWLAB_BINARY) + " " + args + " >" + path("stdout") + " 2>" + path("stderr") +
                            " </dev/null";
    const int status = std::system(cmd.c_str());
    RunResult r;
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = slurp(path("stdout"));
    r.err = slurp(path("stderr"));
    return r;
  }
  // A constant schedule without warm-up: 30 + 20 steps is the same schedule as 50.
  std::string small() const {
    return " --flow " + GetParam() +
           " --layers 2 --hidden 8 --bins 4 --batch 64 --test-size 512 --schedule constant --warmup 0 --lr 0.003 --seed 2" +
           (GetParam() == "cnf" ? " --solver-steps 3" : "");
  }
  fs::path dir_;
};

TEST_P(FamilyFiles, ResumedEqualsUninterrupted) {
  const RunResult whole = run("train" + small() + " --steps 50 --out " + path("whole.json"));
  ASSERT_EQ(whole.exitCode, 0) << whole.err;
  const RunResult first = run("train" + small() + " --steps 30 --out " + path("half.json"));
  ASSERT_EQ(first.exitCode, 0) << first.err;
  const RunResult second = run("train --resume " + path("half.json") + " --steps 20 --out " + path("resumed.json"));
  ASSERT_EQ(second.exitCode, 0) << second.err;
  const Json a = Json::parse(slurp(path("whole.json"))), b = Json::parse(slurp(path("resumed.json")));
  EXPECT_EQ(a["family"]["kind"], GetParam());
  EXPECT_EQ(a["layers"], b["layers"]) << "resume is not bit-identical";
  EXPECT_EQ(a["optimizer"], b["optimizer"]);
  Json ta = a["training"], tb = b["training"];
  ta.erase("schedule_steps"), tb.erase("schedule_steps");  // --steps sets it: 50 vs 30 (constant: unused)
  EXPECT_EQ(ta, tb);
  EXPECT_EQ(b["step"], 50);
  EXPECT_EQ(keys(second.out)["flow"], GetParam());
  EXPECT_EQ(keys(whole.out)["test_nll"], keys(second.out)["test_nll"]);
  EXPECT_EQ(keys(whole.out)["train_nll"], keys(second.out)["train_nll"]);
  EXPECT_EQ(keys(whole.out)["parameters"], keys(second.out)["parameters"]);
  // The file's own flow must agree with --flow when both are given.
  const RunResult other = run("train --resume " + path("half.json") + " --flow " +
                              (GetParam() == "maf" ? "iaf" : "maf") + " --steps 1");
  EXPECT_EQ(other.exitCode, 2);
  EXPECT_NE(other.err.find("does not match the saved model (" + GetParam() + ")"), std::string::npos) << other.err;
}

TEST_P(FamilyFiles, LogprobSampleAndCheckReadTheSavedModel) {
  const RunResult trained = run("train" + small() + " --steps 25 --out " + path("model.json"));
  ASSERT_EQ(trained.exitCode, 0) << trained.err;
  // The same training in this process, from the file's settings: the file holds its parameters.
  const Expected<SceneFile> scene = loadSceneFile(path("model.json"));
  ASSERT_TRUE(scene.ok()) << scene.status.message();
  const Expected<Checkpoint> cp = readCheckpoint(scene.value);
  ASSERT_TRUE(cp.ok() && cp.value.family) << cp.status.message();
  FamilyTrainer trainer(familyTrainerConfig(cp.value.config, *cp.value.family));
  trainer.step(25);
  ASSERT_EQ(trainer.state().params.size(), cp.value.familyState.params.size());
  for (Eigen::Index i = 0; i < trainer.state().params.size(); ++i)
    EXPECT_EQ(trainer.state().params(i), cp.value.familyState.params(i)) << i;

  const Batch x = Rng(9).normalBatch(40, 2);
  {
    std::ofstream csv(path("points.csv"));
    csv.precision(17);
    for (Eigen::Index i = 0; i < x.rows(); ++i) csv << x(i, 0) << "," << x(i, 1) << "\n";
  }
  const RunResult logprob = run("logprob --scene " + path("model.json") + " --points " + path("points.csv"));
  ASSERT_EQ(logprob.exitCode, 0) << logprob.err;
  const Expected<Batch> read = loadPointsCsv(path("points.csv"), 2);
  ASSERT_TRUE(read.ok());
  const Vector expected = trainer.logProb(read.value);
  std::istringstream lines(logprob.out);
  std::string line;
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    ASSERT_TRUE(std::getline(lines, line)) << "point " << i;
    EXPECT_EQ(std::strtod(line.c_str(), nullptr), expected(i)) << "point " << i;
  }

  const RunResult sample = run("sample --scene " + path("model.json") + " --n 7 --seed 1");
  ASSERT_EQ(sample.exitCode, 0) << sample.err;
  EXPECT_EQ(std::count(sample.out.begin(), sample.out.end(), '\n'), 7);
  const RunResult check = run("check --scene " + path("model.json"));
  EXPECT_EQ(check.exitCode, 0) << check.out << check.err;
  EXPECT_NE(check.out.find("valid (2D, "), std::string::npos) << check.out;
  EXPECT_EQ(keys(check.out)["flow"], GetParam()) << check.out;
}

TEST_P(FamilyFiles, CheckNamesTheFieldOfACorruptedFile) {
  const RunResult trained = run("train" + small() + " --steps 3 --out " + path("model.json"));
  ASSERT_EQ(trained.exitCode, 0) << trained.err;
  const Json good = Json::parse(slurp(path("model.json")));
  const int last = int(good["layers"].size()) - 1;
  const std::string lastField = "layers/" + std::to_string(last);
  auto corrupt = [&](const std::string& name, const std::function<void(Json&)>& edit) {
    Json j = good;
    edit(j);
    std::ofstream(path(name)) << j.dump(2);
    return run("check --scene " + path(name));
  };
  const RunResult count = corrupt("count.json", [&](Json& j) { j["layers"][last]["parameters"].erase(0); });
  EXPECT_EQ(count.exitCode, 2);
  const int n = int(good["layers"][last]["parameters"].size());
  EXPECT_NE(count.err.find(lastField + "/parameters: expected " + std::to_string(n) + " numbers"), std::string::npos)
      << count.err;
  const RunResult type = corrupt("type.json", [&](Json& j) { j["layers"][0]["type"] = "planar"; });
  EXPECT_EQ(type.exitCode, 2);
  EXPECT_NE(type.err.find("layers/0/type: expected"), std::string::npos) << type.err;
  const RunResult null = corrupt("null.json", [&](Json& j) { j["layers"][0]["parameters"][0] = nullptr; });
  EXPECT_EQ(null.exitCode, 2);
  EXPECT_NE(null.err.find("layers/0/parameters/0: must be a finite number, got null"), std::string::npos) << null.err;
  std::string text = good.dump(2);
  text.replace(text.find("\"parameters\": [") + 15, 0, "NaN, ");
  std::ofstream(path("nan.json")) << text;
  const RunResult nan = run("check --scene " + path("nan.json"));
  EXPECT_EQ(nan.exitCode, 2);
  EXPECT_NE(nan.err.find("invalid JSON"), std::string::npos) << nan.err;
  const RunResult moment = corrupt("m.json", [&](Json& j) { j["optimizer"]["m"].erase(0); });
  EXPECT_EQ(moment.exitCode, 2);
  EXPECT_NE(moment.err.find("optimizer/m: expected an array of"), std::string::npos) << moment.err;
  const RunResult block = corrupt("block.json", [&](Json& j) { j["family"]["layer"] = 2; });
  EXPECT_EQ(block.exitCode, 2);
  EXPECT_NE(block.err.find("family/layer: unknown field"), std::string::npos) << block.err;
}

// --flow realnvp trains the fast float path, whose checkpoints (and their tests, cli_test.cpp) are
// RealNVP's own; the generic RealNVP's files are tested in tests/core/train/family_checkpoint_test.cpp.
INSTANTIATE_TEST_SUITE_P(Families, FamilyFiles, ::testing::Values("nice", "glow", "maf", "iaf", "nsf", "cnf"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace flowlab
