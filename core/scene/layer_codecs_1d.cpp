// Scene codecs of the scalar (1D) layers: affine, sine, sinh_arcsinh, leaky_relu, spline.
#include <vector>

#include "core/bijectors/affine_1d.h"
#include "core/bijectors/leaky_relu_1d.h"
#include "core/bijectors/rational_quadratic_spline_1d.h"
#include "core/bijectors/sine_1d.h"
#include "core/bijectors/sinh_arcsinh_1d.h"
#include "core/scene/layer_codecs.h"

namespace flowlab {
namespace {

// Reads the listed numeric fields (all required, no others allowed) into values.
Status readFields(const Json& layer, const std::string& where, std::initializer_list<const char*> keys,
                  std::vector<double>& values) {
  Status s = checkLayerKeys(layer, keys, where);
  for (const char* key : keys) {
    if (!s.ok()) return s;
    const Expected<double> v = readNumber(layer, key, where);
    s = v.status;
    values.push_back(v.value);
  }
  return s;
}

template <class T>
Expected<BijectorPtr> made(Status s, T&& bijector) {
  Expected<BijectorPtr> out;
  out.status = s;
  if (s.ok()) out.value = std::make_unique<T>(std::forward<T>(bijector));
  return out;
}

Expected<BijectorPtr> readAffine(const Json& layer, int, const std::string& where) {
  std::vector<double> v;
  const Status s = readFields(layer, where, {"a", "b"}, v);
  return s.ok() ? made(s, Affine1D(v[0], v[1])) : Expected<BijectorPtr>{s, nullptr};
}

Expected<BijectorPtr> readSine(const Json& layer, int, const std::string& where) {
  std::vector<double> v;
  const Status s = readFields(layer, where, {"a", "omega", "phi"}, v);
  return s.ok() ? made(s, Sine1D(v[0], v[1], v[2])) : Expected<BijectorPtr>{s, nullptr};
}

Expected<BijectorPtr> readSinhArcsinh(const Json& layer, int, const std::string& where) {
  std::vector<double> v;
  const Status s = readFields(layer, where, {"epsilon", "delta"}, v);
  return s.ok() ? made(s, SinhArcsinh1D(v[0], v[1])) : Expected<BijectorPtr>{s, nullptr};
}

Expected<BijectorPtr> readLeakyRelu(const Json& layer, int, const std::string& where) {
  std::vector<double> v;
  const Status s = readFields(layer, where, {"alpha"}, v);
  return s.ok() ? made(s, LeakyRelu1D(v[0])) : Expected<BijectorPtr>{s, nullptr};
}

std::vector<double> toStd(const Vector& v) { return {v.data(), v.data() + v.size()}; }

// {"knots_z": [...], "knots_x": [...], "derivatives": [...]}, K+1 >= 2 entries each.
Expected<BijectorPtr> readSpline(const Json& layer, int, const std::string& where) {
  Expected<BijectorPtr> out;
  out.status = checkLayerKeys(layer, {"knots_z", "knots_x", "derivatives"}, where);
  if (!out.ok()) return out;
  const Expected<Vector> z = readVector(layer, "knots_z", where, -1);
  if (!z.ok()) return {z.status, nullptr};
  const int n = static_cast<int>(z.value.size());
  if (n < 2) return {jsonError(childPointer(where, "knots_z"), "a spline needs at least 2 knots"), nullptr};
  const Expected<Vector> x = readVector(layer, "knots_x", where, n);
  if (!x.ok()) return {x.status, nullptr};
  const Expected<Vector> d = readVector(layer, "derivatives", where, n);
  if (!d.ok()) return {d.status, nullptr};
  out.value = std::make_unique<RationalQuadraticSpline1D>(toStd(z.value), toStd(x.value), toStd(d.value));
  return out;
}

Expected<Json> writeSpline(const Bijector& layer) {
  const auto* s = dynamic_cast<const RationalQuadraticSpline1D*>(&layer);
  if (!s) return {Status::error("spline codec got a " + layer.type()), Json()};
  return {Status::okStatus(), Json{{"knots_z", s->knotsZ()}, {"knots_x", s->knotsX()}, {"derivatives", s->derivatives()}}};
}

}  // namespace

std::vector<LayerCodec> scalarLayerCodecs() {
  return {
      {"affine", 1, readAffine, [](const Bijector& b) { return parametersToJson(b, {"a", "b"}); }},
      {"sine", 1, readSine, [](const Bijector& b) { return parametersToJson(b, {"a", "omega", "phi"}); }},
      {"sinh_arcsinh", 1, readSinhArcsinh, [](const Bijector& b) { return parametersToJson(b, {"epsilon", "delta"}); }},
      {"leaky_relu", 1, readLeakyRelu, [](const Bijector& b) { return parametersToJson(b, {"alpha"}); }},
      {"spline", 1, readSpline, writeSpline},
  };
}

}  // namespace flowlab
