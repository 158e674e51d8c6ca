// Scene codecs of the coupling layers (affine_coupling, additive_coupling), of lu_linear, and of
// the "parametric" conditioner.
#include <cmath>

#include <Eigen/LU>

#include "core/bijectors/additive_coupling.h"
#include "core/bijectors/affine_coupling.h"
#include "core/bijectors/lu_linear.h"
#include "core/bijectors/parametric_conditioner.h"
#include "core/scene/conditioner_codecs.h"
#include "core/scene/layer_codecs.h"

namespace flowlab {
namespace {

// {"kept": [indices], "conditioner": {...}}
template <class Coupling>
Expected<BijectorPtr> readCoupling(const Json& layer, int dim, const std::string& where) {
  if (Status s = checkLayerKeys(layer, {"kept", "conditioner"}, where); !s.ok()) return {s, nullptr};
  if (!layer.contains("kept")) return {jsonError(where, "missing field \"kept\""), nullptr};
  const Json& kept = layer["kept"];
  const std::string keptWhere = childPointer(where, "kept");
  std::vector<int> indices;
  if (!kept.is_array() || kept.empty() || static_cast<int>(kept.size()) >= dim)
    return {jsonError(keptWhere, "\"kept\" must list between 1 and " + std::to_string(dim - 1) + " coordinates"), nullptr};
  for (std::size_t i = 0; i < kept.size(); ++i) {
    const std::optional<int> k = intValue(kept[i]);
    if (!k || *k < 0 || *k >= dim)
      return {jsonError(childPointer(keptWhere, static_cast<int>(i)),
                        "a kept coordinate must be an integer in [0, " + std::to_string(dim) + ")"),
              nullptr};
    indices.push_back(*k);
  }
  if (!layer.contains("conditioner")) return {jsonError(where, "missing field \"conditioner\""), nullptr};
  const int keptCount = static_cast<int>(indices.size());
  auto conditioner = readConditioner(layer["conditioner"], keptCount, dim - keptCount, childPointer(where, "conditioner"));
  if (!conditioner.ok()) return {conditioner.status, nullptr};
  return {Status::okStatus(), std::make_unique<Coupling>(dim, std::move(indices), std::move(conditioner.value))};
}

Expected<Json> writeCoupling(const Bijector& layer) {
  const auto* c = dynamic_cast<const CouplingLayer*>(&layer);
  if (!c) return {Status::error("coupling codec got a " + layer.type()), Json()};
  Expected<Json> conditioner = writeConditioner(c->conditioner());
  if (!conditioner.ok()) return conditioner;
  return {Status::okStatus(), Json{{"kept", c->kept()}, {"conditioner", std::move(conditioner.value)}}};
}

// {"permutation": [..], "L": [[..]] (unit lower), "U": [[..]] (upper), "b": [..]}: W = P L U.
Expected<BijectorPtr> readLuLinear(const Json& layer, int dim, const std::string& where) {
  if (Status s = checkLayerKeys(layer, {"permutation", "L", "U", "b"}, where); !s.ok()) return {s, nullptr};
  const Expected<Vector> p = readVector(layer, "permutation", where, dim);
  if (!p.ok()) return {p.status, nullptr};
  // Indices, not numbers: 0.5 or 1.7 must not truncate into a valid-looking permutation.
  std::vector<int> permutation;
  const std::string pWhere = childPointer(where, "permutation");
  for (int i = 0; i < dim; ++i) {
    const std::optional<int> k = intValue(layer["permutation"][i]);
    if (!k || *k < 0 || *k >= dim)
      return {jsonError(childPointer(pWhere, i), "a permutation entry must be an integer in [0, " + std::to_string(dim) + ")"),
              nullptr};
    permutation.push_back(*k);
  }
  Expected<Matrix> L = readMatrix(layer, "L", where, dim, dim);
  if (!L.ok()) return {L.status, nullptr};
  Expected<Matrix> U = readMatrix(layer, "U", where, dim, dim);
  if (!U.ok()) return {U.status, nullptr};
  Expected<Vector> b = readVector(layer, "b", where, dim);
  if (!b.ok()) return {b.status, nullptr};
  return {Status::okStatus(), std::make_unique<LuLinear>(std::move(permutation), std::move(L.value),
                                                         std::move(U.value), std::move(b.value))};
}

Expected<Json> writeLuLinear(const Bijector& layer) {
  const auto* lu = dynamic_cast<const LuLinear*>(&layer);
  if (!lu) return {Status::error("lu_linear codec got a " + layer.type()), Json()};
  const int d = lu->dim();
  Matrix L = Matrix::Identity(d, d), U = Matrix::Zero(d, d);
  Vector b(d);
  for (const Parameter& p : lu->parameters()) {
    if (p.name[0] == 'b') b(std::stoi(p.name.substr(1))) = p.value;
    else (p.name[0] == 'L' ? L : U)(p.name[1] - '0', p.name[2] - '0') = p.value;
  }
  // P is not a parameter: read it off a copy whose L and U are set to the identity, so W = P.
  // (W (L U)⁻¹ fails when U is singular: the fuzzer found [1, 0] written back as [0, 0].)
  const std::unique_ptr<Bijector> copy = lu->clone();
  const std::vector<Parameter> params = copy->parameters();
  for (int k = 0; k < static_cast<int>(params.size()); ++k) {
    const std::string& n = params[k].name;
    if (n[0] == 'L' || n[0] == 'U') copy->setParameter(k, n[0] == 'U' && n[1] == n[2] ? 1.0 : 0.0);
  }
  const Matrix P = static_cast<const LuLinear&>(*copy).weight();
  std::vector<int> permutation(d);
  for (int i = 0; i < d; ++i) P.row(i).cwiseAbs().maxCoeff(&permutation[i]);
  return {Status::okStatus(), Json{{"permutation", permutation}, {"L", matrixToJson(L)}, {"U", matrixToJson(U)},
                                   {"b", vectorToJson(b)}}};
}

}  // namespace

// {"s0": .., "s1": .., "t0": .., "t1": .., "t2": ..}: logScale = s0 + s1 tanh(a), shift = t0 + t1 a + t2 a².
Expected<std::unique_ptr<Conditioner>> readParametricConditioner(const Json& conditioner, const std::string& where) {
  if (Status s = checkKeys(conditioner, {"s0", "s1", "t0", "t1", "t2"}, where); !s.ok()) return {s, nullptr};
  double v[5];
  const char* keys[] = {"s0", "s1", "t0", "t1", "t2"};
  for (int i = 0; i < 5; ++i) {
    const Expected<double> e = readNumber(conditioner, keys[i], where);
    if (!e.ok()) return {e.status, nullptr};
    v[i] = e.value;
  }
  return {Status::okStatus(), std::make_unique<ParametricConditioner>(v[0], v[1], v[2], v[3], v[4])};
}

Json writeParametricConditioner(const Conditioner& conditioner) {
  Json out = Json::object();
  for (const Parameter& p : conditioner.parameters()) out[p.name] = p.value;
  return out;
}

std::vector<LayerCodec> couplingLayerCodecs() {
  return {
      {"affine_coupling", 0, readCoupling<AffineCoupling>, writeCoupling},
      {"additive_coupling", 0, readCoupling<AdditiveCoupling>, writeCoupling},
      {"lu_linear", 0, readLuLinear, writeLuLinear},
  };
}

}  // namespace flowlab
