#include "core/energy/target_json.h"

namespace flowlab {

Json targetJson(const Target& target) {
  return target.isPreset() ? Json{{"preset", target.name()}} : Json{{"expression", target.name()}};
}

Expected<TargetPtr> readTargetJson(const Json& block, const std::string& where) {
  if (Status s = requireObject(block, where, "a target"); !s.ok()) return {s, nullptr};
  if (Status s = checkKeys(block, {"preset", "expression", "note"}, where); !s.ok()) return {s, nullptr};
  const bool preset = block.contains("preset"), expression = block.contains("expression");
  if (preset == expression)
    return {jsonError(where, "give exactly one of \"preset\" (u1, u2, u3, u4, ring, banana, mixture) and \"expression\""),
            nullptr};
  const char* key = preset ? "preset" : "expression";
  const Json& value = block[key];
  const std::string at = childPointer(where, key);
  if (!value.is_string()) return {jsonError(at, std::string("\"") + key + "\" must be a string, got " + value.type_name()), nullptr};
  const std::string text = value.get<std::string>();
  if (preset) {
    if (TargetPtr t = makePresetTarget(text)) return {Status::okStatus(), std::move(t)};
    return {jsonError(at, "unknown preset \"" + text + "\" (u1, u2, u3, u4, ring, banana, mixture)"), nullptr};
  }
  Expected<TargetPtr> t = makeExpressionTarget(text);
  if (!t.ok()) return {jsonError(at, t.status.message()), nullptr};
  return t;
}

}  // namespace flowlab
