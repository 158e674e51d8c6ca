#include "core/train/checkpoint.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>

#include "core/scene/family_layers.h"
#include "core/train/checkpoint_fields.h"
#include "core/train/family_checkpoint.h"
#include "core/train/flow_export.h"
#include "core/train/training_points.h"

namespace flowlab {

namespace {

using checkpoint_fields::integer;
using checkpoint_fields::kMaxStep;
using checkpoint_fields::number;

Json floatsToJson(const VectorT<float>& v) {
  Json a = Json::array();
  for (Eigen::Index i = 0; i < v.size(); ++i) a.push_back(double(v(i)));
  return a;
}

// Moments and parameters are stored as decimals of floats: a value beyond float's range (or a
// negative second moment, whose square root is NaN) cannot have been saved by FlowLab.
Status readFloats(const Json& object, const char* key, const std::string& where, int size, bool nonNegative,
                  VectorT<float>& out) {
  if (!object.contains(key) || !object[key].is_array() || int(object[key].size()) != size)
    return Status::error(where + "/" + key + ": expected an array of " + std::to_string(size) + " numbers");
  out.resize(size);
  for (int i = 0; i < size; ++i) {
    const Json& e = object[key][i];
    if (!e.is_number()) return Status::error(where + "/" + key + ": entry " + std::to_string(i) + " is not a number");
    const double v = e.get<double>();
    if (!(std::abs(v) <= double(std::numeric_limits<float>::max())))
      return Status::error(where + "/" + key + ": entry " + std::to_string(i) + " is out of range of a float");
    if (nonNegative && v < 0.0)
      return Status::error(where + "/" + key + ": entry " + std::to_string(i) + " is negative (a second moment is >= 0)");
    out(i) = float(v);
  }
  return Status::okStatus();
}

// ---- Own points in the training block: "dataset": "points" with "points": [[x, y], ...] (raw,
// exact decimals). Kept apart from the other training fields on purpose.

Expected<Dataset> readOwnPoints(const Json& training, const std::string& name) {
  if (name != "points")
    return {Status::error("training/points: only with \"dataset\": \"points\" (got \"" + name + "\")"), Dataset()};
  if (!training.contains("points"))
    return {Status::error("training/points: missing (\"dataset\": \"points\" needs its points)"), Dataset()};
  const Expected<Batch> raw = trainingPointsFromJson(training["points"], "training/points");
  if (!raw.ok()) return {raw.status, Dataset()};
  Expected<Dataset> data = Dataset::fromPoints(raw.value);
  if (!data.ok()) data.status = data.status.withContext("training/points");
  return data;
}
// ---- end of own points

}  // namespace

Json trainingJson(const TrainerConfig& c) {
  Json t{{"dataset", c.data.points ? std::string("points") : datasetName(c.data.kind)},
              {"noise", c.data.noise},
              {"batch", c.batch},
              {"learning_rate", c.learningRate},
              {"schedule", lrScheduleName(c.schedule.kind)},
              {"warmup_steps", c.schedule.warmup},
              {"schedule_steps", c.schedule.total},
              {"final_lr_fraction", c.schedule.finalFraction},
              {"test_size", c.testSize},
              {"seed", c.seed},
              {"threads", c.threads},
              {"smoothing", c.trainNllSmoothing}};
  if (c.data.points) {  // own points: the raw points instead of a noise (read back by readOwnPoints)
    t.erase("noise");
    t["points"] = trainingPointsToJson(c.data.points->raw);
  }
  return t;
}

Json optimizerSettingsJson(const AdamConfig& a) {
  return Json{{"type", "adam"}, {"beta1", a.beta1}, {"beta2", a.beta2}, {"epsilon", a.epsilon}, {"clip_norm", a.clipNorm}};
}

Status readTrainingSettings(const Json& extras, TrainerConfig& c) {
  const Json& t = extras.contains("training") ? extras["training"] : Json::object();
  if (!t.is_object()) return Status::error("training: must be an object");
  if (t.contains("dataset") && !t["dataset"].is_string()) return Status::error("training/dataset: must be a string");
  const bool own = t.contains("points") || (t.contains("dataset") && t["dataset"] == "points");
  const std::string name = t.contains("dataset") ? t["dataset"].get<std::string>() : own ? "points" : "moons";
  double noise = -1.0;  // the dataset's default
  if (Status s = number(t, "noise", "training", [](double v) { return v == -1.0 || (v >= 0.0 && v <= 1.0); },
                        "in [0.005, 1]", noise);
      !s.ok())
    return s;
  if (own) {
    const Expected<Dataset> points = readOwnPoints(t, name);
    if (!points.ok()) return points.status;
    c.data = points.value.spec();
  }
  // Checkpoints write the noise as used, 0 for a dataset without one (checkerboard, pinwheel),
  // which Dataset::make refuses as a value: it means the default there.
  const auto& names = datasetNames();
  const auto known = std::find(names.begin(), names.end(), name);
  if (noise == 0.0 && known != names.end() && !hasNoise(DatasetKind(known - names.begin()))) noise = -1.0;
  if (!own) {
    const Expected<Dataset> data = Dataset::make(name, noise);
    if (!data.ok()) return data.status.withContext("training/dataset");
    c.data = data.value.spec();
  }
  const int kMaxInt = std::numeric_limits<int>::max();
  auto positive = [](double v) { return v > 0.0 && std::isfinite(v); };
  auto unit = [](double v) { return v >= 0.0 && v <= 1.0; };
  for (const Status& s : {integer(t, "batch", "training", 0, kMaxInt, c.batch),
                          number(t, "learning_rate", "training", positive, "a positive number", c.learningRate),
                          integer(t, "warmup_steps", "training", 0, kMaxInt, c.schedule.warmup),
                          integer(t, "schedule_steps", "training", 1, kMaxInt, c.schedule.total),
                          // f < 0 would end the schedule at a negative rate (training uphill), f > 1 above the peak.
                          number(t, "final_lr_fraction", "training", unit, "in [0, 1]", c.schedule.finalFraction),
                          integer(t, "test_size", "training", 0, kMaxInt, c.testSize),
                          integer(t, "threads", "training", 0, kMaxInt, c.threads),
                          number(t, "smoothing", "training", unit, "in (0, 1]", c.trainNllSmoothing)})
    if (!s.ok()) return s;
  if (t.contains("schedule")) {
    const auto kind = t["schedule"].is_string() ? lrScheduleFromName(t["schedule"].get<std::string>()) : std::nullopt;
    if (!kind) return Status::error("training/schedule: must be \"cosine\" or \"constant\"");
    c.schedule.kind = *kind;
  }
  c.seed = 0;
  if (t.contains("seed")) {
    if (!t["seed"].is_number_unsigned()) return Status::error("training/seed: must be a non-negative integer");
    c.seed = t["seed"].get<std::uint64_t>();
  }
  if (!extras.contains("optimizer")) return Status::okStatus();
  const Json& o = extras["optimizer"];
  if (!o.is_object()) return Status::error("optimizer: must be an object");
  // Adam needs 0 <= beta < 1 (beta = 1 divides by 1 - beta^t = 0) and epsilon > 0.
  auto belowOne = [](double v) { return v >= 0.0 && v < 1.0; };
  auto epsilon = [](double v) { return v > 0.0 && v <= 1.0; };
  auto clip = [](double v) { return v >= 0.0 && std::isfinite(v); };
  for (const Status& s : {number(o, "beta1", "optimizer", belowOne, "in [0, 1)", c.adam.beta1),
                          number(o, "beta2", "optimizer", belowOne, "in [0, 1)", c.adam.beta2),
                          number(o, "epsilon", "optimizer", epsilon, "in (0, 1]", c.adam.epsilon),
                          number(o, "clip_norm", "optimizer", clip, ">= 0; 0 = no clipping", c.adam.clipNorm)})
    if (!s.ok()) return s;
  return Status::okStatus();
}

Expected<SceneFile> checkpointScene(const Trainer& trainer) {
  Checkpoint cp;
  cp.config = trainer.config();
  cp.state = trainer.state();
  cp.config.data = trainer.dataset().spec();  // the noise as used (never "the default")
  return checkpointScene(cp);
}

Expected<SceneFile> checkpointScene(const Checkpoint& cp) {
  if (cp.family) return familyCheckpointScene(cp);
  const TrainerConfig& c = cp.config;
  const TrainerState& s = cp.state;
  SceneFile scene;
  scene.dim = 2;
  scene.flow = exportRealNvp(c.model, std::vector<float>(s.params.data(), s.params.data() + s.params.size()));
  scene.name = "RealNVP on " +
               (c.data.points ? std::to_string(c.data.points->raw.rows()) + " own points" : datasetName(c.data.kind)) +
               " (standardized coordinates)";
  scene.view.xMin = scene.view.yMin = -3.0;
  scene.view.xMax = scene.view.yMax = 3.0;
  scene.extras["step"] = s.step;
  Json optimizer = optimizerSettingsJson(c.adam);
  optimizer["lr_scale"] = s.lrScale;
  optimizer["non_finite_events"] = s.nonFiniteEvents;
  optimizer["train_nll_ema"] = s.emaRaw;
  optimizer["m"] = floatsToJson(s.adam.m);
  optimizer["v"] = floatsToJson(s.adam.v);
  scene.extras["optimizer"] = std::move(optimizer);
  scene.extras["training"] = trainingJson(c);
  return {Status::okStatus(), std::move(scene)};
}

Expected<std::string> checkpointText(const Trainer& trainer) {
  const Expected<SceneFile> scene = checkpointScene(trainer);
  if (!scene.ok()) return {scene.status, std::string()};
  const Expected<Json> j = sceneToJson(scene.value);
  if (!j.ok()) return {j.status, std::string()};
  return {Status::okStatus(), j.value.dump(2) + "\n"};
}

Status saveCheckpoint(const Trainer& trainer, const std::string& path) {
  const Expected<SceneFile> scene = checkpointScene(trainer);
  return scene.ok() ? saveSceneFile(scene.value, path) : scene.status;
}

Expected<Checkpoint> readCheckpoint(const SceneFile& scene) {
  Checkpoint out;
  if (isFamilyScene(scene)) return readFamilyCheckpoint(scene);
  const Expected<ImportedRealNvp> model = importRealNvp(scene.flow);
  if (!model.ok()) return {model.status.withContext("not a trainable RealNVP"), out};
  out.config.model = model.value.config;
  const int count = int(model.value.params.size());
  out.state.params = Eigen::Map<const VectorT<float>>(model.value.params.data(), count);

  if (Status st = readTrainingSettings(scene.extras, out.config); !st.ok()) return {st, out};
  TrainerConfig& c = out.config;
  const int kMaxInt = std::numeric_limits<int>::max();
  auto finite = [](double v) { return std::isfinite(v); };
  out.state.adam.reset(count);
  if (scene.extras.contains("optimizer")) {
    const Json& o = scene.extras["optimizer"];
    auto scale = [](double v) { return v > 0.0 && v <= 1.0; };
    for (const Status& s : {// The product of the halvings so far: in (0, 1]; -1 would train uphill.
                            number(o, "lr_scale", "optimizer", scale, "in (0, 1]", out.state.lrScale),
                            integer(o, "non_finite_events", "optimizer", 0, kMaxInt, out.state.nonFiniteEvents),
                            number(o, "train_nll_ema", "optimizer", finite, "finite", out.state.emaRaw),
                            integer(scene.extras, "step", "", 0, kMaxStep, out.state.step)})
      if (!s.ok()) return {s, out};
    if (Status s = readFloats(o, "m", "optimizer", count, false, out.state.adam.m); !s.ok()) return {s, out};
    if (Status s = readFloats(o, "v", "optimizer", count, true, out.state.adam.v); !s.ok()) return {s, out};
  }
  out.state.adam.step = out.state.step;
  if (Status s = validateTrainerConfig(c); !s.ok()) return {s.withContext("training"), out};
  return {Status::okStatus(), out};
}

Expected<std::unique_ptr<Trainer>> loadCheckpoint(const std::string& path) {
  const Expected<SceneFile> scene = loadSceneFile(path);
  if (!scene.ok()) return {scene.status, nullptr};
  const Expected<Checkpoint> cp = readCheckpoint(scene.value);
  if (!cp.ok()) return {cp.status.withContext(path), nullptr};
  Expected<std::unique_ptr<Trainer>> trainer = trainerFromCheckpoint(cp.value);
  if (!trainer.ok()) trainer.status = trainer.status.withContext(path);
  return trainer;
}

Expected<std::unique_ptr<Trainer>> trainerFromCheckpoint(const Checkpoint& cp) {
  if (cp.family) return {Status::error("a " + familyName(cp.family->kind) + " model trains with FamilyTrainer (family_checkpoint.h)"), nullptr};
  auto trainer = std::make_unique<Trainer>(cp.config);
  if (Status s = trainer->restore(cp.state); !s.ok()) return {s, nullptr};
  return {Status::okStatus(), std::move(trainer)};
}

}  // namespace flowlab
