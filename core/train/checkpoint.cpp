#include "core/train/checkpoint.h"

#include "core/train/flow_export.h"

namespace flowlab {

namespace {

Json floatsToJson(const VectorT<float>& v) {
  Json a = Json::array();
  for (Eigen::Index i = 0; i < v.size(); ++i) a.push_back(double(v(i)));
  return a;
}

Status readFloats(const Json& object, const char* key, const std::string& where, int size, VectorT<float>& out) {
  if (!object.contains(key) || !object[key].is_array() || int(object[key].size()) != size)
    return Status::error(where + "/" + key + ": expected an array of " + std::to_string(size) + " numbers");
  out.resize(size);
  for (int i = 0; i < size; ++i) {
    if (!object[key][i].is_number()) return Status::error(where + "/" + key + ": entry " + std::to_string(i) + " is not a number");
    out(i) = float(object[key][i].get<double>());
  }
  return Status::okStatus();
}

// A number field with a default (older or hand-written scenes may omit training settings).
double number(const Json& object, const char* key, double fallback) {
  return object.contains(key) && object[key].is_number() ? object[key].get<double>() : fallback;
}

}  // namespace

Expected<SceneFile> checkpointScene(const Trainer& trainer) {
  const TrainerConfig& c = trainer.config();
  const TrainerState& s = trainer.state();
  SceneFile scene;
  scene.dim = 2;
  scene.flow = exportRealNvp(c.model, std::vector<float>(s.params.data(), s.params.data() + s.params.size()));
  scene.name = "RealNVP on " + trainer.dataset().name() + " (standardized coordinates)";
  scene.view.xMin = scene.view.yMin = -3.0;
  scene.view.xMax = scene.view.yMax = 3.0;
  scene.extras["step"] = s.step;
  scene.extras["optimizer"] = Json{{"type", "adam"},
                                   {"beta1", c.adam.beta1},
                                   {"beta2", c.adam.beta2},
                                   {"epsilon", c.adam.epsilon},
                                   {"clip_norm", c.adam.clipNorm},
                                   {"lr_scale", s.lrScale},
                                   {"non_finite_events", s.nonFiniteEvents},
                                   {"train_nll_ema", s.emaRaw},
                                   {"m", floatsToJson(s.adam.m)},
                                   {"v", floatsToJson(s.adam.v)}};
  scene.extras["training"] = Json{{"dataset", trainer.dataset().name()},
                                  {"noise", trainer.dataset().spec().noise},
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
  return {Status::okStatus(), std::move(scene)};
}

Status saveCheckpoint(const Trainer& trainer, const std::string& path) {
  const Expected<SceneFile> scene = checkpointScene(trainer);
  return scene.ok() ? saveSceneFile(scene.value, path) : scene.status;
}

Expected<Checkpoint> readCheckpoint(const SceneFile& scene) {
  Checkpoint out;
  const Expected<ImportedRealNvp> model = importRealNvp(scene.flow);
  if (!model.ok()) return {model.status.withContext("not a trainable RealNVP"), out};
  out.config.model = model.value.config;
  const int count = int(model.value.params.size());
  out.state.params = Eigen::Map<const VectorT<float>>(model.value.params.data(), count);

  const Json& t = scene.extras.contains("training") ? scene.extras["training"] : Json::object();
  const std::string name = t.contains("dataset") && t["dataset"].is_string() ? t["dataset"].get<std::string>() : "moons";
  const Expected<Dataset> data = Dataset::make(name, number(t, "noise", -1.0));
  if (!data.ok()) return {data.status.withContext("training/dataset"), out};
  TrainerConfig& c = out.config;
  c.data = data.value.spec();
  c.batch = int(number(t, "batch", c.batch));
  c.learningRate = number(t, "learning_rate", c.learningRate);
  if (t.contains("schedule") && t["schedule"].is_string()) {
    const auto kind = lrScheduleFromName(t["schedule"].get<std::string>());
    if (!kind) return {Status::error("training/schedule: must be \"cosine\" or \"constant\""), out};
    c.schedule.kind = *kind;
  }
  c.schedule.warmup = int(number(t, "warmup_steps", c.schedule.warmup));
  c.schedule.total = int(number(t, "schedule_steps", c.schedule.total));
  c.schedule.finalFraction = number(t, "final_lr_fraction", c.schedule.finalFraction);
  c.testSize = int(number(t, "test_size", c.testSize));
  c.seed = t.contains("seed") && t["seed"].is_number_unsigned() ? t["seed"].get<std::uint64_t>() : 0;
  c.threads = int(number(t, "threads", c.threads));
  c.trainNllSmoothing = number(t, "smoothing", c.trainNllSmoothing);

  out.state.adam.reset(count);
  if (scene.extras.contains("optimizer")) {
    const Json& o = scene.extras["optimizer"];
    c.adam.beta1 = number(o, "beta1", c.adam.beta1);
    c.adam.beta2 = number(o, "beta2", c.adam.beta2);
    c.adam.epsilon = number(o, "epsilon", c.adam.epsilon);
    c.adam.clipNorm = number(o, "clip_norm", c.adam.clipNorm);
    out.state.lrScale = number(o, "lr_scale", 1.0);
    out.state.nonFiniteEvents = int(number(o, "non_finite_events", 0));
    out.state.emaRaw = number(o, "train_nll_ema", 0.0);
    if (Status s = readFloats(o, "m", "optimizer", count, out.state.adam.m); !s.ok()) return {s, out};
    if (Status s = readFloats(o, "v", "optimizer", count, out.state.adam.v); !s.ok()) return {s, out};
    out.state.step = (long long)number(scene.extras, "step", 0);
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
  auto trainer = std::make_unique<Trainer>(cp.value.config);
  if (Status s = trainer->restore(cp.value.state); !s.ok()) return {s.withContext(path), nullptr};
  return {Status::okStatus(), std::move(trainer)};
}

}  // namespace flowlab
