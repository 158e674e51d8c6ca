#include "core/train/training_scene.h"

#include <cmath>
#include <cstdio>

#include "core/io/atomic_write.h"
#include "core/io/read_file.h"
#include "core/scene/family_layers.h"
#include "core/train/run_engine.h"

namespace flowlab {
namespace {

constexpr int kMaxChapter = 6;

// Fields of the blocks, so a typo ("hiden") is an error rather than a silent default.
// "points": inline own data ("dataset": "points"), read as a checkpoint's (core/train/checkpoint.cpp).
constexpr std::initializer_list<const char*> kTrainingKeys = {
    "dataset", "noise", "points", "architecture", "batch", "learning_rate", "schedule", "warmup_steps",
    "schedule_steps", "final_lr_fraction", "test_size", "seed", "threads", "smoothing"};
constexpr std::initializer_list<const char*> kArchitectureKeys = {"layers", "hidden", "depth", "activation",
                                                                  "log_scale_bound"};
constexpr std::initializer_list<const char*> kOptimizerSettingKeys = {"type", "beta1", "beta2", "epsilon", "clip_norm"};
constexpr std::initializer_list<const char*> kOptimizerKeys = {
    "type", "beta1", "beta2", "epsilon", "clip_norm", "lr_scale", "non_finite_events", "train_nll_ema", "m", "v"};

// The checkpoint reader names fields as "training/batch: reason"; as a reader error it points at
// that field (a layer problem at the layers), keeping the field's name in the reason.
Status asFieldError(const Status& s) {
  const std::string& m = s.message();
  const std::string head = m.substr(0, m.find(": "));
  std::string pointer;
  if (head.rfind("training", 0) == 0 || head.rfind("optimizer", 0) == 0 || head == "step") pointer = "/" + head;
  else if (head == "not a trainable RealNVP") pointer = "/layers";
  return jsonError(pointer, m);
}

Status readString(const Json& root, const char* key, std::string& out) {
  if (!root.contains(key)) return Status::okStatus();
  if (!root[key].is_string()) return jsonError(std::string("/") + key, std::string("\"") + key + "\" must be a string");
  out = root[key].get<std::string>();
  return Status::okStatus();
}

Status readHeader(const Json& root, TrainingScene& t) {
  if (root.contains("version")) {
    const Expected<int> v = readInt(root, "version", "");
    if (!v.ok()) return v.status;
    if (v.value != 1) return jsonError("/version", "unsupported scene version " + std::to_string(v.value) + " (this build reads 1)");
  }
  if (root.contains("dim")) {
    const Expected<int> d = readInt(root, "dim", "");
    if (!d.ok()) return d.status;
    if (d.value != 2) return jsonError("/dim", "a training scene is 2D: \"dim\" must be 2");
  }
  std::string name;
  for (const Status& s : {readString(root, "name", name), readString(root, "title", t.title),
                          readString(root, "description", t.description)})
    if (!s.ok()) return s;
  if (t.title.empty()) t.title = name;
  if (root.contains("chapter")) {
    const Expected<int> c = readInt(root, "chapter", "");
    if (!c.ok()) return c.status;
    if (c.value < 1 || c.value > kMaxChapter)
      return jsonError("/chapter", "\"chapter\" must be in [1, " + std::to_string(kMaxChapter) + "], got " +
                                       std::to_string(c.value));
    t.chapter = c.value;
  }
  return Status::okStatus();
}

// The "architecture" block: every field optional (the CLI's defaults), each range-checked.
Status readArchitecture(const Json& a, RealNvpConfig& m) {
  const std::string where = "/training/architecture";
  if (Status s = requireObject(a, where, "\"architecture\""); !s.ok()) return s;
  if (Status s = checkKeys(a, kArchitectureKeys, where); !s.ok()) return s;
  struct IntField { const char* key; int lo, hi; int& out; };
  for (const IntField& f : {IntField{"layers", 1, 64, m.layers}, IntField{"hidden", 1, 1024, m.hidden},
                            IntField{"depth", 1, 8, m.depth}}) {
    if (!a.contains(f.key)) continue;
    const Expected<int> v = readInt(a, f.key, where);
    if (!v.ok()) return v.status;
    if (v.value < f.lo || v.value > f.hi)
      return jsonError(childPointer(where, f.key), std::string("\"") + f.key + "\" must be in [" + std::to_string(f.lo) +
                                                       ", " + std::to_string(f.hi) + "], got " + std::to_string(v.value));
    f.out = v.value;
  }
  if (a.contains("activation")) {
    const auto act = a["activation"].is_string() ? activationFromName(a["activation"].get<std::string>()) : std::nullopt;
    if (!act) return jsonError(where + "/activation", "\"activation\" must be \"tanh\" or \"relu\"");
    m.activation = *act;
  }
  if (a.contains("log_scale_bound")) {
    const Expected<double> c = readNumber(a, "log_scale_bound", where);
    if (!c.ok()) return c.status;
    if (!(c.value > 0.0 && c.value <= 20.0))
      return jsonError(where + "/log_scale_bound", "\"log_scale_bound\" must be in (0, 20], got " + a["log_scale_bound"].dump());
    m.logScaleBound = c.value;
  }
  return Status::okStatus();
}

Json architectureJson(const RealNvpConfig& m) {
  return Json{{"layers", m.layers},
              {"hidden", m.hidden},
              {"depth", m.depth},
              {"activation", activationName(m.activation)},
              {"log_scale_bound", m.logScaleBound}};
}

std::string architectureText(const RealNvpConfig& m) {
  std::string net = "1";
  for (int i = 0; i < m.depth; ++i) net += " → " + std::to_string(m.hidden);
  char bound[32];
  std::snprintf(bound, sizeof bound, "%g", m.logScaleBound);
  return std::to_string(m.layers) + " affine couplings, conditioners " + net + " → 2 " + activationName(m.activation) +
         ", log-scale bound " + bound;
}

std::string familyText(const FamilyConfig& f) {
  std::string text = familyName(f.kind) + ": " + std::to_string(f.layers) + " layers, hidden " + std::to_string(f.hidden);
  if (f.kind != FamilyKind::Cnf) text += ", depth " + std::to_string(f.depth) + " " + activationName(f.activation);
  char extra[64] = "";
  if (f.kind == FamilyKind::Nsf) std::snprintf(extra, sizeof extra, ", %d bins on [-%g, %g]", f.bins, f.bound, f.bound);
  if (f.kind == FamilyKind::Cnf) std::snprintf(extra, sizeof extra, ", %d RK4 steps per segment", f.solverSteps);
  return text + extra;
}

// The blocks and header of the root; the config's architecture from `architecture` (if given).
Status readTrainingScene(const std::string& text, const std::string& source, const Json& root, TrainingScene& t) {
  if (Status s = requireObject(root, "", "a scene"); !s.ok()) return s;
  if (!root.contains("training")) return jsonError("", "not a training scene: missing field \"training\"");
  const Json& training = root["training"];
  if (Status s = requireObject(training, "/training", "\"training\""); !s.ok()) return s;
  if (Status s = checkKeys(training, kTrainingKeys, "/training"); !s.ok()) return s;
  if (Status s = readHeader(root, t); !s.ok()) return s;
  const bool weights = root.contains("layers");
  if (root.contains("optimizer")) {
    if (Status s = requireObject(root["optimizer"], "/optimizer", "\"optimizer\""); !s.ok()) return s;
    const Json& o = root["optimizer"];
    // Without weights there is no optimizer state to restore: only the settings belong here.
    if (Status s = checkKeys(o, weights ? kOptimizerKeys : kOptimizerSettingKeys, "/optimizer"); !s.ok()) return s;
    if (o.contains("type") && !(o["type"].is_string() && o["type"].get<std::string>() == "adam"))
      return jsonError("/optimizer/type", "\"type\" must be \"adam\" (the only optimizer FlowLab has)");
  }
  RealNvpConfig architecture;
  const bool hasArchitecture = training.contains("architecture");
  if (hasArchitecture)
    if (Status s = readArchitecture(training["architecture"], architecture); !s.ok()) return s;

  if (weights) {
    const Expected<SceneFile> scene = parseScene(text, source);  // the layers' errors, with positions
    if (!scene.ok()) return Status::error(scene.status.message());
    const Expected<Checkpoint> cp = readCheckpoint(scene.value);
    if (!cp.ok()) return asFieldError(cp.status);
    if (hasArchitecture && cp.value.family)
      return jsonError("/training/architecture", "\"architecture\" describes a RealNVP; this " +
                                                     familyName(cp.value.family->kind) + " model is described by \"family\"");
    if (hasArchitecture && !(architecture == cp.value.config.model))
      return jsonError("/training/architecture", "\"architecture\" does not match the layers (" +
                                                     architectureText(cp.value.config.model) + ")");
    t.config = cp.value.config;
    t.family = cp.value.family;
    t.weights = cp.value;
    return Status::okStatus();
  }
  if (root.contains("step")) return jsonError("/step", "\"step\" belongs to a scene with weights (\"layers\")");
  t.config.model = architecture;
  if (root.contains("family")) {  // settings for a flow family (core/scene/family_layers.h)
    if (hasArchitecture)
      return jsonError("/training/architecture", "\"architecture\" describes a RealNVP; \"family\" describes this model");
    const Expected<FamilyConfig> family = readFamilyConfig(root["family"], 2);
    if (!family.ok()) return family.status;
    t.family = family.value;
  }
  if (Status s = readTrainingSettings(root, t.config); !s.ok()) return asFieldError(s);
  if (Status s = validateTrainerConfig(t.config); !s.ok()) return jsonError("/training", "training: " + s.message());
  if (t.family)
    if (Status s = validateFamilyTrainerConfig(familyTrainerConfig(t.config, *t.family)); !s.ok())
      return jsonError("/training", "training: " + s.message());
  return Status::okStatus();
}

}  // namespace

bool isTrainingScene(const Json& root) { return root.is_object() && root.contains("training"); }

Expected<TrainingScene> parseTrainingScene(const std::string& text, const std::string& sourceName) {
  Expected<TrainingScene> out;
  const Expected<Json> root = parseSceneJson(text, sourceName);
  if (!root.ok()) {
    out.status = root.status;
    return out;
  }
  const Status s = readTrainingScene(text, sourceName, root.value, out.value);
  // Errors of parseScene are located already ("path:line:col: ..."); reader errors are located here.
  if (!s.ok()) out.status = s.message().rfind(sourceName + ":", 0) == 0 ? s : locateSceneError(s, text, sourceName);
  return out;
}

Expected<TrainingScene> loadTrainingScene(const std::string& path) {
  const Expected<std::string> text = readTextFile(path);
  if (!text.ok()) return {text.status, TrainingScene{}};
  return parseTrainingScene(text.value, path);
}

Expected<Json> trainingSceneToJson(const TrainingScene& t) {
  Expected<Json> out{Status::okStatus(), Json::object()};
  const TrainerConfig& c = t.weights ? t.weights->config : t.config;
  if (t.weights) {
    const Expected<SceneFile> scene = checkpointScene(*t.weights);
    if (!scene.ok()) return {scene.status, Json()};
    Expected<Json> j = sceneToJson(scene.value);
    if (!j.ok()) return j;
    out.value = std::move(j.value);
  } else {
    out.value = Json{{"version", 1}, {"dim", 2}, {"training", trainingJson(c)}, {"optimizer", optimizerSettingsJson(c.adam)}};
    if (t.family) out.value["family"] = familyConfigJson(*t.family);
  }
  Json& j = out.value;
  // The reader takes "name" as the title when there is none: a scene without either must not
  // come back titled with the checkpoint's generated name (the training_scene fuzzer found it).
  if (t.title.empty()) j.erase("name");
  if (!t.title.empty()) j["title"] = t.title;
  if (t.chapter > 0) j["chapter"] = t.chapter;
  if (!t.description.empty()) j["description"] = t.description;
  const bool family = t.weights ? t.weights->family.has_value() : t.family.has_value();
  if (!family) j["training"]["architecture"] = architectureJson(c.model);
  return out;
}

Status saveTrainingScene(const TrainingScene& scene, const std::string& path) {
  const Expected<Json> j = trainingSceneToJson(scene);
  if (!j.ok()) return j.status;
  return writeFileAtomically(path, j.value.dump(2) + "\n");
}

std::string describeTrainingScene(const TrainingScene& t) {
  const TrainerConfig& c = t.config;
  char buf[512];
  std::string data = datasetName(c.data.kind);
  if (hasNoise(c.data.kind)) {
    std::snprintf(buf, sizeof buf, " (noise %g)", c.data.noise >= 0.0 ? c.data.noise : defaultNoise(c.data.kind));
    data += buf;
  }
  std::snprintf(buf, sizeof buf, "Adam lr %g (clip %g, betas %g/%g); %s schedule of %d steps (warm-up %d); batch %d, "
                "test %d, seed %llu",
                c.learningRate, c.adam.clipNorm, c.adam.beta1, c.adam.beta2, lrScheduleName(c.schedule.kind).c_str(),
                c.schedule.total, c.schedule.warmup, c.batch, c.testSize, static_cast<unsigned long long>(c.seed));
  const std::string weights =
      t.weights ? "trained weights at step " +
                      std::to_string(t.weights->family ? t.weights->familyState.step : t.weights->state.step)
                : std::string("no weights");
  const std::string model = t.family ? familyText(*t.family) : "RealNVP: " + architectureText(c.model);
  return data + "; " + model + "; " + buf + "; " + weights;
}

}  // namespace flowlab
