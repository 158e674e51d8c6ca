#include "core/export/pytorch_layers.h"

#include <cmath>
#include <cstdio>
#include <map>

#include "core/export/pytorch_literals.h"
#include "core/bijectors/additive_coupling.h"
#include "core/bijectors/affine_1d.h"
#include "core/bijectors/affine_coupling.h"
#include "core/bijectors/elementwise.h"
#include "core/bijectors/leaky_relu_1d.h"
#include "core/bijectors/linear.h"
#include "core/bijectors/lu_linear.h"
#include "core/bijectors/parametric_conditioner.h"
#include "core/bijectors/planar.h"
#include "core/bijectors/radial.h"
#include "core/bijectors/rational_quadratic_spline_1d.h"
#include "core/bijectors/sine_1d.h"
#include "core/bijectors/sinh_arcsinh_1d.h"
#include "core/bijectors/swap.h"
#include "core/nn/activation.h"
#include "core/nn/mlp_conditioner.h"

namespace flowlab {
namespace {

std::string num(double v) { return pyNumber(v); }
template <class T>
std::string list(const T& values) { return pyList(values); }
std::string vectorList(const Vector& v) { return pyList(v); }
std::string matrixList(const Matrix& m) { return pyMatrix(m); }

std::map<std::string, double> byName(const Bijector& b) {
  std::map<std::string, double> values;
  for (const Parameter& p : b.parameters()) values[p.name] = p.value;
  return values;
}

// A 1D bijector as a map of one column (N) -> (N, N); empty when the kind is not covered.
std::string scalarExpression(const Bijector& b) {
  std::map<std::string, double> p = byName(b);
  if (dynamic_cast<const Affine1D*>(&b)) return "_Affine1D(" + num(p["a"]) + ", " + num(p["b"]) + ")";
  if (dynamic_cast<const LeakyRelu1D*>(&b)) return "_LeakyRelu1D(" + num(p["alpha"]) + ")";
  if (dynamic_cast<const SinhArcsinh1D*>(&b))
    return "_SinhArcsinh1D(" + num(p["epsilon"]) + ", " + num(p["delta"]) + ")";
  if (dynamic_cast<const Sine1D*>(&b))
    return "_Sine1D(" + num(p["a"]) + ", " + num(p["omega"]) + ", " + num(p["phi"]) + ")";
  if (const auto* s = dynamic_cast<const RationalQuadraticSpline1D*>(&b))
    return "_Spline1D(" + list(s->knotsZ()) + ", " + list(s->knotsX()) + ", " + list(s->derivatives()) + ")";
  return "";
}

std::string mlpExpression(const MlpConditioner& c) {
  return "_MlpConditioner(" + pyMlpLayers(c.shape(), c.weights().data()) + ", \"" + activationName(c.shape().activation) +
         "\", " + num(c.logScaleBound()) + ")";
}

Expected<std::string> conditionerExpression(const Conditioner& c) {
  if (const auto* m = dynamic_cast<const MlpConditioner*>(&c)) return {Status::okStatus(), mlpExpression(*m)};
  if (dynamic_cast<const ParametricConditioner*>(&c)) {
    std::map<std::string, double> p;
    for (const Parameter& q : c.parameters()) p[q.name] = q.value;
    return {Status::okStatus(), "_ParametricConditioner(" + num(p["s0"]) + ", " + num(p["s1"]) + ", " + num(p["t0"]) +
                                    ", " + num(p["t1"]) + ", " + num(p["t2"]) + ")"};
  }
  return {Status::error("conditioner type \"" + c.type() + "\" is not supported by the PyTorch export"), ""};
}

Expected<std::string> couplingExpression(const CouplingLayer& c, bool additive) {
  const Expected<std::string> conditioner = conditionerExpression(c.conditioner());
  if (!conditioner.ok()) return conditioner;
  return {Status::okStatus(), "_Coupling(" + list(c.kept()) + ", " + list(c.rest()) + ", " + conditioner.value + ", " +
                                  (additive ? "True" : "False") + ")"};
}

// W = P L U from the layer; log|det W| = Σ log|U_ii| as LuLinear computes it.
std::string luLinearExpression(const LuLinear& lu) {
  const int d = lu.dim();
  Vector b(d);
  double logAbsDet = 0.0;
  for (const Parameter& p : lu.parameters()) {
    if (p.name[0] == 'b') b(std::stoi(p.name.substr(1))) = p.value;
    else if (p.name[0] == 'U' && p.name.size() == 3 && p.name[1] == p.name[2]) logAbsDet += std::log(std::abs(p.value));
  }
  return "_Linear(" + matrixList(lu.weight()) + ", " + vectorList(b) + ", " + num(logAbsDet) + ")";
}

Expected<std::string> expression(const Bijector& layer) {
  const auto ok = [](std::string s) { return Expected<std::string>{Status::okStatus(), std::move(s)}; };
  if (layer.dim() == 1) {
    if (std::string s = scalarExpression(layer); !s.empty()) return ok("_Elementwise([" + s + "])");
  }
  if (const auto* e = dynamic_cast<const Elementwise*>(&layer)) {
    std::string maps;
    for (int j = 0; j < e->dim(); ++j) {
      const std::string s = scalarExpression(e->coordinate(j));
      if (s.empty())
        return {Status::error("elementwise coordinate " + std::to_string(j) + ": layer type \"" + e->coordinate(j).type() +
                              "\" is not supported by the PyTorch export"),
                ""};
      maps += (j ? ", " : "") + s;
    }
    return ok("_Elementwise([" + maps + "])");
  }
  if (const auto* l = dynamic_cast<const Linear*>(&layer)) {
    const double logAbsDet = std::log(std::abs(l->A().determinant()));
    return ok("_Linear(" + matrixList(l->A()) + ", " + vectorList(l->b()) + ", " + num(logAbsDet) + ")");
  }
  if (const auto* lu = dynamic_cast<const LuLinear*>(&layer)) return ok(luLinearExpression(*lu));
  if (dynamic_cast<const Swap*>(&layer)) return ok("_Swap()");
  if (dynamic_cast<const Planar*>(&layer) || dynamic_cast<const Radial*>(&layer)) {
    const std::map<std::string, double> p = byName(layer);
    const int d = layer.dim();
    const auto pick = [&](const std::string& prefix) {
      std::vector<double> v;
      for (int j = 0; j < d; ++j) v.push_back(p.at(prefix + std::to_string(j)));
      return list(v);
    };
    if (layer.type() == "planar") return ok("_Planar(" + pick("u") + ", " + pick("w") + ", " + num(p.at("b")) + ")");
    return ok("_Radial(" + pick("z0_") + ", " + num(p.at("alpha")) + ", " + num(p.at("beta")) + ")");
  }
  if (const auto* c = dynamic_cast<const AffineCoupling*>(&layer)) return couplingExpression(*c, false);
  if (const auto* c = dynamic_cast<const AdditiveCoupling*>(&layer)) return couplingExpression(*c, true);
  return {Status::error("layer type \"" + layer.type() + "\" is not supported by the PyTorch export"), ""};
}

}  // namespace

Expected<std::string> pytorchLayerExpression(const Bijector& layer) {
  try {
    return expression(layer);
  } catch (const NonFiniteLiteral&) {
    return {Status::error("layer type \"" + layer.type() + "\" has a non-finite number"), ""};
  }
}

}  // namespace flowlab
