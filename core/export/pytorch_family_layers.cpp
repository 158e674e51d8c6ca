#include "core/export/pytorch_family_layers.h"

#include <cmath>

#include "core/export/pytorch_literals.h"
#include "core/families/actnorm.h"
#include "core/families/autoregressive.h"
#include "core/families/cnf_layer.h"
#include "core/families/coupling.h"
#include "core/families/diagonal_scale.h"
#include "core/families/families.h"
#include "core/families/layer_bijector.h"
#include "core/families/lu_linear_layer.h"
#include "core/families/made.h"
#include "core/families/residual_layers.h"
#include "core/nn/activation.h"
#include "core/scene/family_layers.h"

namespace flowlab {
namespace {

std::string mlp(const MlpShape& shape, const double* params, const std::vector<Matrix>& masks = {}) {
  return "_Mlp(" + pyMlpLayers(shape, params, masks) + ", \"" + activationName(shape.activation) + "\")";
}

std::string coupling(const TrainableCoupling& c, const double* p) {
  const CouplingSpec& spec = c.spec();
  std::vector<bool> isKept(spec.dim, false);
  for (int k : spec.kept) isKept[k] = true;
  std::vector<int> moved;
  for (int j = 0; j < spec.dim; ++j)
    if (!isKept[j]) moved.push_back(j);
  const char* transform = spec.transform == CouplingTransform::Additive ? "additive"
                          : spec.transform == CouplingTransform::Affine ? "affine"
                                                                        : "spline";
  const SplineSpec& s = spec.spline;
  std::string spline = "None";
  if (spec.transform == CouplingTransform::Spline) {
    spline = "(";  // built by appending: GCC 12 warns (-Wrestrict, a false positive) on "(" + string
    spline.append(std::to_string(s.bins)).append(", ").append(pyNumber(s.bound)).append(", ");
    spline.append(pyNumber(s.minBin)).append(", ").append(pyNumber(s.minDerivative)).append(")");
  }
  return "_FamilyCoupling(" + pyList(spec.kept) + ", " + pyList(moved) + ", " + mlp(c.conditionerShape(), p) + ", \"" +
         transform + "\", " + pyNumber(spec.logScaleBound) + ", " + spline + ")";
}

// x = z·exp(logScale_j) + shift_j per coordinate (ActNorm, NICE's diagonal scaling).
std::string perCoordinateAffine(int dim, const double* shift, const double* logScale) {
  std::string maps;
  for (int j = 0; j < dim; ++j)
    maps += (j ? ", " : "") + std::string("_Affine1D(") + pyNumber(std::exp(logScale[j])) + ", " +
            pyNumber(shift ? shift[j] : 0.0) + ")";
  return "_Elementwise([" + maps + "])";
}

std::string autoregressive(const TrainableAutoregressive& a, const double* p) {
  const AutoregressiveSpec& spec = a.spec();
  const MlpShape shape{spec.dim, spec.hidden, spec.depth, 2 * spec.dim, spec.activation};
  return "_Autoregressive(" + mlp(shape, p, madeMasks(shape, spec.order)) + ", " + std::to_string(spec.dim) + ", " +
         pyNumber(spec.logScaleBound) + ", " + (spec.inverseForm ? "True" : "False") + ")";
}

// core/families/cnf_field.h's layout: W1 (H by D), u (H), b1 (H), W2 (D by H), b2 (D), column-major.
std::string cnfSegment(const TrainableCnfSegment& c, const double* p) {
  const CnfSegmentSpec& s = c.spec();
  const int d = s.dim, h = s.hidden;
  const Matrix w1 = Eigen::Map<const Matrix>(p, h, d), w2 = Eigen::Map<const Matrix>(p + h * d + 2 * h, d, h);
  const Vector u = Eigen::Map<const Vector>(p + h * d, h), b1 = Eigen::Map<const Vector>(p + h * d + h, h);
  const Vector b2 = Eigen::Map<const Vector>(p + 2 * h * d + 2 * h, d);
  return "_CnfSegment(" + pyMatrix(w1) + ", " + pyList(u) + ", " + pyList(b1) + ", " + pyMatrix(w2) + ", " + pyList(b2) +
         ", " + pyNumber(s.t0) + ", " + pyNumber(s.t1) + ", " + std::to_string(s.steps) + ")";
}

Expected<std::string> expression(TrainableLayer& layer, const double* p) {
  const auto ok = [](std::string s) { return Expected<std::string>{Status::okStatus(), std::move(s)}; };
  const int d = layer.dim();
  if (const auto* c = dynamic_cast<const TrainableCoupling*>(&layer)) return ok(coupling(*c, p));
  if (dynamic_cast<const TrainableActNorm*>(&layer)) return ok(perCoordinateAffine(d, p, p + d));
  if (dynamic_cast<const TrainableDiagonalScale*>(&layer)) return ok(perCoordinateAffine(d, nullptr, p));
  if (const auto* lu = dynamic_cast<const TrainableLuLinear*>(&layer)) {
    // Density direction z = W x, log|det| = Σ log s: the generative map is W's inverse.
    double logAbsDet = 0.0;
    for (int i = 0; i < d; ++i) logAbsDet += p[d * (d - 1) + i];
    return ok("_Inverted(_Linear(" + pyMatrix(lu->weight(p)) + ", " + pyList(Vector(Vector::Zero(d))) + ", " +
              pyNumber(logAbsDet) + "))");
  }
  if (const auto* a = dynamic_cast<const TrainableAutoregressive*>(&layer)) return ok(autoregressive(*a, p));
  if (const auto* c = dynamic_cast<const TrainableCnfSegment*>(&layer)) return ok(cnfSegment(*c, p));
  // The residual maps are these layers' density direction (core/families/residual_layers.h).
  if (const auto* planar = dynamic_cast<const TrainablePlanar*>(&layer)) {
    const PlanarValues v = planar->values(p);
    return ok("_Inverted(_Planar(" + pyList(v.u) + ", " + pyList(v.w) + ", " + pyNumber(v.b) + "))");
  }
  if (const auto* radial = dynamic_cast<const TrainableRadial*>(&layer)) {
    const RadialValues v = radial->values(p);
    return ok("_Inverted(_Radial(" + pyList(v.x0) + ", " + pyNumber(v.alpha) + ", " + pyNumber(v.beta) + "))");
  }
  return {Status::error("trained layer type \"" + layer.type() + "\" is not supported by the PyTorch export"), ""};
}

}  // namespace

Expected<std::string> pytorchTrainableLayerExpression(TrainableLayer& layer, const std::vector<double>& params) {
  if (int(params.size()) != layer.paramCount())
    return {Status::error(layer.type() + ": expected " + std::to_string(layer.paramCount()) + " parameters, got " +
                          std::to_string(params.size())),
            ""};
  try {
    return expression(layer, params.data());
  } catch (const NonFiniteLiteral&) {
    return {Status::error("trained layer type \"" + layer.type() + "\" has a non-finite parameter"), ""};
  }
}

Expected<std::vector<std::string>> pytorchFamilyLayerExpressions(const SceneFile& scene) {
  Expected<std::vector<std::string>> out;
  const Flow& flow = scene.flow;
  if (!isFamilyScene(scene)) return out;
  const Expected<FamilyConfig> config = readFamilyConfig(scene.extras.at("family"), flow.dim());
  if (!config.ok()) return {config.status, {}};
  TrainableFlow stack = makeFamilyFlow(config.value);
  out.value.resize(flow.layerCount());
  for (int i = 0; i < flow.layerCount(); ++i) {
    const auto* trained = dynamic_cast<const TrainedLayerBijector*>(&flow.layer(i));
    if (!trained) continue;
    // A reversed flow (reverse-KL fit) holds the stack's layers last to first, each inverted.
    const int k = trained->inverted() ? stack.layerCount() - 1 - i : i;
    if (k < 0 || k >= stack.layerCount() || stack.layer(k).type() != trained->type())
      return {Status::error(flow.layerLabel(i) + ": does not match the \"family\" block's stack"), {}};
    const Expected<std::string> e = pytorchTrainableLayerExpression(stack.layer(k), trained->weights());
    if (!e.ok()) return {e.status.withContext(flow.layerLabel(i)), {}};
    out.value[i] = trained->inverted() ? "_Inverted(" + e.value + ")" : e.value;
  }
  return out;
}

}  // namespace flowlab
