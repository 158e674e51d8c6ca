#include "core/train/family_checkpoint.h"

#include <cmath>
#include <limits>

#include "core/scene/family_layers.h"
#include "core/train/checkpoint_fields.h"
#include "core/train/run_engine.h"

namespace flowlab {
namespace {

using checkpoint_fields::integer;
using checkpoint_fields::kMaxStep;
using checkpoint_fields::number;

Json doublesToJson(const Vector& v) { return Json(std::vector<double>(v.data(), v.data() + v.size())); }

// Moments as written: finite doubles; a negative second moment (whose square root is NaN) cannot
// have been saved by FlowLab.
Status readDoubles(const Json& object, const char* key, const std::string& where, int size, bool nonNegative,
                   Vector& out) {
  if (!object.contains(key) || !object[key].is_array() || int(object[key].size()) != size)
    return Status::error(where + "/" + key + ": expected an array of " + std::to_string(size) + " numbers" +
                         (object.contains(key) && object[key].is_array()
                              ? ", got " + std::to_string(object[key].size())
                              : std::string()));
  out.resize(size);
  for (int i = 0; i < size; ++i) {
    const Json& e = object[key][i];
    const std::string at = where + "/" + key + "/" + std::to_string(i);
    if (!e.is_number() || !std::isfinite(e.get<double>()))
      return Status::error(at + ": must be a finite number, got " + e.dump());
    if (nonNegative && e.get<double>() < 0.0) return Status::error(at + ": is negative (a second moment is >= 0)");
    out(i) = e.get<double>();
  }
  return Status::okStatus();
}

}  // namespace

TrainerConfig sharedTrainerConfig(const FamilyTrainerConfig& f) {
  TrainerConfig c;
  c.data = f.data;
  c.batch = f.batch;
  c.learningRate = f.learningRate;
  c.schedule = f.schedule;
  c.adam = f.adam;
  c.testSize = f.testSize;
  c.seed = f.seed;
  c.trainNllSmoothing = f.trainNllSmoothing;
  return c;
}

Checkpoint familyCheckpoint(const FamilyTrainer& trainer) {
  Checkpoint cp;
  cp.config = sharedTrainerConfig(trainer.config());
  cp.config.data = trainer.dataset().spec();  // the noise as used
  cp.family = trainer.config().flow;
  cp.familyState = trainer.state();
  return cp;
}

Expected<SceneFile> familyCheckpointScene(const Checkpoint& cp) {
  const TrainerConfig& c = cp.config;
  const FamilyTrainerState& s = cp.familyState;
  const int count = makeFamilyFlow(*cp.family).paramCount();
  if (s.params.size() != count || s.adam.m.size() != count || s.adam.v.size() != count)
    return {Status::error("expected " + std::to_string(count) + " parameters and moments, got " +
                          std::to_string(s.params.size())),
            SceneFile{}};
  SceneFile scene = familyScene(*cp.family, s.params);
  scene.name = familyName(cp.family->kind) + " on " +
               (c.data.points ? std::to_string(c.data.points->raw.rows()) + " own points" : datasetName(c.data.kind)) +
               " (standardized coordinates)";
  scene.view.xMin = scene.view.yMin = -3.0;
  scene.view.xMax = scene.view.yMax = 3.0;
  scene.extras["step"] = s.step;
  Json optimizer = optimizerSettingsJson(c.adam);
  optimizer["lr_scale"] = s.lrScale;
  optimizer["non_finite_events"] = s.nonFiniteEvents;
  optimizer["train_nll_ema"] = s.emaRaw;
  optimizer["m"] = doublesToJson(s.adam.m);
  optimizer["v"] = doublesToJson(s.adam.v);
  scene.extras["optimizer"] = std::move(optimizer);
  scene.extras["training"] = trainingJson(c);
  return {Status::okStatus(), std::move(scene)};
}

Expected<std::string> familyCheckpointText(const FamilyTrainer& trainer) {
  const Expected<SceneFile> scene = familyCheckpointScene(familyCheckpoint(trainer));
  if (!scene.ok()) return {scene.status, std::string()};
  const Expected<Json> j = sceneToJson(scene.value);
  if (!j.ok()) return {j.status, std::string()};
  return {Status::okStatus(), j.value.dump(2) + "\n"};
}

Expected<Checkpoint> readFamilyCheckpoint(const SceneFile& scene) {
  Checkpoint out;
  const Expected<FamilyModel> model = familyModelOf(scene);
  if (!model.ok()) return {model.status, out};
  out.family = model.value.config;
  FamilyTrainerState& st = out.familyState;
  st.params = model.value.params;
  const int count = int(st.params.size());
  if (Status s = readTrainingSettings(scene.extras, out.config); !s.ok()) return {s, out};
  const int kMaxInt = std::numeric_limits<int>::max();
  auto finite = [](double v) { return std::isfinite(v); };
  auto scale = [](double v) { return v > 0.0 && v <= 1.0; };
  st.adam.reset(count);
  if (Status s = integer(scene.extras, "step", "", 0, kMaxStep, st.step); !s.ok()) return {s, out};
  if (scene.extras.contains("optimizer")) {
    const Json& o = scene.extras["optimizer"];
    for (const Status& s : {// The product of the halvings so far: in (0, 1]; -1 would train uphill.
                            number(o, "lr_scale", "optimizer", scale, "in (0, 1]", st.lrScale),
                            integer(o, "non_finite_events", "optimizer", 0, kMaxInt, st.nonFiniteEvents),
                            number(o, "train_nll_ema", "optimizer", finite, "finite", st.emaRaw)})
      if (!s.ok()) return {s, out};
    if (Status s = readDoubles(o, "m", "optimizer", count, false, st.adam.m); !s.ok()) return {s, out};
    if (Status s = readDoubles(o, "v", "optimizer", count, true, st.adam.v); !s.ok()) return {s, out};
  }
  st.adam.step = st.step;
  if (Status s = validateFamilyTrainerConfig(familyTrainerConfig(out.config, *out.family)); !s.ok())
    return {s.withContext("training"), out};
  return {Status::okStatus(), out};
}

Expected<std::unique_ptr<FamilyTrainer>> familyTrainerFromCheckpoint(const Checkpoint& cp) {
  if (!cp.family) return {Status::error("not a flow-family checkpoint"), nullptr};
  const FamilyTrainerConfig config = familyTrainerConfig(cp.config, *cp.family);
  if (Status s = validateFamilyTrainerConfig(config); !s.ok()) return {s, nullptr};
  auto trainer = std::make_unique<FamilyTrainer>(config);
  if (Status s = trainer->restore(cp.familyState); !s.ok()) return {s, nullptr};
  return {Status::okStatus(), std::move(trainer)};
}

}  // namespace flowlab
