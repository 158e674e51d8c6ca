#include "core/scene/family_layers.h"

#include <cmath>
#include <memory>

#include "core/families/layer_bijector.h"

namespace flowlab {
namespace {

constexpr double kMaxWeights = double(1 << 26);

bool usesConditionerMlp(FamilyKind k) { return k != FamilyKind::Cnf; }  // depth, activation
bool usesLogScaleBound(FamilyKind k) {
  return k == FamilyKind::RealNvp || k == FamilyKind::Glow || k == FamilyKind::Maf || k == FamilyKind::Iaf;
}

// Which kinds a field belongs to, for the message refusing it elsewhere.
struct Field {
  const char* key;
  bool (*usedBy)(FamilyKind);
  const char* kinds;
};
const Field kFields[] = {
    {"kind", [](FamilyKind) { return true; }, "every kind"},
    {"dim", [](FamilyKind) { return true; }, "every kind"},
    {"layers", [](FamilyKind) { return true; }, "every kind"},
    {"hidden", [](FamilyKind) { return true; }, "every kind"},
    {"depth", usesConditionerMlp, "every kind but cnf"},
    {"activation", usesConditionerMlp, "every kind but cnf"},
    {"log_scale_bound", usesLogScaleBound, "realnvp, glow, maf and iaf"},
    {"bins", [](FamilyKind k) { return k == FamilyKind::Nsf; }, "nsf"},
    {"bound", [](FamilyKind k) { return k == FamilyKind::Nsf; }, "nsf"},
    {"solver_steps", [](FamilyKind k) { return k == FamilyKind::Cnf; }, "cnf"},
};

// A field error: the pointer for line:col, and the field's name (pointer without the leading '/')
// in the reason, so the message names it wherever it is printed.
Status fieldError(const std::string& pointer, const std::string& reason) {
  return jsonError(pointer, pointer.substr(1) + ": " + reason);
}

Status readIntField(const Json& b, const char* key, const std::string& where, int lo, int hi, int& out) {
  if (!b.contains(key)) return Status::okStatus();
  const std::string at = childPointer(where, key);
  const std::optional<int> v = intValue(b[key]);
  if (!v) return fieldError(at, "must be an integer, got " + b[key].dump());
  if (*v < lo || *v > hi)
    return fieldError(at, "must be in [" + std::to_string(lo) + ", " + std::to_string(hi) + "], got " + std::to_string(*v));
  out = *v;
  return Status::okStatus();
}

// A number in (0, hi].
Status readPositive(const Json& b, const char* key, const std::string& where, double hi, double& out) {
  if (!b.contains(key)) return Status::okStatus();
  const std::string at = childPointer(where, key);
  if (!b[key].is_number()) return fieldError(at, "must be a number, got " + b[key].dump());
  const double v = b[key].get<double>();
  if (!(v > 0.0 && v <= hi)) return fieldError(at, "must be in (0, " + Json(hi).dump() + "], got " + b[key].dump());
  out = v;
  return Status::okStatus();
}

std::string stackText(const FamilyConfig& c, const TrainableFlow& stack) {
  return familyName(c.kind) + " with " + std::to_string(c.layers) + " layers (" + std::to_string(stack.layerCount()) +
         " trainable layers, " + std::to_string(stack.paramCount()) + " parameters)";
}

}  // namespace

FamilyConfig canonicalFamilyConfig(FamilyConfig c) {
  const FamilyConfig d;
  if (!usesConditionerMlp(c.kind)) c.depth = d.depth, c.activation = d.activation;
  if (!usesLogScaleBound(c.kind)) c.logScaleBound = d.logScaleBound;
  if (c.kind != FamilyKind::Nsf) c.bins = d.bins, c.bound = d.bound;
  if (c.kind != FamilyKind::Cnf) c.solverSteps = d.solverSteps;
  return c;
}

Json familyConfigJson(const FamilyConfig& c) {
  Json j{{"kind", familyName(c.kind)}, {"dim", c.dim}, {"layers", c.layers}, {"hidden", c.hidden}};
  if (usesConditionerMlp(c.kind)) {
    j["depth"] = c.depth;
    j["activation"] = activationName(c.activation);
  }
  if (usesLogScaleBound(c.kind)) j["log_scale_bound"] = c.logScaleBound;
  if (c.kind == FamilyKind::Nsf) {
    j["bins"] = c.bins;
    j["bound"] = c.bound;
  }
  if (c.kind == FamilyKind::Cnf) j["solver_steps"] = c.solverSteps;
  return j;
}

Expected<FamilyConfig> readFamilyConfig(const Json& b, int dim, const std::string& where) {
  Expected<FamilyConfig> out;
  FamilyConfig& c = out.value;
  auto fail = [&](const Status& s) {
    out.status = s;
    return out;
  };
  if (!b.is_object()) return fail(fieldError(where, "must be an object {\"kind\": ..., \"layers\": ..., ...}"));
  if (!b.contains("kind")) return fail(fieldError(where, "missing field \"kind\""));
  const std::optional<FamilyKind> kind = b["kind"].is_string() ? familyFromName(b["kind"].get<std::string>()) : std::nullopt;
  if (!kind) {
    std::string names;
    for (const std::string& n : familyNames()) names += (names.empty() ? "" : ", ") + n;
    return fail(fieldError(childPointer(where, "kind"), "must be one of " + names + ", got " + b["kind"].dump()));
  }
  c.kind = *kind;
  for (auto it = b.begin(); it != b.end(); ++it) {
    const Field* field = nullptr;
    for (const Field& f : kFields)
      if (it.key() == f.key) field = &f;
    const std::string at = childPointer(where, it.key());
    if (!field) {
      std::string known;
      for (const Field& f : kFields) known += (known.empty() ? "" : ", ") + std::string(f.key);
      return fail(fieldError(at, "unknown field (expected: " + known + ")"));
    }
    if (!field->usedBy(c.kind))
      return fail(fieldError(at, "a " + familyName(c.kind) + " has no \"" + it.key() + "\" (it is for " + field->kinds + ")"));
  }
  c.dim = dim;
  for (const Status& s : {readIntField(b, "dim", where, 2, 64, c.dim), readIntField(b, "layers", where, 1, 64, c.layers),
                          readIntField(b, "hidden", where, 1, 1024, c.hidden),
                          readIntField(b, "depth", where, 1, 8, c.depth), readIntField(b, "bins", where, 2, 64, c.bins),
                          readIntField(b, "solver_steps", where, 1, 256, c.solverSteps),
                          readPositive(b, "log_scale_bound", where, 20.0, c.logScaleBound),
                          readPositive(b, "bound", where, 100.0, c.bound)})
    if (!s.ok()) return fail(s);
  if (c.dim != dim)
    return fail(fieldError(childPointer(where, "dim"), "is " + std::to_string(c.dim) + " but the scene is " +
                                                           std::to_string(dim) + "D"));
  if (b.contains("activation")) {
    const auto a = b["activation"].is_string() ? activationFromName(b["activation"].get<std::string>()) : std::nullopt;
    if (!a) return fail(fieldError(childPointer(where, "activation"), "must be \"tanh\" or \"relu\", got " + b["activation"].dump()));
    c.activation = *a;
  }
  if (Status s = validateFamilyConfig(c); !s.ok()) return fail(fieldError(where, s.message()));
  // Building the stack allocates its masks and workspaces: a few bytes of JSON must not ask for
  // gigabytes (64 layers of depth 8 at width 1024 would).
  const double weights = double(c.layers) * double(c.depth) * double(c.hidden) * double(c.hidden);
  if (weights > kMaxWeights)
    return fail(fieldError(where, "layers × depth × hidden² = " + Json(weights).dump() + " is more than a scene may hold (" +
                                      Json(kMaxWeights).dump() + ")"));
  return out;
}

SceneFile familyScene(const FamilyConfig& config, const Vector& params) {
  SceneFile scene;
  scene.dim = config.dim;
  scene.flow = toCoreFlow(makeFamilyFlow(config), params.data());
  scene.extras["family"] = familyConfigJson(config);
  return scene;
}

SceneFile reversedFamilyScene(const FamilyConfig& config, const Vector& params) {
  SceneFile scene;
  scene.dim = config.dim;
  scene.flow = toReversedCoreFlow(makeFamilyFlow(config), params.data());
  scene.extras["family"] = familyConfigJson(config);
  scene.extras["family_direction"] = "reversed";
  return scene;
}

Expected<bool> familyDirectionReversed(const Json& root) {
  if (!root.contains("family_direction")) return {Status::okStatus(), false};
  const Json& d = root["family_direction"];
  if (d == "forward" || d == "reversed") return {Status::okStatus(), d == "reversed"};
  return {fieldError("/family_direction", "must be \"forward\" or \"reversed\", got " + d.dump()), false};
}

Status readFamilyLayers(const Json& root, SceneFile& scene) {
  const Expected<FamilyConfig> config = readFamilyConfig(root["family"], scene.dim);
  if (!config.ok()) return config.status;
  if (!root.contains("layers")) return fieldError("/layers", "missing (a family model lists its trainable layers)");
  const Json& layers = root["layers"];
  const TrainableFlow stack = makeFamilyFlow(config.value);
  if (!layers.is_array() || int(layers.size()) != stack.layerCount())
    return fieldError("/layers", "expected an array of " + std::to_string(stack.layerCount()) + " layers for a " +
                                     stackText(config.value, stack) + ", got " +
                                     (layers.is_array() ? std::to_string(layers.size()) : layers.type_name()));
  // Types and counts first: the parameter vector is allocated only for layers that hold it all.
  for (int k = 0; k < stack.layerCount(); ++k) {
    const std::string where = childPointer("/layers", k);
    const Json& layer = layers[k];
    const TrainableLayer& expected = stack.layer(k);
    if (!layer.is_object()) return fieldError(where, "must be an object {\"type\": ..., \"parameters\": [...]}");
    if (Status s = checkKeys(layer, {"type", "parameters", "enabled", "note"}, where); !s.ok())
      return fieldError(splitJsonError(s.message()).first, splitJsonError(s.message()).second);
    if (!layer.contains("type") || layer["type"] != expected.type())
      return fieldError(layer.contains("type") ? childPointer(where, "type") : where,
                        "expected \"" + expected.type() + "\" (layer " + std::to_string(k + 1) + " of a " +
                            stackText(config.value, stack) + "), got " + (layer.contains("type") ? layer["type"].dump() : "none"));
    const int count = expected.paramCount();
    if (!layer.contains("parameters") || !layer["parameters"].is_array() || int(layer["parameters"].size()) != count)
      return fieldError(layer.contains("parameters") ? childPointer(where, "parameters") : where,
                        "expected " + std::to_string(count) + " numbers (" + expected.type() + "), got " +
                            (!layer.contains("parameters")  ? std::string("none")
                             : layer["parameters"].is_array() ? std::to_string(layer["parameters"].size())
                                                              : std::string(layer["parameters"].type_name())));
  }
  const Expected<bool> reversed = familyDirectionReversed(root);
  if (!reversed.ok()) return reversed.status;
  Vector params(stack.paramCount());
  std::vector<bool> enabledFlags(stack.layerCount(), true);
  Flow flow(config.value.dim);
  for (int k = 0; k < stack.layerCount(); ++k) {
    const std::string where = childPointer("/layers", k);
    const std::string at = childPointer(where, "parameters");
    const Json& p = layers[k]["parameters"];
    for (int i = 0; i < stack.layer(k).paramCount(); ++i) {
      if (!p[i].is_number()) return fieldError(childPointer(at, i), "must be a finite number, got " + p[i].dump());
      const double v = p[i].get<double>();
      if (!std::isfinite(v)) return fieldError(childPointer(at, i), "must be a finite number, got " + p[i].dump());
      params(stack.offset(k) + i) = v;
    }
    const Expected<bool> enabled = readBool(layers[k], "enabled", where, true);
    if (!enabled.ok()) return enabled.status;
    enabledFlags[k] = enabled.value;
  }
  // A reversed model's flow is the stack run backwards (its sampler is the stack's density pass).
  for (int i = 0; i < stack.layerCount(); ++i) {
    const int k = reversed.value ? stack.layerCount() - 1 - i : i;
    flow.append(std::make_unique<TrainedLayerBijector>(stack.layer(k), params.data() + stack.offset(k), reversed.value),
                enabledFlags[k]);
  }
  scene.flow = std::move(flow);
  return Status::okStatus();
}

Expected<Json> writeFamilyLayers(const SceneFile& scene) {
  Expected<Json> out{Status::okStatus(), Json::array()};
  const Expected<FamilyConfig> config = readFamilyConfig(scene.extras.at("family"), scene.flow.dim());
  if (!config.ok()) return {config.status, Json()};
  const TrainableFlow stack = makeFamilyFlow(config.value);
  if (scene.flow.layerCount() != stack.layerCount())
    return {Status::error("the flow has " + std::to_string(scene.flow.layerCount()) + " layers, the \"family\" block's " +
                          stackText(config.value, stack) + " has " + std::to_string(stack.layerCount())),
            Json()};
  const Expected<bool> reversed = familyDirectionReversed(scene.extras);
  if (!reversed.ok()) return {reversed.status, Json()};
  for (int k = 0; k < stack.layerCount(); ++k) {
    const int at = reversed.value ? stack.layerCount() - 1 - k : k;  // the flow's layer holding stack layer k
    const auto* layer = dynamic_cast<const TrainedLayerBijector*>(&scene.flow.layer(at));
    const std::string label = scene.flow.layerLabel(at);
    if (!layer || layer->type() != stack.layer(k).type() || int(layer->weights().size()) != stack.layer(k).paramCount() ||
        layer->inverted() != reversed.value)
      return {Status::error(label + ": not the " + stack.layer(k).type() + " layer the \"family\" block's " +
                            stackText(config.value, stack) + " has here"),
              Json()};
    for (std::size_t i = 0; i < layer->weights().size(); ++i)
      if (!std::isfinite(layer->weights()[i]))
        return {Status::error(label + ": parameter " + std::to_string(i) + " is not finite; JSON cannot hold it"), Json()};
    Json entry{{"type", layer->type()}, {"parameters", layer->weights()}};
    if (!scene.flow.isEnabled(at)) entry["enabled"] = false;
    out.value.push_back(std::move(entry));
  }
  return out;
}

bool isFamilyScene(const SceneFile& scene) { return scene.extras.contains("family"); }

Expected<FamilyModel> familyModelOf(const SceneFile& scene) {
  Expected<FamilyModel> out;
  if (!isFamilyScene(scene)) {
    out.status = Status::error("not a flow-family model (no \"family\" block)");
    return out;
  }
  const Expected<FamilyConfig> config = readFamilyConfig(scene.extras.at("family"), scene.flow.dim());
  if (!config.ok()) {
    out.status = config.status;
    return out;
  }
  out.value.config = config.value;
  const TrainableFlow stack = makeFamilyFlow(config.value);
  out.value.params.resize(stack.paramCount());
  if (scene.flow.layerCount() != stack.layerCount()) {
    out.status = Status::error("layers: expected " + std::to_string(stack.layerCount()) + " layers, got " +
                               std::to_string(scene.flow.layerCount()));
    return out;
  }
  if (scene.extras.contains("family_direction") && scene.extras["family_direction"] != "forward") {
    out.status = Status::error("family_direction: a reversed model (a reverse-KL fit) is not a maximum-likelihood stack");
    return out;
  }
  for (int k = 0; k < stack.layerCount(); ++k) {
    const auto* layer = dynamic_cast<const TrainedLayerBijector*>(&scene.flow.layer(k));
    if (!layer || layer->type() != stack.layer(k).type() || int(layer->weights().size()) != stack.layer(k).paramCount() ||
        !scene.flow.isEnabled(k) || layer->inverted()) {
      out.status = Status::error("layers/" + std::to_string(k) + ": not the enabled " + stack.layer(k).type() +
                                 " layer of the family's stack");
      return out;
    }
    std::copy(layer->weights().begin(), layer->weights().end(), out.value.params.data() + stack.offset(k));
  }
  return out;
}

}  // namespace flowlab
