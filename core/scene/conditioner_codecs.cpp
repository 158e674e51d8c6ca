#include "core/scene/conditioner_codecs.h"

#include <stdexcept>

#include "core/scene/mlp_conditioner_codec.h"

namespace flowlab {

// Defined in coupling_codecs.cpp next to the coupling layers that use it.
Expected<std::unique_ptr<Conditioner>> readParametricConditioner(const Json& conditioner, const std::string& where);
Json writeParametricConditioner(const Conditioner& conditioner);

const std::vector<ConditionerCodec>& conditionerCodecs() {
  static const std::vector<ConditionerCodec> table = {
      {"parametric", readParametricConditioner, writeParametricConditioner},
      {"mlp", readMlpConditioner, writeMlpConditioner},
  };
  return table;
}

Expected<std::unique_ptr<Conditioner>> readConditioner(const Json& conditioner, int inDim, int outDim,
                                                       const std::string& where) {
  Expected<std::unique_ptr<Conditioner>> out;
  out.status = requireObject(conditioner, where, "a conditioner");
  if (!out.ok()) return out;
  if (!conditioner.contains("type") || !conditioner["type"].is_string()) {
    out.status = jsonError(where, "a conditioner needs a string field \"type\"");
    return out;
  }
  const std::string type = conditioner["type"].get<std::string>();
  for (const ConditionerCodec& codec : conditionerCodecs()) {
    if (codec.type != type) continue;
    Json fields = conditioner;
    fields.erase("type");
    try {
      out = codec.read(fields, where);
    } catch (const std::exception& e) {
      out.status = jsonError(where, e.what());
    }
    if (out.ok() && (out.value->inDim() != inDim || out.value->outDim() != outDim))
      out.status = jsonError(where, "conditioner maps " + std::to_string(out.value->inDim()) + " -> " +
                                        std::to_string(out.value->outDim()) + " values, the coupling needs " +
                                        std::to_string(inDim) + " -> " + std::to_string(outDim));
    return out;
  }
  std::string known;
  for (const ConditionerCodec& c : conditionerCodecs()) known += (known.empty() ? "" : ", ") + c.type;
  out.status = jsonError(childPointer(where, "type"), "unknown conditioner type \"" + type + "\" (known: " + known + ")");
  return out;
}

Expected<Json> writeConditioner(const Conditioner& conditioner) {
  for (const ConditionerCodec& codec : conditionerCodecs()) {
    if (codec.type != conditioner.type()) continue;
    Json out = Json::object();
    out["type"] = conditioner.type();
    const Json fields = codec.write(conditioner);
    for (auto it = fields.begin(); it != fields.end(); ++it) out[it.key()] = it.value();
    return {Status::okStatus(), std::move(out)};
  }
  return {Status::error("no scene codec for conditioner type \"" + conditioner.type() + "\""), Json()};
}

}  // namespace flowlab
