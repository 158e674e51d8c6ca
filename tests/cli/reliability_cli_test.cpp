// Regression tests for the headless commands: inputs that once crashed, printed NaN, ignored write
// errors, lost a run on Ctrl+C or trained at learning rate 0 without a word. The real binary, real
// files, exit codes as contracts (0 ok, 1 invalid / failed, 2 bad input, 130 interrupted).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

extern char** environ;

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

struct RunResult {
  int exitCode = -1;
  std::string out, err;
};

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

// Whether a signal sent to pid is still pending (not yet handed to its handler), from the
// SigPnd (thread) and ShdPnd (process) masks of /proc/PID/status.
bool signalPending(pid_t pid, int sig) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  const unsigned long long bit = 1ULL << (sig - 1);
  while (std::getline(status, line))
    if (line.rfind("SigPnd:", 0) == 0 || line.rfind("ShdPnd:", 0) == 0)
      if (std::stoull(line.substr(7), nullptr, 16) & bit) return true;
  return false;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A small, fast model for training tests.
const std::string kSmall = " --layers 2 --hidden 8 --batch 64 --test-size 256";

class CliReliability : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("flowlab_cli_rel_" + std::to_string(::getpid()));
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
  static std::string asset(const std::string& name) { return std::string(FLOWLAB_SOURCE_DIR) + "/" + name; }

  // `redirect` replaces the capture of stdout (e.g. "> /dev/full").
  RunResult run(const std::string& args, const std::string& redirect = "") {
    const std::string outPath = path("stdout.txt"), errPath = path("stderr.txt");
    const std::string cmd = std::string(FLOWLAB_BINARY) + " " + args + " " + (redirect.empty() ? ">" + outPath : redirect) +
                            " 2>" + errPath + " </dev/null";
    const int status = std::system(cmd.c_str());
    RunResult r;
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = redirect.empty() ? slurp(outPath) : "";
    r.err = slurp(errPath);
    return r;
  }

  // Starts flowlab with SIGINT and SIGTERM at their default disposition (a child started from a
  // shell script with & would inherit SIGINT ignored), stdout and stderr to files.
  pid_t spawn(const std::string& args) {
    std::vector<std::string> words = {FLOWLAB_BINARY};
    std::istringstream in(args);
    for (std::string w; in >> w;) words.push_back(w);
    std::vector<char*> argv;
    for (std::string& w : words) argv.push_back(w.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, path("stdout.txt").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, path("stderr.txt").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGTERM);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
    pid_t pid = -1;
    EXPECT_EQ(posix_spawn(&pid, argv[0], &actions, &attr, argv.data(), environ), 0);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    return pid;
  }
  static int waitExit(pid_t pid) {
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
  // Waits (no limit asserted) until a temporary beside `name` exists: the run has opened its outputs.
  void waitForTemporary(const std::string& name) {
    for (int i = 0; i < 6000; ++i) {
      for (const auto& e : fs::directory_iterator(dir_))
        if (e.path().filename().string().rfind("." + name + ".tmp-", 0) == 0) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ADD_FAILURE() << "no temporary for " << name;
  }
  int temporaries() {
    int n = 0;
    for (const auto& e : fs::directory_iterator(dir_)) n += contains(e.path().filename().string(), ".tmp-");
    return n;
  }

  fs::path dir_;
};

// --- crashes and hangs ------------------------------------------------------------------------

TEST_F(CliReliability, KeyWithSlashAndLongNumberExitsTwoInEveryCommand) {
  const std::string scene = file("k.json", R"({"dim":1,"layers":[{"type":"linear","A":[[1]],"b":[0],"b/99999999999999999999":0}]})");
  const std::string points = file("p.csv", "0\n");
  for (const std::string& args : {"check --scene " + scene, "logprob --scene " + scene + " --points " + points,
                                  "sample --scene " + scene + " --n 2 --seed 1", "train --resume " + scene}) {
    const RunResult r = run(args);
    EXPECT_EQ(r.exitCode, 2) << args << "\n" << r.err;  // once: 134 (std::out_of_range from std::stol)
    EXPECT_TRUE(contains(r.err, "unknown field \"b/99999999999999999999\"")) << r.err;
  }
}

TEST_F(CliReliability, DeepNestingExitsTwo) {
  std::string text = R"({"dim":1,"layers":[],"x":)" + std::string(200000, '[') + std::string(200000, ']') + "}";
  const RunResult r = run("check --scene " + file("deep.json", text));
  EXPECT_EQ(r.exitCode, 2);  // once: 139 (stack overflow)
  EXPECT_TRUE(contains(r.err, "nested deeper than 128 levels")) << r.err;
}

TEST_F(CliReliability, DevZeroAndDirectoriesAreRefused) {
  RunResult r = run("check --scene /dev/zero");
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_TRUE(contains(r.err, "/dev/zero:1:1: NUL byte: not a text file")) << r.err;
  r = run("logprob --scene " + asset("assets/scenes/planar.json") + " --points " + dir_.string());
  EXPECT_EQ(r.exitCode, 2);  // once: exit 0, no output
  EXPECT_TRUE(contains(r.err, "is a directory, not a file")) << r.err;
  r = run("check --scene " + dir_.string());
  EXPECT_TRUE(contains(r.err, "is a directory, not a file")) << r.err;  // once: "unexpected end of input"
}

// --- NaN on the output ------------------------------------------------------------------------

TEST_F(CliReliability, NanNoiseIsRefusedBeforeAnyWork) {
  RunResult r = run("sample-data --dataset moons --noise nan --n 3 --seed 1");
  EXPECT_EQ(r.exitCode, 2);  // once: nan,nan with exit 0
  EXPECT_FALSE(contains(r.out, "nan"));
  EXPECT_TRUE(contains(r.err, "--noise: 'nan' is not a finite number")) << r.err;
  r = run("train --noise nan --steps 100000000");
  EXPECT_EQ(r.exitCode, 2);  // once: every step ran, then exit 1
  EXPECT_TRUE(contains(r.err, "--noise")) << r.err;
}

TEST_F(CliReliability, StepsZeroEvaluatesWithoutNan) {
  const RunResult r = run("train --steps 0" + kSmall);
  EXPECT_EQ(r.exitCode, 0) << r.err;  // once: "schedule steps must be positive"
  EXPECT_TRUE(contains(r.out, "steps=0")) << r.out;
  EXPECT_TRUE(contains(r.out, "train_nll=")) << r.out;
  EXPECT_FALSE(contains(r.out, "nan")) << r.out;
}

TEST_F(CliReliability, ResumeWithoutOptimizerStateAndStepsZeroPrintsNoNan) {
  ASSERT_EQ(run("train --steps 20 --out " + path("a.json") + kSmall).exitCode, 0);
  Json j = Json::parse(slurp(path("a.json")));
  j.erase("optimizer");
  file("bare.json", j.dump());
  const RunResult r = run("train --resume " + path("bare.json") + " --steps 0");
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "train_nll=")) << r.out;
  EXPECT_FALSE(contains(r.out, "nan")) << r.out;  // once: train_nll=nan
}

// --- misleading messages ----------------------------------------------------------------------

TEST_F(CliReliability, OptionValuesAreReadAsTyped) {
  RunResult r = run("sample-data --dataset moons --n 1e3 --seed 1");
  EXPECT_EQ(r.exitCode, 0) << r.err;  // once: "not in range"
  EXPECT_EQ(lines(r.out).size(), 1000u);
  r = run("sample-data --dataset moons --n 2.5 --seed 1");
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_TRUE(contains(r.err, "--n: '2.5' is not a whole number")) << r.err;
  r = run("sample --scene " + asset("assets/scenes/planar.json") + " --n 3 --seed -1");
  EXPECT_EQ(r.exitCode, 2);  // once: seed 2^64 - 1
  EXPECT_TRUE(contains(r.err, "--seed: '-1' is not a seed")) << r.err;
  r = run("train --warmup -1");
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_TRUE(contains(r.err, "--warmup must be >= 0")) << r.err;  // once: "schedule steps must be positive"
}

// --- one far point ------------------------------------------------------------------------------

TEST_F(CliReliability, OneFarPointGetsMinusInfinityAndTheOthersTheirLogP) {
  const std::string points = file("far.csv", "0,0\n1e160,0\n1,1\n");
  for (const char* scene : {"banana", "radial", "coupling_003", "planar"}) {
    const RunResult r = run("logprob --scene " + asset(std::string("assets/scenes/") + scene + ".json") + " --points " + points);
    EXPECT_EQ(r.exitCode, 0) << scene << ": " << r.err;  // once: exit 1 and no output on banana, radial, coupling
    const std::vector<std::string> v = lines(r.out);
    ASSERT_EQ(v.size(), 3u) << scene << ": " << r.out;
    EXPECT_TRUE(std::isfinite(std::stod(v[0]))) << v[0];
    EXPECT_EQ(v[1], "-inf") << scene;
    EXPECT_TRUE(std::isfinite(std::stod(v[2]))) << v[2];
  }
}

// --- write errors -----------------------------------------------------------------------------

TEST_F(CliReliability, WriteErrorsOnStdoutOrLogExitNonZero) {
  const std::string scene = asset("assets/scenes/planar.json");
  const std::string points = file("p.csv", "0,0\n1,1\n");
  for (const std::string& args : {"sample --scene " + scene + " --n 10 --seed 1", "logprob --scene " + scene + " --points " + points,
                                  std::string("sample-data --dataset moons --n 10 --seed 1"), "check --scene " + scene,
                                  "train --steps 5" + kSmall}) {
    const RunResult r = run(args, "> /dev/full");
    EXPECT_EQ(r.exitCode, 1) << args;  // once: 0
    EXPECT_TRUE(contains(r.err, "cannot write to standard output")) << args << "\n" << r.err;
  }
  const RunResult r = run("train --steps 5 --log /dev/full" + kSmall);
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_TRUE(contains(r.err, "/dev/full: write failed")) << r.err;
}

// --- resume at learning rate 0 ----------------------------------------------------------------

TEST_F(CliReliability, ResumeAfterTheScheduleEndedTrainsWithTheFlags) {
  ASSERT_EQ(run("train --steps 300 --out " + path("a.json") + kSmall).exitCode, 0);
  const RunResult r = run("train --resume " + path("a.json") + " --steps 300 --lr 0.001 --out " + path("b.json"));
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_TRUE(contains(r.err, "the saved schedule ended at step 300")) << r.err;
  const Json a = Json::parse(slurp(path("a.json"))), b = Json::parse(slurp(path("b.json")));
  EXPECT_EQ(b["step"], 600);
  EXPECT_NE(a["layers"], b["layers"]);  // once: bit-identical parameters (trained at rate 0)
  EXPECT_EQ(b["training"]["learning_rate"], 0.001);
}

TEST_F(CliReliability, ResumeWithAnUphillLearningRateScaleIsRefused) {
  ASSERT_EQ(run("train --steps 10 --out " + path("a.json") + kSmall).exitCode, 0);
  Json j = Json::parse(slurp(path("a.json")));
  j["optimizer"]["lr_scale"] = -1;
  file("bad.json", j.dump());
  const RunResult r = run("train --resume " + path("bad.json") + " --steps 10 --out " + path("c.json"));
  EXPECT_EQ(r.exitCode, 2);  // once: trained uphill and saved with exit 0
  EXPECT_TRUE(contains(r.err, "optimizer/lr_scale: -1 is out of range")) << r.err;
  EXPECT_FALSE(fs::exists(path("c.json")));
}

// --- Ctrl+C and atomic outputs ----------------------------------------------------------------

TEST_F(CliReliability, UnwritableOutIsReportedBeforeTraining) {
  const RunResult r = run("train --steps 100000000 --out " + path("missing/o.json") + kSmall);
  EXPECT_EQ(r.exitCode, 1);  // once: found only after 10^8 steps
  EXPECT_TRUE(contains(r.err, "missing/o.json: cannot write file")) << r.err;
}

TEST_F(CliReliability, SigintFinishesTheStepSavesAtomicallyAndExits130) {
  file("o.json", "previous checkpoint\n");
  const pid_t pid = spawn("train --steps 100000000 --log-every 7 --out " + path("o.json") + " --log " + path("l.csv") + kSmall);
  waitForTemporary("l.csv");
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  ::kill(pid, SIGINT);
  EXPECT_EQ(waitExit(pid), 130) << slurp(path("stderr.txt"));  // once: killed, no model, log cut mid-line
  EXPECT_TRUE(contains(slurp(path("stderr.txt")), "interrupted after")) << slurp(path("stderr.txt"));
  const Json model = Json::parse(slurp(path("o.json")));
  EXPECT_GT(model["step"].get<long long>(), 0);
  const std::vector<std::string> log = lines(slurp(path("l.csv")));
  ASSERT_GE(log.size(), 2u);
  EXPECT_EQ(log[0], "step,batch_nll,train_nll,learning_rate,test_nll");
  for (const std::string& l : log) EXPECT_EQ(std::count(l.begin(), l.end(), ','), 4) << l;
  const std::string last = log.back();
  EXPECT_NE(last.back(), ',') << "the last line carries train/test NLL: " << last;
  EXPECT_EQ(std::stoll(last.substr(0, last.find(','))), model["step"].get<long long>());
  EXPECT_TRUE(contains(slurp(path("stdout.txt")), "test_nll=")) << slurp(path("stdout.txt"));
  EXPECT_EQ(temporaries(), 0);
}

TEST_F(CliReliability, SecondSigintExitsAtOnceWithoutTouchingOut) {
  file("o.json", "previous checkpoint\n");
  // Steps long enough (a large batch) that both signals land inside one step.
  const pid_t pid = spawn("train --steps 100000000 --batch 65536 --hidden 64 --test-size 256 --out " + path("o.json"));
  waitForTemporary("o.json");
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  ::kill(pid, SIGINT);
  // Two SIGINTs sent before the process runs merge into one (standard signals do not queue): wait
  // until the first has reached the handler, then send the second while the step is still going.
  for (int i = 0; i < 2000 && signalPending(pid, SIGINT); ++i) std::this_thread::sleep_for(std::chrono::microseconds(200));
  ::kill(pid, SIGINT);
  EXPECT_EQ(waitExit(pid), 130);
  EXPECT_TRUE(contains(slurp(path("stderr.txt")), "interrupted again; exiting without saving"))
      << slurp(path("stderr.txt"));
  EXPECT_EQ(slurp(path("o.json")), "previous checkpoint\n");
  EXPECT_EQ(temporaries(), 0);
}

// --- divergence drills --------------------------------------------------------------------------

TEST_F(CliReliability, LearningRatesOfOneAndAboveAreRefusedWithAMessage) {
  for (const char* lr : {"1", "10", "1000"}) {
    const RunResult r = run(std::string("train --steps 50 --lr ") + lr + kSmall);
    EXPECT_EQ(r.exitCode, 2) << lr;
    EXPECT_TRUE(contains(r.err, "learning rate must be in (0, 1)")) << r.err;
    EXPECT_FALSE(contains(r.out, "nan"));
  }
  const RunResult r = run("train --steps 50 --batch 1 --layers 2 --hidden 8 --test-size 256");
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_TRUE(contains(r.err, "batch must be >= 2")) << r.err;
}

TEST_F(CliReliability, AggressiveTrainingRollsBackAndNeverPrintsOrSavesNan) {
  // The largest allowed rate on the smallest batch, unclipped: updates overflow and are rolled back.
  const RunResult r = run("train --steps 300 --lr 0.99 --batch 2 --clip 0 --bound 20 --layers 2 --hidden 8 --test-size 256 --out " +
                          path("d.json") + " --log " + path("d.csv"));
  EXPECT_TRUE(r.exitCode == 0 || r.exitCode == 1) << r.err;
  EXPECT_FALSE(contains(r.out, "nan")) << r.out;
  EXPECT_FALSE(contains(r.out, "inf")) << r.out;
  const std::string log = slurp(path("d.csv"));
  EXPECT_FALSE(contains(log, "nan")) << log.substr(0, 400);
  if (r.exitCode == 0) {
    EXPECT_TRUE(contains(r.out, "non_finite_events=")) << r.out;
    EXPECT_FALSE(contains(slurp(path("d.json")), "nan"));
    EXPECT_TRUE(Json::parse(slurp(path("d.json"))).is_object());
  } else {
    EXPECT_TRUE(contains(r.err, "giving up")) << r.err;
  }
}

}  // namespace
