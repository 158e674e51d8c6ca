#include "core/scene/scene_file.h"

#include <algorithm>
#include <cmath>
#include "core/io/atomic_write.h"
#include "core/io/read_file.h"
#include "core/energy/target_json.h"
#include "core/scene/family_layers.h"
#include "core/scene/json_position.h"
#include "core/scene/layer_codecs.h"

namespace flowlab {
namespace {

constexpr int kVersion = 1;

// Deepest nesting of arrays and objects a scene may have. Real scenes need about 10 (an mlp
// conditioner's weight rows); the limit keeps every recursive walk (copying unknown fields, writing,
// nested elementwise layers) far from the stack's end.
constexpr int kMaxDepth = 128;

// A view window the panes can draw: finite, not astronomically wide, not vanishingly thin.
constexpr double kMaxViewCoordinate = 1e6;
constexpr double kMinViewWidth = 1e-6;

// Offset of the first '[' or '{' nested deeper than kMaxDepth (outside strings), if any.
std::optional<std::size_t> offsetTooDeep(const std::string& text) {
  int depth = 0;
  bool inString = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (inString) {
      if (c == '\\') ++i;
      else if (c == '"') inString = false;
    } else if (c == '"') {
      inString = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxDepth) return i;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return std::nullopt;
}

// [lo, hi] with lo < hi, both finite.
Status readRange(const Json& view, const char* key, double& lo, double& hi) {
  if (!view.contains(key)) return Status::okStatus();
  const Expected<Vector> r = readVector(view, key, "/view", 2);
  if (!r.ok()) return r.status;
  if (!(std::isfinite(r.value(0)) && std::isfinite(r.value(1)) && r.value(0) < r.value(1)))
    return jsonError(std::string("/view/") + key, std::string("\"") + key + "\" must be [lo, hi] with lo < hi");
  if (!(std::abs(r.value(0)) <= kMaxViewCoordinate && std::abs(r.value(1)) <= kMaxViewCoordinate &&
        r.value(1) - r.value(0) >= kMinViewWidth))
    return jsonError(std::string("/view/") + key, std::string("\"") + key +
                                                      "\" cannot be drawn: lo and hi must lie within [-1e6, 1e6] and be at "
                                                      "least 1e-6 apart");
  lo = r.value(0);
  hi = r.value(1);
  return Status::okStatus();
}

Status readCount(const Json& view, const char* key, int minimum, int& out) {
  if (!view.contains(key)) return Status::okStatus();
  const Expected<int> v = readInt(view, key, "/view");
  if (!v.ok()) return v.status;
  if (v.value < minimum)
    return jsonError(std::string("/view/") + key, std::string("\"") + key + "\" must be >= " + std::to_string(minimum));
  out = v.value;
  return Status::okStatus();
}

Status readView(const Json& root, ViewSettings& v) {
  if (!root.contains("view")) return Status::okStatus();
  const Json& view = root["view"];
  if (Status s = requireObject(view, "/view", "\"view\""); !s.ok()) return s;
  if (view.contains("seed") && !view["seed"].is_number_unsigned())
    return jsonError("/view/seed", "\"seed\" must be a non-negative integer");
  if (view.contains("seed")) v.seed = view["seed"].get<std::uint64_t>();
  for (const Status& s : {readRange(view, "x_range", v.xMin, v.xMax), readRange(view, "y_range", v.yMin, v.yMax),
                          readCount(view, "resolution", 2, v.resolution), readCount(view, "grid_lines", 2, v.gridLines),
                          readCount(view, "samples", 0, v.samples), readCount(view, "visible_layers", -1, v.visibleLayers)})
    if (!s.ok()) return s;
  for (auto it = view.begin(); it != view.end(); ++it) {
    static const char* known[] = {"x_range", "y_range", "resolution", "grid_lines", "samples", "seed", "visible_layers"};
    if (std::find(std::begin(known), std::end(known), it.key()) == std::end(known)) v.extras[it.key()] = it.value();
  }
  return Status::okStatus();
}

Status readBase(const Json& root) {
  if (!root.contains("base")) return Status::okStatus();
  const Json& base = root["base"];
  const Json& type = base.is_object() && base.contains("type") ? base["type"] : base;
  if (type.is_string() && type.get<std::string>() == "standard_normal") return Status::okStatus();
  return jsonError("/base", "\"base\" must be \"standard_normal\" (the only base FlowLab has)");
}

std::string layerContext(const Json& layer, int k) {
  std::string label = "layer " + std::to_string(k + 1);
  if (layer.is_object() && layer.contains("type") && layer["type"].is_string())
    label += " (" + layer["type"].get<std::string>() + ")";
  return label;
}

}  // namespace

// "source:line:col: reason" for a reader error "<pointer>: reason"; a pointer that does not
// exist in the text (a missing field) falls back to its nearest existing parent.
Status locateSceneError(const Status& s, const std::string& text, const std::string& source, const std::string& context) {
  auto [pointer, reason] = splitJsonError(s.message());
  std::optional<std::size_t> offset = offsetOfPointer(text, pointer);
  while (!offset && !pointer.empty()) {
    pointer = pointer.substr(0, pointer.rfind('/'));
    offset = offsetOfPointer(text, pointer);
  }
  const TextPosition p = positionOfOffset(text, offset.value_or(0));
  return Status::error(source + ":" + std::to_string(p.line) + ":" + std::to_string(p.column) + ": " +
                       (context.empty() ? "" : context + ": ") + reason);
}

Expected<Json> parseSceneJson(const std::string& text, const std::string& sourceName) {
  Expected<Json> out;
  // nlohmann-json stops at a NUL byte as if the text ended there: refuse it rather than drop the rest.
  if (Status s = refuseNulBytes(text, sourceName); !s.ok()) {
    out.status = s;
    return out;
  }
  if (const std::optional<std::size_t> deep = offsetTooDeep(text)) {
    const TextPosition p = positionOfOffset(text, *deep);
    out.status = Status::error(sourceName + ":" + std::to_string(p.line) + ":" + std::to_string(p.column) +
                               ": nested deeper than " + std::to_string(kMaxDepth) + " levels");
    return out;
  }
  try {
    out.value = Json::parse(text);
  } catch (const Json::parse_error& e) {
    // e.byte is 1-based and points at the last character read: the one that broke the syntax.
    const TextPosition p = positionOfOffset(text, e.byte > 0 ? e.byte - 1 : 0);
    std::string reason = e.what();
    const std::size_t colon = reason.find(": ", reason.find("parse error"));
    if (colon != std::string::npos) reason = reason.substr(colon + 2);
    out.status = Status::error(sourceName + ":" + std::to_string(p.line) + ":" + std::to_string(p.column) +
                               ": invalid JSON: " + reason);
  } catch (const Json::exception& e) {
    // JSON has no infinity: a literal such as 1e999 is malformed, not an infinite parameter.
    const TextPosition p = positionOfOffset(text, offsetOfOverflowingNumber(text).value_or(0));
    out.status = Status::error(sourceName + ":" + std::to_string(p.line) + ":" + std::to_string(p.column) +
                               ": invalid JSON: number out of range of a double");
  }
  return out;
}

Expected<SceneFile> parseScene(const std::string& text, const std::string& sourceName) {
  Expected<SceneFile> out;
  Expected<Json> parsed = parseSceneJson(text, sourceName);
  if (!parsed.ok()) {
    out.status = parsed.status;
    return out;
  }
  const Json& root = parsed.value;
  auto fail = [&](const Status& s, const std::string& context = "") {
    out.status = locateSceneError(s, text, sourceName, context);
    return out;
  };
  if (Status s = requireObject(root, "", "a scene"); !s.ok()) return fail(s);
  if (root.contains("version")) {
    const Expected<int> v = readInt(root, "version", "");
    if (!v.ok()) return fail(v.status);
    if (v.value > kVersion || v.value < 1)
      return fail(jsonError("/version", "unsupported scene version " + std::to_string(v.value) + " (this build reads 1)"));
  }
  const Expected<int> dim = readInt(root, "dim", "");
  if (!dim.ok()) return fail(dim.status);
  if (dim.value != 1 && dim.value != 2) return fail(jsonError("/dim", "\"dim\" must be 1 or 2"));
  if (Status s = readBase(root); !s.ok()) return fail(s);
  for (const char* key : {"name", "description"})
    if (root.contains(key) && !root[key].is_string())
      return fail(jsonError(std::string("/") + key, std::string("\"") + key + "\" must be a string"));

  SceneFile& scene = out.value;
  scene.dim = dim.value;
  scene.flow = Flow(dim.value);
  scene.name = root.value("name", "");
  scene.description = root.value("description", "");
  if (!root.contains("layers")) return fail(jsonError("", "missing field \"layers\" (use [] for no layers)"));
  const Json& layers = root["layers"];
  if (!layers.is_array()) return fail(jsonError("/layers", "\"layers\" must be an array"));
  if (root.contains("family")) {  // a flow-family model: its layers are the block's stack (family_layers.h)
    if (Status s = readFamilyLayers(root, scene); !s.ok()) return fail(s);
  } else
  for (int k = 0; k < static_cast<int>(layers.size()); ++k) {
    const std::string where = childPointer("/layers", k);
    Expected<BijectorPtr> layer = readLayer(layers[k], dim.value, where);
    if (!layer.ok()) return fail(layer.status, layerContext(layers[k], k));
    const Expected<bool> enabled = readBool(layers[k], "enabled", where, true);
    if (!enabled.ok()) return fail(enabled.status, layerContext(layers[k], k));
    scene.flow.append(std::move(layer.value), enabled.value);
  }
  if (Status s = readView(root, scene.view); !s.ok()) return fail(s);
  // A reverse-KL target (core/energy/target_json.h): refused here, at its position, when malformed.
  if (root.contains("target")) {
    const Expected<TargetPtr> target = readTargetJson(root["target"]);
    if (!target.ok()) return fail(target.status);
    if (scene.dim != 2) return fail(jsonError("/target", "targets are 2D; this scene is " + std::to_string(scene.dim) + "D"));
  }
  static const char* known[] = {"version", "dim", "base", "name", "description", "layers", "view"};
  for (auto it = root.begin(); it != root.end(); ++it)
    if (std::find(std::begin(known), std::end(known), it.key()) == std::end(known)) scene.extras[it.key()] = it.value();
  return out;
}

Expected<SceneFile> loadSceneFile(const std::string& path) {
  const Expected<std::string> text = readTextFile(path);
  if (!text.ok()) return {text.status, SceneFile{}};
  return parseScene(text.value, path);
}

Expected<Json> sceneToJson(const SceneFile& scene) {
  Expected<Json> out{Status::okStatus(), Json::object()};
  Json& j = out.value;
  j["version"] = kVersion;
  j["dim"] = scene.flow.dim();
  if (!scene.name.empty()) j["name"] = scene.name;
  if (!scene.description.empty()) j["description"] = scene.description;
  j["base"] = "standard_normal";
  j["layers"] = Json::array();
  if (isFamilyScene(scene)) {  // a flow-family model (family_layers.h)
    Expected<Json> layers = writeFamilyLayers(scene);
    if (!layers.ok()) return {layers.status, Json()};
    j["layers"] = std::move(layers.value);
  } else
  for (int k = 0; k < scene.flow.layerCount(); ++k) {
    for (const Parameter& p : scene.flow.layer(k).parameters())
      if (!std::isfinite(p.value))
        return {Status::error(scene.flow.layerLabel(k) + ": parameter " + p.name + " is not finite; JSON cannot hold it"),
                Json()};
    Expected<Json> layer = writeLayer(scene.flow.layer(k));
    if (!layer.ok()) return {layer.status.withContext(scene.flow.layerLabel(k)), Json()};
    if (!scene.flow.isEnabled(k)) layer.value["enabled"] = false;
    j["layers"].push_back(std::move(layer.value));
  }
  const ViewSettings& v = scene.view;
  Json view = {{"x_range", {v.xMin, v.xMax}}, {"resolution", v.resolution}, {"grid_lines", v.gridLines},
               {"samples", v.samples},        {"seed", v.seed},             {"visible_layers", v.visibleLayers}};
  if (scene.flow.dim() == 2) view["y_range"] = {v.yMin, v.yMax};
  for (auto it = v.extras.begin(); it != v.extras.end(); ++it) view[it.key()] = it.value();
  j["view"] = std::move(view);
  for (auto it = scene.extras.begin(); it != scene.extras.end(); ++it) j[it.key()] = it.value();
  return out;
}

Status saveSceneFile(const SceneFile& scene, const std::string& path) {
  const Expected<Json> j = sceneToJson(scene);
  if (!j.ok()) return j.status;
  // Atomic: a kill or a full disk during the save leaves the previous file as it was.
  return writeFileAtomically(path, j.value.dump(2) + "\n");
}

}  // namespace flowlab
