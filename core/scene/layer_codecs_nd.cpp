// Scene codecs of the layers defined in any dimension: linear, planar, radial, elementwise, swap.
#include <vector>

#include "core/bijectors/elementwise.h"
#include "core/bijectors/linear.h"
#include "core/bijectors/planar.h"
#include "core/bijectors/radial.h"
#include "core/bijectors/swap.h"
#include "core/scene/layer_codecs.h"

namespace flowlab {
namespace {

std::vector<std::string> indexed(const std::string& prefix, int dim) {
  std::vector<std::string> names;
  for (int j = 0; j < dim; ++j) names.push_back(prefix + std::to_string(j));
  return names;
}

// The parameters prefix0..prefix{d-1} as a vector (how Planar and Radial expose u, w, z0).
Expected<Vector> indexedParameters(const Bijector& layer, const std::string& prefix) {
  const Expected<Json> j = parametersToJson(layer, indexed(prefix, layer.dim()));
  Expected<Vector> out{j.status, Vector(layer.dim())};
  if (out.ok())
    for (int i = 0; i < layer.dim(); ++i) out.value(i) = j.value[prefix + std::to_string(i)].get<double>();
  return out;
}

// {"A": [[..], ..] (dim by dim, row-major), "b": [..] (dim)}
Expected<BijectorPtr> readLinear(const Json& layer, int dim, const std::string& where) {
  if (Status s = checkLayerKeys(layer, {"A", "b"}, where); !s.ok()) return {s, nullptr};
  Expected<Matrix> A = readMatrix(layer, "A", where, dim, dim);
  if (!A.ok()) return {A.status, nullptr};
  Expected<Vector> b = readVector(layer, "b", where, dim);
  if (!b.ok()) return {b.status, nullptr};
  return {Status::okStatus(), std::make_unique<Linear>(std::move(A.value), std::move(b.value))};
}

Expected<Json> writeLinear(const Bijector& layer) {
  const auto* l = dynamic_cast<const Linear*>(&layer);
  if (!l) return {Status::error("linear codec got a " + layer.type()), Json()};
  return {Status::okStatus(), Json{{"A", matrixToJson(l->A())}, {"b", vectorToJson(l->b())}}};
}

// {"u": [..], "w": [..], "b": number}
Expected<BijectorPtr> readPlanar(const Json& layer, int dim, const std::string& where) {
  if (Status s = checkLayerKeys(layer, {"u", "w", "b"}, where); !s.ok()) return {s, nullptr};
  Expected<Vector> u = readVector(layer, "u", where, dim);
  if (!u.ok()) return {u.status, nullptr};
  Expected<Vector> w = readVector(layer, "w", where, dim);
  if (!w.ok()) return {w.status, nullptr};
  const Expected<double> b = readNumber(layer, "b", where);
  if (!b.ok()) return {b.status, nullptr};
  return {Status::okStatus(), std::make_unique<Planar>(std::move(u.value), std::move(w.value), b.value)};
}

Expected<Json> writePlanar(const Bijector& layer) {
  const Expected<Vector> u = indexedParameters(layer, "u"), w = indexedParameters(layer, "w");
  const Expected<Json> b = parametersToJson(layer, {"b"});
  for (const Status& s : {u.status, w.status, b.status})
    if (!s.ok()) return {s, Json()};
  return {Status::okStatus(), Json{{"u", vectorToJson(u.value)}, {"w", vectorToJson(w.value)}, {"b", b.value["b"]}}};
}

// {"z0": [..], "alpha": number, "beta": number}
Expected<BijectorPtr> readRadial(const Json& layer, int dim, const std::string& where) {
  if (Status s = checkLayerKeys(layer, {"z0", "alpha", "beta"}, where); !s.ok()) return {s, nullptr};
  Expected<Vector> z0 = readVector(layer, "z0", where, dim);
  if (!z0.ok()) return {z0.status, nullptr};
  const Expected<double> alpha = readNumber(layer, "alpha", where);
  if (!alpha.ok()) return {alpha.status, nullptr};
  const Expected<double> beta = readNumber(layer, "beta", where);
  if (!beta.ok()) return {beta.status, nullptr};
  return {Status::okStatus(), std::make_unique<Radial>(std::move(z0.value), alpha.value, beta.value)};
}

Expected<Json> writeRadial(const Bijector& layer) {
  const Expected<Vector> z0 = indexedParameters(layer, "z0_");
  const Expected<Json> ab = parametersToJson(layer, {"alpha", "beta"});
  for (const Status& s : {z0.status, ab.status})
    if (!s.ok()) return {s, Json()};
  return {Status::okStatus(), Json{{"z0", vectorToJson(z0.value)}, {"alpha", ab.value["alpha"]}, {"beta", ab.value["beta"]}}};
}

// {"coordinates": [layer for x_0, layer for x_1, ...]}: one 1D layer per coordinate.
Expected<BijectorPtr> readElementwise(const Json& layer, int dim, const std::string& where) {
  if (Status s = checkLayerKeys(layer, {"coordinates"}, where); !s.ok()) return {s, nullptr};
  if (!layer.contains("coordinates")) return {jsonError(where, "missing field \"coordinates\""), nullptr};
  const Json& list = layer["coordinates"];
  const std::string pointer = childPointer(where, "coordinates");
  if (!list.is_array() || static_cast<int>(list.size()) != dim)
    return {jsonError(pointer, "\"coordinates\" must be an array of " + std::to_string(dim) + " 1D layers"), nullptr};
  std::vector<BijectorPtr> children;
  for (int j = 0; j < dim; ++j) {
    Expected<BijectorPtr> child = readLayer(list[j], 1, childPointer(pointer, j));
    if (!child.ok()) return child;
    children.push_back(std::move(child.value));
  }
  return {Status::okStatus(), std::make_unique<Elementwise>(std::move(children))};
}

Expected<Json> writeElementwise(const Bijector& layer) {
  const auto* e = dynamic_cast<const Elementwise*>(&layer);
  if (!e) return {Status::error("elementwise codec got a " + layer.type()), Json()};
  Json list = Json::array();
  for (int j = 0; j < e->dim(); ++j) {
    Expected<Json> child = writeLayer(e->coordinate(j));
    if (!child.ok()) return child;
    list.push_back(std::move(child.value));
  }
  return {Status::okStatus(), Json{{"coordinates", std::move(list)}}};
}

Expected<BijectorPtr> readSwap(const Json& layer, int dim, const std::string& where) {
  if (Status s = checkLayerKeys(layer, {}, where); !s.ok()) return {s, nullptr};
  return {Status::okStatus(), std::make_unique<Swap>(dim)};
}

}  // namespace

std::vector<LayerCodec> vectorLayerCodecs() {
  return {
      {"linear", 0, readLinear, writeLinear},
      {"planar", 0, readPlanar, writePlanar},
      {"radial", 0, readRadial, writeRadial},
      {"elementwise", 0, readElementwise, writeElementwise},
      {"swap", 0, readSwap, [](const Bijector&) { return Expected<Json>{Status::okStatus(), Json::object()}; }},
  };
}

}  // namespace flowlab
