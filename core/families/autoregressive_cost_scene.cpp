#include "core/families/autoregressive_cost_scene.h"

namespace flowlab {

namespace {

const std::string kWhere = std::string("/") + kMafVsIafField;

// "<pointer>: maf_vs_iaf/key: reason": the reason names the field even after the scene loader has
// turned the pointer into line:column (as training scenes' "training/batch: ..." do).
Status fieldError(const std::string& pointer, const std::string& reason) {
  return jsonError(pointer, pointer.substr(1) + ": " + reason);
}

Status readIntField(const Json& b, const char* key, int lo, int hi, int& out) {
  if (!b.contains(key)) return Status::okStatus();
  const Expected<int> v = readInt(b, key, kWhere);
  if (!v.ok()) return v.status;
  if (v.value < lo || v.value > hi)
    return fieldError(childPointer(kWhere, key), "must be in [" + std::to_string(lo) + ", " + std::to_string(hi) +
                                                     "], got " + std::to_string(v.value));
  out = v.value;
  return Status::okStatus();
}

Status readDims(const Json& b, std::vector<int>& dims) {
  if (!b.contains("dims")) return Status::okStatus();
  const Json& a = b["dims"];
  const std::string where = childPointer(kWhere, "dims");
  if (!a.is_array() || a.empty() || a.size() > 16)
    return fieldError(where, "must be an array of 1 to 16 dimensions, e.g. [2, 4, 8, 16]");
  dims.clear();
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::optional<int> d = intValue(a[i]);
    if (!d || *d < 2 || *d > 64)
      return fieldError(childPointer(where, int(i)), "a dimension must be an integer in [2, 64], got " + a[i].dump());
    dims.push_back(*d);
  }
  return Status::okStatus();
}

}  // namespace

Expected<MafVsIafScene> readMafVsIafBlock(const Json& b) {
  Expected<MafVsIafScene> out;
  if (Status s = requireObject(b, kWhere, std::string("\"") + kMafVsIafField + "\""); !s.ok()) return {s, {}};
  if (Status s = checkKeys(b, {"dims", "layers", "hidden", "depth", "train_steps", "batch", "learning_rate", "points",
                               "chunk", "test_size", "seed", "autostart"},
                           kWhere);
      !s.ok())
    return {s, {}};
  AutoregressiveCostConfig& c = out.value.config;
  int seed = 0;
  for (const Status& s : {readDims(b, c.dims), readIntField(b, "layers", 1, 16, c.layers),
                          readIntField(b, "hidden", 2, 256, c.hidden), readIntField(b, "depth", 1, 4, c.depth),
                          readIntField(b, "train_steps", 0, 100000, c.trainSteps),
                          readIntField(b, "batch", 2, 65536, c.batch), readIntField(b, "points", 1, 1000000, c.points),
                          readIntField(b, "chunk", 1, 100000, c.chunk),
                          readIntField(b, "test_size", 1, 1000000, c.testSize),
                          readIntField(b, "seed", 0, 2147483647, seed)})
    if (!s.ok()) return {s, {}};
  c.seed = std::uint64_t(seed);
  if (b.contains("learning_rate")) {
    const Expected<double> lr = readNumber(b, "learning_rate", kWhere);
    if (!lr.ok()) return {lr.status, {}};
    if (!(lr.value > 0.0 && lr.value < 1.0))
      return {fieldError(childPointer(kWhere, "learning_rate"), "must be in (0, 1)"), {}};
    c.learningRate = lr.value;
  }
  const Expected<bool> autostart = readBool(b, "autostart", kWhere, true);
  if (!autostart.ok()) return {autostart.status, {}};
  out.value.autostart = autostart.value;
  if (Status s = validateAutoregressiveCostConfig(c); !s.ok()) return {fieldError(kWhere, s.message()), {}};
  return out;
}

Expected<std::optional<MafVsIafScene>> readMafVsIafScene(const Json& scene) {
  if (!scene.is_object() || !scene.contains(kMafVsIafField)) return {};
  const Expected<MafVsIafScene> block = readMafVsIafBlock(scene[kMafVsIafField]);
  if (!block.ok()) return {block.status, std::nullopt};
  return {Status::okStatus(), block.value};
}

}  // namespace flowlab
