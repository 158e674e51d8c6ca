// Scene codec of the "mlp" conditioner:
//   {"type": "mlp", "activation": "tanh" | "relu", "log_scale_bound": c,
//    "layers": [{"W": [[...], ...], "b": [...]}, ...]}
// Layer l's W is fanOut × fanIn (row-major, as readMatrix reads it); hidden layers apply the
// activation, the last is linear with 2·outDim rows (log-scale rows first, then shift rows).
// The shape (in, hidden, depth, out) is read off the matrices.
#include "core/scene/mlp_conditioner_codec.h"

#include "core/nn/mlp_conditioner.h"
#include "core/scene/json_read.h"

namespace flowlab {

namespace {

using Result = Expected<std::unique_ptr<Conditioner>>;

Result fail(const std::string& where, const std::string& reason) { return {jsonError(where, reason), nullptr}; }

// Rows and columns of a JSON array of arrays ({0, 0} when it is not one; readMatrix then says why).
std::pair<int, int> matrixSize(const Json& layer) {
  if (!layer.is_object() || !layer.contains("W") || !layer["W"].is_array() || layer["W"].empty() ||
      !layer["W"][0].is_array())
    return {0, 0};
  return {int(layer["W"].size()), int(layer["W"][0].size())};
}

}  // namespace

Expected<std::unique_ptr<Conditioner>> readMlpConditioner(const Json& conditioner, const std::string& where) {
  if (Status s = checkKeys(conditioner, {"type", "activation", "log_scale_bound", "layers"}, where); !s.ok())
    return {s, nullptr};
  Activation activation = Activation::Tanh;
  if (conditioner.contains("activation")) {
    const Json& a = conditioner["activation"];
    const auto parsed = a.is_string() ? activationFromName(a.get<std::string>()) : std::nullopt;
    if (!parsed) return fail(childPointer(where, "activation"), "\"activation\" must be \"tanh\" or \"relu\"");
    activation = *parsed;
  }
  const Expected<double> bound = readNumber(conditioner, "log_scale_bound", where);
  if (!bound.ok()) return {bound.status, nullptr};
  if (!conditioner.contains("layers")) return fail(where, "missing field \"layers\"");
  const Json& layers = conditioner["layers"];
  const std::string layersWhere = childPointer(where, "layers");
  if (!layers.is_array() || layers.empty()) return fail(layersWhere, "\"layers\" must be a non-empty array");

  MlpShape shape;
  shape.activation = activation;
  shape.depth = int(layers.size()) - 1;
  const auto [firstRows, firstCols] = matrixSize(layers[0]);
  const int lastRows = matrixSize(layers.back()).first;
  shape.in = firstCols;
  shape.out = lastRows;
  shape.hidden = shape.depth > 0 ? firstRows : 1;
  if (shape.in < 1 || shape.out < 1 || shape.hidden < 1)
    return fail(layersWhere, "every layer needs a non-empty \"W\" matrix (an array of rows)");
  if (shape.out % 2 != 0) return fail(layersWhere, "the last layer must have an even number of rows (log-scale and shift)");
  std::vector<double> weights(shape.paramCount());
  for (int l = 0; l < shape.layerCount(); ++l) {
    const std::string lw = childPointer(layersWhere, l);
    if (Status s = requireObject(layers[l], lw, "an mlp layer"); !s.ok()) return {s, nullptr};
    if (Status s = checkKeys(layers[l], {"W", "b"}, lw); !s.ok()) return {s, nullptr};
    const Expected<Matrix> w = readMatrix(layers[l], "W", lw, shape.fanOut(l), shape.fanIn(l));
    if (!w.ok()) return {w.status, nullptr};
    const Expected<Vector> b = readVector(layers[l], "b", lw, shape.fanOut(l));
    if (!b.ok()) return {b.status, nullptr};
    Eigen::Map<Matrix>(weights.data() + shape.weightOffset(l), shape.fanOut(l), shape.fanIn(l)) = w.value;
    Eigen::Map<Vector>(weights.data() + shape.biasOffset(l), shape.fanOut(l)) = b.value;
  }
  // Non-finite weights or c <= 0 load, and validate() reports them (as for every other layer).
  return {Status::okStatus(), std::make_unique<MlpConditioner>(shape, std::move(weights), bound.value)};
}

nlohmann::json writeMlpConditioner(const Conditioner& conditioner) {
  const auto* mlp = dynamic_cast<const MlpConditioner*>(&conditioner);
  if (!mlp) return Json::object();
  const MlpShape& s = mlp->shape();
  Json layers = Json::array();
  for (int l = 0; l < s.layerCount(); ++l) {
    const double* p = mlp->weights().data();
    const Matrix w = Eigen::Map<const Matrix>(p + s.weightOffset(l), s.fanOut(l), s.fanIn(l));
    const Vector b = Eigen::Map<const Vector>(p + s.biasOffset(l), s.fanOut(l));
    layers.push_back(Json{{"W", matrixToJson(w)}, {"b", vectorToJson(b)}});
  }
  return Json{{"activation", activationName(s.activation)}, {"log_scale_bound", mlp->logScaleBound()},
              {"layers", std::move(layers)}};
}

}  // namespace flowlab
