// flowlab train --target through the real binary: the printed contract (reverse_kl=, log_z=,
// log_z_stderr=, ess=), --out scenes that check and load for every flow kind, and clear refusals.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "tests/support/process.h"

namespace flowlab::test {
namespace {

std::map<std::string, std::string> keys(const std::string& out) {
  std::map<std::string, std::string> m;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);)
    if (const auto eq = line.find('='); eq != std::string::npos) m[line.substr(0, eq)] = line.substr(eq + 1);
  return m;
}

std::string bin() { return FLOWLAB_BINARY; }

class ReverseKlCli : public ::testing::TestWithParam<std::string> {};

TEST_P(ReverseKlCli, PrintsTheEstimatesAndSavesACheckableScene) {
  const std::string dir = makeTempDir("reverse_kl_cli_" + GetParam());
  const std::string out = dir + "/fit.json";
  const ProcessResult r = runProcess(bin() + " train --target banana --flow " + GetParam() +
                                     " --layers 2 --hidden 8 --bins 4 --solver-steps 3 --steps 60 --estimate-samples 2000 "
                                     "--seed 3 --out " + out);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto k = keys(r.out);
  for (const char* key : {"reverse_kl", "log_z", "log_z_stderr", "ess", "log_z_true", "steps_per_sec"}) {
    ASSERT_TRUE(k.count(key)) << key << " missing in\n" << r.out;
    EXPECT_TRUE(std::isfinite(std::stod(k.at(key)))) << key << "=" << k.at(key);
  }
  EXPECT_EQ(k.at("objective"), "reverse-kl");
  EXPECT_EQ(k.at("target"), "banana");
  EXPECT_EQ(k.at("steps"), "60");
  EXPECT_NEAR(std::stod(k.at("log_z_true")), std::log(2 * M_PI * 1.5 * 0.4), 1e-4);
  EXPECT_GE(std::stod(k.at("reverse_kl")), 0.0);
  EXPECT_GT(std::stod(k.at("ess")), 1.0);
  EXPECT_LE(std::stod(k.at("ess")), 2000.0);
  const ProcessResult check = runProcess(bin() + " check --scene " + out);
  ASSERT_EQ(check.exitCode, 0) << check.out << check.err;
  const auto c = keys(check.out);
  EXPECT_EQ(c.at("target"), "banana");
  EXPECT_EQ(c.at("fit_flow"), GetParam());
  EXPECT_EQ(c.at("fit_steps"), "60");
  // The saved flow samples and evaluates like any scene.
  const ProcessResult sample = runProcess(bin() + " sample --scene " + out + " --n 50 --seed 1 > " + dir + "/pts.csv");
  ASSERT_EQ(sample.exitCode, 0) << sample.err;
  const ProcessResult logprob = runProcess(bin() + " logprob --scene " + out + " --points " + dir + "/pts.csv");
  ASSERT_EQ(logprob.exitCode, 0) << logprob.err;
  int finite = 0;
  std::istringstream lines(logprob.out);
  for (std::string line; std::getline(lines, line);)
    if (!line.empty() && std::isfinite(std::strtod(line.c_str(), nullptr))) ++finite;
  EXPECT_EQ(finite, 50) << logprob.out;
}

INSTANTIATE_TEST_SUITE_P(Flows, ReverseKlCli, ::testing::Values("planar", "radial", "realnvp", "maf", "iaf", "nsf", "cnf"),
                         [](const auto& info) { return info.param; });

TEST(ReverseKlCliErrors, BadTargetsAndOptionsAreRefusedClearly) {
  const ProcessResult bad = runProcess(bin() + " train --target 'x +* y' --steps 5");
  EXPECT_EQ(bad.exitCode, 2);
  EXPECT_NE(bad.err.find("column 4"), std::string::npos) << bad.err;
  EXPECT_EQ(bad.err.find("position 3"), std::string::npos) << "only one position, counted from 1: " << bad.err;
  const ProcessResult ml = runProcess(bin() + " train --target u1 --objective ml --steps 5");
  EXPECT_EQ(ml.exitCode, 2);
  EXPECT_NE(ml.err.find("reverse-kl"), std::string::npos) << ml.err;
  const ProcessResult noTarget = runProcess(bin() + " train --objective reverse-kl --steps 5");
  EXPECT_EQ(noTarget.exitCode, 2);
  EXPECT_NE(noTarget.err.find("--target"), std::string::npos) << noTarget.err;
  const ProcessResult planarOnData = runProcess(bin() + " train --flow planar --steps 5");
  EXPECT_EQ(planarOnData.exitCode, 2);
  const ProcessResult both = runProcess(bin() + " train --target u2 --dataset moons --steps 5");
  EXPECT_EQ(both.exitCode, 2);
  const ProcessResult unknownFlow = runProcess(bin() + " train --target u2 --flow spline --steps 5");
  EXPECT_EQ(unknownFlow.exitCode, 2);
  EXPECT_NE(unknownFlow.err.find("planar"), std::string::npos) << unknownFlow.err;
}

TEST(ReverseKlCliErrors, AMalformedTargetInASceneIsReportedAtItsLine) {
  const std::string dir = makeTempDir("reverse_kl_cli_scene");
  const std::string path = dir + "/bad.json";
  std::ofstream(path) << "{\"version\": 1, \"dim\": 2, \"layers\": [],\n"
                         " \"target\": {\"expression\": \"exp(-(x^2)\"}}\n";
  const ProcessResult check = runProcess(bin() + " check --scene " + path);
  EXPECT_EQ(check.exitCode, 2);
  EXPECT_NE(check.err.find(path + ":2:"), std::string::npos) << check.err;
  EXPECT_NE(check.err.find("column"), std::string::npos) << check.err;
  std::ofstream(path) << "{\"version\": 1, \"dim\": 2, \"layers\": [], \"target\": {\"preset\": \"u9\"}}\n";
  const ProcessResult unknown = runProcess(bin() + " check --scene " + path);
  EXPECT_EQ(unknown.exitCode, 2);
  EXPECT_NE(unknown.err.find("u9"), std::string::npos) << unknown.err;
}

}  // namespace
}  // namespace flowlab::test
