#include "core/scene/scene_steps.h"

#include <algorithm>
#include <cmath>

#include "core/scene/json_read.h"

namespace flowlab {
namespace {

constexpr size_t kMaxSteps = 200;
constexpr size_t kMaxCaption = 200;

Expected<StepChange> readChange(const Json& j, const Flow& flow, const std::string& where) {
  StepChange c;
  if (Status s = requireObject(j, where, "a parameter change"); !s.ok()) return {s, c};
  if (Status s = checkKeys(j, {"layer", "parameter", "value"}, where); !s.ok()) return {s, c};
  const Expected<int> layer = readInt(j, "layer", where);
  if (!layer.ok()) return {layer.status, c};
  if (layer.value < 1 || layer.value > flow.layerCount())
    return {jsonError(childPointer(where, "layer"), "layer " + std::to_string(layer.value) + " does not exist (the scene has " +
                                                         std::to_string(flow.layerCount()) + ", counted from 1)"),
            c};
  c.layer = layer.value - 1;
  if (!j.contains("parameter") || !j["parameter"].is_string())
    return {jsonError(childPointer(where, "parameter"), "\"parameter\" must be the name of one of the layer's parameters"), c};
  const std::string name = j["parameter"].get<std::string>();
  const Bijector& b = flow.layer(c.layer);
  const std::vector<Parameter> params = b.parameters();
  const auto it = std::find_if(params.begin(), params.end(), [&](const Parameter& p) { return p.name == name; });
  if (it == params.end()) {
    std::string names;
    for (const Parameter& p : params) names += (names.empty() ? "" : ", ") + p.name;
    return {jsonError(childPointer(where, "parameter"), "layer " + std::to_string(layer.value) + " (" + b.type() +
                                                            ") has no parameter \"" + name.substr(0, 40) + "\"; it has " +
                                                            (names.empty() ? "none" : names)),
            c};
  }
  c.parameter = int(it - params.begin());
  const Expected<double> value = readNumber(j, "value", where);
  if (!value.ok()) return {value.status, c};
  if (!std::isfinite(value.value)) return {jsonError(childPointer(where, "value"), "must be a finite number"), c};
  c.value = value.value;
  return {Status::okStatus(), c};
}

bool hideable(const std::string& name) {
  const std::vector<std::string>& all = hideableOverlays();
  return std::find(all.begin(), all.end(), name) != all.end();
}

// A list of hideable names ("hidden", or a step's "reveal" as a list), each once.
Expected<std::vector<std::string>> readHideableList(const Json& list, const std::string& where, const char* what) {
  std::vector<std::string> out;
  if (!list.is_array()) return {jsonError(where, std::string(what) + " must be an array of \"density\", \"grid\", \"patches\""), out};
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string at = childPointer(where, int(i));
    if (!list[i].is_string() || !hideable(list[i].get<std::string>()))
      return {jsonError(at, "must be one of \"density\", \"grid\", \"patches\" (what the output pane can hide)"), out};
    const std::string name = list[i].get<std::string>();
    if (std::find(out.begin(), out.end(), name) != out.end()) return {jsonError(at, "\"" + name + "\" is listed twice"), out};
    out.push_back(name);
  }
  return {Status::okStatus(), out};
}

Expected<SceneStep> readStep(const Json& j, const Flow& flow, const std::string& where) {
  SceneStep step;
  if (Status s = requireObject(j, where, "a step"); !s.ok()) return {s, step};
  if (Status s = checkKeys(j, {"caption", "set", "overlays", "layers", "reveal"}, where); !s.ok()) return {s, step};
  if (!j.contains("caption") || !j["caption"].is_string())
    return {jsonError(childPointer(where, "caption"), "every step needs a \"caption\" (one line of text)"), step};
  step.caption = j["caption"].get<std::string>();
  if (step.caption.size() > kMaxCaption || step.caption.find('\n') != std::string::npos)
    return {jsonError(childPointer(where, "caption"), "a caption is one line of at most 200 characters"), step};
  if (j.contains("set")) {
    const Json& set = j["set"];
    const std::string at = childPointer(where, "set");
    if (!set.is_array()) return {jsonError(at, "\"set\" must be an array of {\"layer\", \"parameter\", \"value\"}"), step};
    for (size_t i = 0; i < set.size(); ++i) {
      Expected<StepChange> c = readChange(set[i], flow, childPointer(at, int(i)));
      if (!c.ok()) return {c.status, step};
      step.changes.push_back(c.value);
    }
  }
  if (j.contains("overlays")) {
    const Json& o = j["overlays"];
    const std::string at = childPointer(where, "overlays");
    if (!o.is_object()) return {jsonError(at, "\"overlays\" must be an object of names and true/false"), step};
    for (const auto& [name, on] : o.items()) {
      if (!on.is_boolean()) return {jsonError(childPointer(at, name), "must be true or false"), step};
      step.overlays.emplace_back(name, on.get<bool>());
    }
  }
  if (j.contains("layers")) {
    const Expected<double> k = readNumber(j, "layers", where);
    if (!k.ok()) return {k.status, step};
    if (!(k.value == -1.0 || (k.value >= 0.0 && k.value <= flow.layerCount())))
      return {jsonError(childPointer(where, "layers"),
                        "the layer slider goes from 0 to " + std::to_string(flow.layerCount()) + " (or -1 for all)"),
              step};
    step.layers = k.value;
  }
  if (j.contains("reveal")) {
    const Json& r = j["reveal"];
    const std::string at = childPointer(where, "reveal");
    if (r.is_boolean()) {
      if (r.get<bool>()) step.reveals = hideableOverlays();
    } else {
      Expected<std::vector<std::string>> names = readHideableList(r, at, "\"reveal\" (true, or a list)");
      if (!names.ok()) return {names.status, step};
      step.reveals = std::move(names.value);
    }
  }
  return {Status::okStatus(), step};
}

}  // namespace

const std::vector<std::string>& hideableOverlays() {
  static const std::vector<std::string> names = {"density", "grid", "patches"};
  return names;
}

Expected<std::vector<std::string>> readHiddenOverlays(const SceneFile& scene) {
  const auto it = scene.extras.find("hidden");
  if (it == scene.extras.end()) return {Status::okStatus(), {}};
  return readHideableList(*it, "/hidden", "\"hidden\"");
}

std::vector<std::string> hiddenAfterSteps(const std::vector<std::string>& hidden, const std::vector<SceneStep>& steps,
                                          int k) {
  std::vector<std::string> out = hidden;
  const int n = std::clamp(k, 0, int(steps.size()));
  for (int i = 0; i < n; ++i)
    for (const std::string& name : steps[size_t(i)].reveals) out.erase(std::remove(out.begin(), out.end(), name), out.end());
  return out;
}

Expected<std::vector<SceneStep>> readSceneSteps(const SceneFile& scene) {
  std::vector<SceneStep> out;
  if (Expected<std::vector<std::string>> hidden = readHiddenOverlays(scene); !hidden.ok()) return {hidden.status, out};
  const auto it = scene.extras.find("steps");
  if (it == scene.extras.end()) return {Status::okStatus(), out};
  if (!it->is_array()) return {jsonError("/steps", "\"steps\" must be an array of steps"), out};
  if (it->size() > kMaxSteps) return {jsonError("/steps", "at most 200 steps"), out};
  for (size_t i = 0; i < it->size(); ++i) {
    Expected<SceneStep> s = readStep((*it)[i], scene.flow, childPointer("/steps", int(i)));
    if (!s.ok()) return {s.status, {}};
    out.push_back(std::move(s.value));
  }
  return {Status::okStatus(), out};
}

Flow flowAfterSteps(const Flow& start, const std::vector<SceneStep>& steps, int k) {
  Flow flow = start;
  const int n = std::clamp(k, 0, int(steps.size()));
  for (int i = 0; i < n; ++i)
    for (const StepChange& c : steps[size_t(i)].changes)
      if (c.layer < flow.layerCount()) flow.layer(c.layer).setParameter(c.parameter, c.value);
  return flow;
}

Flow blendFlows(const Flow& from, const Flow& to, double t) {
  Flow out = to;
  const double u = std::clamp(t, 0.0, 1.0), s = u * u * (3.0 - 2.0 * u);
  const int layers = std::min(from.layerCount(), to.layerCount());
  for (int l = 0; l < layers; ++l) {
    const std::vector<Parameter> a = from.layer(l).parameters(), b = to.layer(l).parameters();
    for (size_t p = 0; p < std::min(a.size(), b.size()); ++p)
      // (1 − s)·a + s·b: exactly a at s = 0 and exactly b at s = 1.
      if (a[p].value != b[p].value) out.layer(l).setParameter(int(p), (1.0 - s) * a[p].value + s * b[p].value);
  }
  return out;
}

}  // namespace flowlab
