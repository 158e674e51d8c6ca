#include "core/scene/layer_codecs.h"

#include <stdexcept>

namespace flowlab {

const std::vector<LayerCodec>& layerCodecs() {
  static const std::vector<LayerCodec> table = [] {
    std::vector<LayerCodec> all;
    for (auto family : {scalarLayerCodecs, vectorLayerCodecs, couplingLayerCodecs})
      for (LayerCodec& c : family()) all.push_back(std::move(c));
    return all;
  }();
  return table;
}

const LayerCodec* findLayerCodec(const std::string& type) {
  for (const LayerCodec& c : layerCodecs())
    if (c.type == type) return &c;
  return nullptr;
}

Expected<BijectorPtr> readLayer(const Json& layer, int dim, const std::string& where) {
  Expected<BijectorPtr> out;
  out.status = requireObject(layer, where, "a layer");
  if (!out.ok()) return out;
  if (!layer.contains("type") || !layer["type"].is_string()) {
    out.status = jsonError(layer.contains("type") ? childPointer(where, "type") : where,
                           "a layer needs a string field \"type\"");
    return out;
  }
  const std::string type = layer["type"].get<std::string>();
  const LayerCodec* codec = findLayerCodec(type);
  if (!codec) {
    std::string known;
    for (const LayerCodec& c : layerCodecs()) known += (known.empty() ? "" : ", ") + c.type;
    out.status = jsonError(childPointer(where, "type"), "unknown layer type \"" + type + "\" (known: " + known + ")");
    return out;
  }
  if (codec->dim != 0 && codec->dim != dim) {
    out.status = jsonError(childPointer(where, "type"),
                           "\"" + type + "\" is a " + std::to_string(codec->dim) + "D layer but the scene is " +
                               std::to_string(dim) + "D" +
                               (codec->dim == 1 ? " (use {\"type\": \"elementwise\", \"coordinates\": [...]})" : ""));
    return out;
  }
  try {
    out = codec->read(layer, dim, where);
  } catch (const std::exception& e) {
    // Constructors throw for shapes the readers did not foresee; report it, never let it escape.
    out.status = jsonError(where, e.what());
  }
  if (out.ok() && out.value->dim() != dim)
    out.status = jsonError(where, "layer has dimension " + std::to_string(out.value->dim()) + ", scene has " +
                                      std::to_string(dim));
  return out;
}

Status checkLayerKeys(const Json& layer, std::initializer_list<const char*> allowed, const std::string& where) {
  for (auto it = layer.begin(); it != layer.end(); ++it) {
    const std::string& key = it.key();
    if (key == "type" || key == "enabled" || key == "note") continue;
    bool known = false;
    for (const char* a : allowed) known = known || key == a;
    if (known) continue;
    std::string list;
    for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
    return jsonError(childPointer(where, key), "unknown field \"" + key + "\" (" +
                                                   (list.empty() ? "this layer has no fields" : "expected: " + list) + ")");
  }
  return Status::okStatus();
}

Expected<Json> writeLayer(const Bijector& layer) {
  Expected<Json> out;
  const LayerCodec* codec = findLayerCodec(layer.type());
  if (!codec) {
    out.status = Status::error("no scene codec for layer type \"" + layer.type() + "\"");
    return out;
  }
  Expected<Json> fields = codec->write(layer);
  if (!fields.ok()) return fields;
  out.value = Json::object();
  out.value["type"] = layer.type();
  for (auto it = fields.value.begin(); it != fields.value.end(); ++it) out.value[it.key()] = it.value();
  return out;
}

Expected<Json> parametersToJson(const Bijector& layer, const std::vector<std::string>& names) {
  Expected<Json> out{Status::okStatus(), Json::object()};
  const std::vector<Parameter> params = layer.parameters();
  for (const std::string& name : names) {
    bool found = false;
    for (const Parameter& p : params) {
      if (p.name != name) continue;
      out.value[name] = p.value;
      found = true;
      break;
    }
    if (!found) {
      out.status = Status::error(layer.type() + ": no parameter named \"" + name + "\"");
      return out;
    }
  }
  return out;
}

}  // namespace flowlab
