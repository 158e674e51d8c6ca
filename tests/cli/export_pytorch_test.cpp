// `flowlab export --format pytorch`: the exported script, run by Debian's PyTorch, gives the same
// log p as `flowlab logprob` at 1,000 fixed points (to 1e-5) for every layer kind; its sampler
// returns finite float64 points; importing it prints nothing; bad input gets the contract's codes.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/bijectors/swap.h"
#include "core/export/pytorch_export.h"

namespace {

namespace fs = std::filesystem;

const char* kPython = "/usr/bin/python3";  // Debian's python3-torch is visible to this one only

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

void spit(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

// Loads a script by path (as a user would) and either prints log p of a CSV's points, checks a
// sample, or only imports it.
const char* kDriver = R"PY(import importlib.util, math, sys
import torch
dtype_before, grad_before = torch.get_default_dtype(), torch.is_grad_enabled()
spec = importlib.util.spec_from_file_location("exported_flow", sys.argv[2])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
mode = sys.argv[1]
if mode == "logprob":
    rows = [[float(v) for v in line.split(",")] for line in open(sys.argv[3]) if line.strip()]
    for v in module.flow.log_prob(torch.tensor(rows, dtype=torch.float64)).tolist():
        print("%.17g" % v)
elif mode == "sample":
    s = module.flow.sample(int(sys.argv[3]))
    print("rows=%d cols=%d float64=%d finite=%d" % (s.shape[0], s.shape[1], s.dtype == torch.float64,
                                                   bool(torch.isfinite(s).all())))
    print("module=%d" % isinstance(module.flow, torch.nn.Module))
    print("settings_kept=%d" % (torch.get_default_dtype() == dtype_before and torch.is_grad_enabled() == grad_before))
    # Sampling direction against the density direction: z -> x -> z, and the two log-dets cancel.
    g = torch.Generator().manual_seed(3)
    z = torch.randn(int(sys.argv[3]), module.flow.dim, dtype=torch.float64, generator=g)
    x, forward_ld = z, torch.zeros(z.shape[0], dtype=torch.float64)
    for layer in module.flow.layers:
        x, ld = layer.forward(x)
        forward_ld = forward_ld + ld
    back, inverse_ld = x, torch.zeros(z.shape[0], dtype=torch.float64)
    for layer in reversed(module.flow.layers):
        back, ld = layer.inverse(back)
        inverse_ld = inverse_ld + ld
    print("roundtrip=%.3g" % float((back - z).abs().max()))
    print("logdet_sum=%.3g" % float((forward_ld + inverse_ld).abs().max()))
)PY";

class ExportPytorch : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("flowlab_export_pytorch_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    spit(dir_ / "driver.py", kDriver);
    // Fixed points in [-4, 4]^D, irregular enough to land in every spline bin and tail.
    for (int d = 1; d <= 2; ++d) {
      std::ostringstream csv;
      csv.precision(17);
      for (int i = 0; i < 1000; ++i) {
        csv << 4.0 * std::sin(1.7 * i + 0.3);
        if (d == 2) csv << "," << 4.0 * std::cos(2.9 * i + 1.1);
        csv << "\n";
      }
      spit(points(d), csv.str());
    }
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path points(int dim) const { return dir_ / ("points" + std::to_string(dim) + ".csv"); }

  RunResult run(const std::string& command) const {
    const std::string cmd = command + " >" + (dir_ / "out").string() + " 2>" + (dir_ / "err").string() + " </dev/null";
    const int status = std::system(cmd.c_str());
    RunResult r;
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = slurp(dir_ / "out");
    r.err = slurp(dir_ / "err");
    return r;
  }
  RunResult flowlab(const std::string& args) const { return run(std::string(FLOWLAB_BINARY) + " " + args); }
  RunResult python(const std::string& args) const { return run(std::string(kPython) + " " + args); }

  bool torchMissing() const { return python("-c 'import torch'").exitCode != 0; }

  // Exports `scene`, evaluates both sides at the fixed points; the max |Δ log p| (or -1 on failure).
  double maxLogProbDifference(const fs::path& scene, int dim, const std::string& label) {
    const fs::path script = dir_ / (label + ".py");
    const RunResult exported = flowlab("export --scene " + scene.string() + " --format pytorch --out " + script.string());
    EXPECT_EQ(exported.exitCode, 0) << label << ": " << exported.err;
    const RunResult reference = flowlab("logprob --scene " + scene.string() + " --points " + points(dim).string());
    EXPECT_EQ(reference.exitCode, 0) << label << ": " << reference.err;
    const RunResult got = python((dir_ / "driver.py").string() + " logprob " + script.string() + " " + points(dim).string());
    EXPECT_EQ(got.exitCode, 0) << label << ": " << got.err;
    std::istringstream a(reference.out), b(got.out), p(slurp(points(dim)));
    double worst = 0.0, fromBase = 0.0;
    int count = 0;
    for (std::string x, y, point; std::getline(a, x) && std::getline(b, y) && std::getline(p, point); ++count) {
      const double u = std::strtod(x.c_str(), nullptr), v = std::strtod(y.c_str(), nullptr);
      // log N(x; 0, I) at the point: the flow must move it, or the comparison would prove little.
      double squared = 0.0;
      for (std::size_t at = 0, comma; at != std::string::npos; at = comma == std::string::npos ? comma : comma + 1) {
        comma = point.find(',', at);
        const double c = std::strtod(point.substr(at, comma - at).c_str(), nullptr);
        squared += c * c;
      }
      fromBase = std::max(fromBase, std::abs(u - (-0.5 * squared - 0.5 * dim * std::log(2.0 * M_PI))));
      if (u == v) continue;  // equal, including both -inf
      worst = std::max(worst, std::isfinite(u - v) ? std::abs(u - v) : INFINITY);
    }
    EXPECT_EQ(count, 1000) << label;
    EXPECT_GT(fromBase, 1e-3) << label << ": the flow leaves log p at the base's";
    std::printf("export_pytorch %-28s max|dlogp|=%.3g\n", label.c_str(), worst);
    return count == 1000 ? worst : -1.0;
  }

  // Small trained models of every flow family and reverse-KL fits (a reversed stack for realnvp),
  // made by the real binary; label -> scene file.
  std::vector<std::pair<std::string, fs::path>> trainedScenes() const {
    std::vector<std::pair<std::string, fs::path>> scenes;
    for (const char* family : {"nice", "realnvp", "glow", "maf", "iaf", "nsf", "cnf"}) {
      const fs::path out = dir_ / (std::string("family_") + family + ".json");
      const RunResult r = flowlab(std::string("train --flow ") + family + " --layers 2 --hidden 8 --steps 30 --out " + out.string());
      EXPECT_EQ(r.exitCode, 0) << family << ": " << r.err;
      scenes.emplace_back(std::string("family_") + family, out);
    }
    for (const char* flow : {"planar", "radial", "realnvp"}) {
      const fs::path out = dir_ / (std::string("reverse_kl_") + flow + ".json");
      const RunResult r = flowlab(std::string("train --target banana --flow ") + flow +
                                       " --layers 2 --hidden 8 --steps 50 --out " + out.string());
      EXPECT_EQ(r.exitCode, 0) << flow << ": " << r.err;
      scenes.emplace_back(std::string("reverse_kl_") + flow, out);
    }
    return scenes;
  }

  fs::path dir_;
};

struct SceneCase {
  const char* label;
  const char* json;  // a scene text, or empty to use the shipped scene assets/scenes/<label>.json
  int dim;
};

// Layer kinds no shipped scene holds, each in a small scene of its own.
const SceneCase kInlineScenes[] = {
    {"leaky_relu_1d", R"({"version": 1, "dim": 1, "layers": [{"type": "leaky_relu", "alpha": 0.3},
       {"type": "affine", "a": -1.5, "b": 0.25}]})", 1},
    {"elementwise_2d", R"({"version": 1, "dim": 2, "layers": [
       {"type": "elementwise", "coordinates": [{"type": "sine", "a": 0.7, "omega": 1.2, "phi": 0.4},
                                               {"type": "sinh_arcsinh", "epsilon": 0.5, "delta": 0.7}]},
       {"type": "elementwise", "coordinates": [{"type": "leaky_relu", "alpha": 2.0},
         {"type": "spline", "knots_z": [-2, -0.5, 1, 2.5], "knots_x": [-3, -0.2, 0.5, 3], "derivatives": [0.8, 2, 0.3, 1.5]}]},
       {"type": "elementwise", "coordinates": [{"type": "affine", "a": 0.5, "b": -1}, {"type": "affine", "a": -2, "b": 0.5}]}]})", 2},
    {"lu_linear_swap_2d", R"({"version": 1, "dim": 2, "layers": [
       {"type": "lu_linear", "permutation": [1, 0], "L": [[1, 0], [0.3, 1]], "U": [[1.2, 0.4], [0, -0.8]], "b": [0.1, -0.2]},
       {"type": "swap"},
       {"type": "planar", "u": [1.5, -0.5], "w": [0.8, 1.1], "b": 0.3},
       {"type": "radial", "z0": [0.5, -0.5], "alpha": 0.7, "beta": -0.6},
       {"type": "planar", "u": [2, 1], "w": [1, 1], "b": 0, "enabled": false}]})", 2},
};

// Shipped scenes of the analytic layer kinds (affine, sine, sinh_arcsinh, spline, linear, planar,
// radial, couplings with parametric and mlp conditioners).
const char* kShippedScenes[][2] = {
    {"affine_1d", "1"},     {"sine_1d", "1"},         {"sinh_arcsinh_1d", "1"}, {"bimodal_spline_1d", "1"},
    {"spike_1d", "1"},      {"composition_1d", "1"},  {"linear_004", "2"},      {"rotation", "2"},
    {"shear", "2"},         {"planar", "2"},          {"radial", "2"},          {"predict_radial", "2"},
    {"stack_issue3", "2"},  {"banana", "2"},          {"coupling_pair", "2"},   {"coupling_003", "2"},
    {"nice_additive", "2"}, {"ch6_realnvp", "2"},
};

TEST_F(ExportPytorch, AnalyticLayersGiveFlowlabsLogProb) {
  if (torchMissing()) GTEST_SKIP() << kPython << " cannot import torch (install Debian's python3-torch)";
  for (const auto& [name, dim] : kShippedScenes) {
    const fs::path scene = fs::path(FLOWLAB_SOURCE_DIR) / "assets" / "scenes" / (std::string(name) + ".json");
    const double worst = maxLogProbDifference(scene, std::atoi(dim), name);
    EXPECT_GE(worst, 0.0) << name;
    EXPECT_LE(worst, 1e-5) << name;
  }
  for (const SceneCase& c : kInlineScenes) {
    const fs::path scene = dir_ / (std::string(c.label) + ".json");
    spit(scene, c.json);
    const double worst = maxLogProbDifference(scene, c.dim, c.label);
    EXPECT_GE(worst, 0.0) << c.label;
    EXPECT_LE(worst, 1e-5) << c.label;
  }
}

TEST_F(ExportPytorch, TrainedFamiliesGiveFlowlabsLogProb) {
  if (torchMissing()) GTEST_SKIP() << kPython << " cannot import torch (install Debian's python3-torch)";
  for (const auto& [label, scene] : trainedScenes()) {
    if (label == "reverse_kl_realnvp") {
      EXPECT_NE(slurp(scene).find("\"reversed\""), std::string::npos);
    }
    const double worst = maxLogProbDifference(scene, 2, label);
    EXPECT_GE(worst, 0.0) << label;
    EXPECT_LE(worst, 1e-5) << label;
  }
}

TEST_F(ExportPytorch, SampleIsFiniteFloat64AndImportIsQuiet) {
  if (torchMissing()) GTEST_SKIP() << kPython << " cannot import torch (install Debian's python3-torch)";
  std::vector<std::pair<std::string, fs::path>> scenes = trainedScenes();
  for (const SceneCase& c : kInlineScenes) {
    spit(dir_ / (std::string(c.label) + ".json"), c.json);
    scenes.emplace_back(c.label, dir_ / (std::string(c.label) + ".json"));
  }
  for (const auto& [label, scene] : scenes) {
    const fs::path script = dir_ / (label + ".py");
    const int dim = label.find("_1d") != std::string::npos ? 1 : 2;
    ASSERT_EQ(flowlab("export --scene " + scene.string() + " --format pytorch --out " + script.string()).exitCode, 0);
    const RunResult s = python((dir_ / "driver.py").string() + " sample " + script.string() + " 257");
    EXPECT_EQ(s.exitCode, 0) << s.err;
    EXPECT_NE(s.out.find("rows=257 cols=" + std::to_string(dim) + " float64=1 finite=1"), std::string::npos) << s.out;
    // Exact inverses round-trip to rounding; the continuous flow's two RK4 solves agree to O(h^4).
    const double tolerance = label == "family_cnf" ? 1e-4 : 1e-8;
    const auto value = [&](const std::string& key) {
      const auto at = s.out.find(key + "=");
      return at == std::string::npos ? INFINITY : std::strtod(s.out.c_str() + at + key.size() + 1, nullptr);
    };
    std::printf("export_pytorch %-28s roundtrip=%.3g logdet_sum=%.3g\n", label.c_str(), value("roundtrip"),
                value("logdet_sum"));
    EXPECT_LE(value("roundtrip"), tolerance) << label;
    EXPECT_LE(value("logdet_sum"), tolerance) << label;
    EXPECT_NE(s.out.find("module=1"), std::string::npos) << s.out;
    EXPECT_NE(s.out.find("settings_kept=1"), std::string::npos) << s.out;
    // Importing builds `flow` and nothing else: no output, no files (-B: nor Python's own bytecode cache).
    const auto filesBefore = std::distance(fs::recursive_directory_iterator(dir_), fs::recursive_directory_iterator());
    const RunResult imported = python("-B " + (dir_ / "driver.py").string() + " import " + script.string());
    EXPECT_EQ(imported.exitCode, 0) << imported.err;
    EXPECT_EQ(imported.out, "");
    EXPECT_EQ(imported.err, "");
    EXPECT_EQ(std::distance(fs::recursive_directory_iterator(dir_), fs::recursive_directory_iterator()), filesBefore)
        << label << ": importing created a file";
    // Run as a program, it prints log p of a few points.
    const RunResult main = python(script.string());
    EXPECT_EQ(main.exitCode, 0) << main.err;
    EXPECT_NE(main.out.find("log_prob("), std::string::npos) << main.out;
  }
}

TEST_F(ExportPytorch, BadInputGetsTheContractsExitCodes) {
  const fs::path good = fs::path(FLOWLAB_SOURCE_DIR) / "assets" / "scenes" / "planar.json";
  const fs::path out = dir_ / "flow.py";
  spit(dir_ / "broken.json", R"({"version": 1, "dim": 2, "layers": [{"type": "planar", "u": [1, 2]})");
  RunResult r = flowlab("export --scene " + (dir_ / "broken.json").string() + " --format pytorch --out " + out.string());
  EXPECT_EQ(r.exitCode, 2) << r.err;
  EXPECT_NE(r.err.find("broken.json"), std::string::npos) << r.err;
  r = flowlab("export --scene " + (dir_ / "missing.json").string() + " --format pytorch --out " + out.string());
  EXPECT_EQ(r.exitCode, 2) << r.err;
  r = flowlab("export --scene " + good.string() + " --format onnx --out " + out.string());
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("onnx"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("pytorch"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out));
  // An invalid flow (|a·ω| >= 1) and an unwritable output are exit 1, and write nothing.
  r = flowlab("export --scene " + (fs::path(FLOWLAB_SOURCE_DIR) / "assets/scenes/sine_noninvertible_1d.json").string() +
              " --format pytorch --out " + out.string());
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("layer 1 (sine)"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out));
  r = flowlab("export --scene " + good.string() + " --format pytorch --out " + (dir_ / "no" / "such" / "flow.py").string());
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_FALSE(r.err.empty());
  // Success replaces an existing file completely.
  spit(out, "old content");
  r = flowlab("export --scene " + good.string() + " --format pytorch --out " + out.string());
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(slurp(out).find("old content"), std::string::npos);
  EXPECT_NE(slurp(out).find("flow = _Flow(2, ["), std::string::npos);
}

// A bijector kind the export has never heard of (every scene-file type is covered, so this path
// is reachable only from code): the export refuses it by name instead of writing a wrong script.
class MysteryBijector : public flowlab::Bijector {
 public:
  flowlab::Transformed forward(const flowlab::Batch& z) const override { return {z, flowlab::Vector::Zero(z.rows())}; }
  flowlab::Transformed inverse(const flowlab::Batch& x) const override { return {x, flowlab::Vector::Zero(x.rows())}; }
  int dim() const override { return 2; }
  std::string type() const override { return "mystery"; }
  flowlab::Status validate() const override { return flowlab::Status::okStatus(); }
  std::vector<flowlab::Parameter> parameters() const override { return {}; }
  void setParameter(int, double) override {}
  flowlab::BijectorPtr clone() const override { return std::make_unique<MysteryBijector>(*this); }
};

TEST(ExportPytorchScript, RefusesAnUnknownLayerByName) {
  flowlab::SceneFile scene;
  scene.dim = 2;
  scene.flow = flowlab::Flow(2);
  scene.flow.append(std::make_unique<flowlab::Swap>(2));
  scene.flow.append(std::make_unique<MysteryBijector>());
  const flowlab::Expected<std::string> script = flowlab::exportPytorchScript(scene);
  EXPECT_FALSE(script.ok());
  EXPECT_NE(script.status.message().find("layer 2 (mystery)"), std::string::npos) << script.status.message();
  EXPECT_TRUE(script.value.empty());
  // Without it the same scene exports.
  scene.flow.remove(1);
  EXPECT_TRUE(flowlab::exportPytorchScript(scene).ok());
}

}  // namespace
