// Layer and family cases shared by the core/families tests: small conditioners, random weights
// (the zero-initialised output layers would make every check trivial).
#pragma once

#include <functional>
#include <limits>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "core/families/actnorm.h"
#include "core/families/autoregressive.h"
#include "core/families/cnf_layer.h"
#include "core/families/coupling.h"
#include "core/families/diagonal_scale.h"
#include "core/families/families.h"
#include "core/families/lu_linear_layer.h"
#include "core/families/residual_layers.h"

namespace flowlab::test {

struct LayerCase {
  std::string name;
  std::function<TrainableLayerPtr()> make;
  double weightNoise = 0.5;  // U(-a, a) added to the initial parameters
  // Known entries of dx/dz (NaN: free), for the battery's structural check; empty: none.
  std::function<Matrix()> pattern = {};
};

inline void PrintTo(const LayerCase& c, std::ostream* out) { *out << c.name; }

// dx/dz of an autoregressive layer: x at order position p depends on z at positions <= p only.
inline Matrix autoregressivePattern(const std::vector<int>& order) {
  const int d = int(order.size());
  Matrix m = Matrix::Constant(d, d, std::numeric_limits<double>::quiet_NaN());
  for (int p = 0; p < d; ++p)
    for (int q = p + 1; q < d; ++q) m(order[p], order[q]) = 0.0;
  return m;
}

inline Matrix keptPattern(int dim, const std::vector<int>& kept) {
  Matrix m = Matrix::Constant(dim, dim, std::numeric_limits<double>::quiet_NaN());
  std::vector<bool> isKept(dim, false);
  for (int k : kept) isKept[k] = true;
  for (int r = 0; r < dim; ++r)
    for (int c = 0; c < dim; ++c) {
      if (isKept[r]) m(r, c) = r == c ? 1.0 : 0.0;  // kept rows pass through
      else if (!isKept[c] && c != r) m(r, c) = 0.0;  // moved coordinates move independently
    }
  return m;
}

inline Matrix diagonalOnly(int dim) {
  Matrix m = Matrix::Zero(dim, dim);
  m.diagonal().setConstant(std::numeric_limits<double>::quiet_NaN());
  return m;
}

inline CouplingSpec smallCoupling(int dim, std::vector<int> kept, CouplingTransform t) {
  CouplingSpec s;
  s.dim = dim;
  s.kept = std::move(kept);
  s.transform = t;
  s.hidden = 6;
  s.depth = 2;
  s.spline.bins = 5;
  s.spline.bound = 2.0;
  return s;
}

inline AutoregressiveSpec smallMade(int dim, bool iaf, bool reversed) {
  AutoregressiveSpec s;
  s.dim = dim;
  for (int v = 0; v < dim; ++v) s.order.push_back(reversed ? dim - 1 - v : v);
  s.inverseForm = iaf;
  s.hidden = 6;
  s.depth = 2;
  return s;
}

// A continuous-flow segment with steps fine enough that RK4's round trip stays inside the
// battery's 1e-9 (at 8 steps a few draws reach 2e-9; 16 steps divide that by ~32, see
// tests/core/families/cnf_test.cpp).
inline CnfSegmentSpec smallCnfSegment(int dim) {
  CnfSegmentSpec s;
  s.dim = dim;
  s.hidden = 6;
  s.t0 = 0.25;
  s.t1 = 0.75;
  s.steps = 16;
  return s;
}

inline std::vector<LayerCase> layerCases() {
  using T = CouplingTransform;
  return {
      {"additive_coupling", [] { return std::make_unique<TrainableCoupling>(smallCoupling(2, {0}, T::Additive)); },
       0.5, [] { return keptPattern(2, {0}); }},
      {"affine_coupling", [] { return std::make_unique<TrainableCoupling>(smallCoupling(2, {1}, T::Affine)); }, 0.5,
       [] { return keptPattern(2, {1}); }},
      {"affine_coupling_3d", [] { return std::make_unique<TrainableCoupling>(smallCoupling(3, {0, 2}, T::Affine)); },
       0.5, [] { return keptPattern(3, {0, 2}); }},
      {"spline_coupling", [] { return std::make_unique<TrainableCoupling>(smallCoupling(2, {0}, T::Spline)); }, 1.0,
       [] { return keptPattern(2, {0}); }},
      {"spline_coupling_3d", [] { return std::make_unique<TrainableCoupling>(smallCoupling(3, {1}, T::Spline)); },
       1.0, [] { return keptPattern(3, {1}); }},
      {"actnorm", [] { return std::make_unique<TrainableActNorm>(2); }, 0.5, [] { return diagonalOnly(2); }},
      {"diagonal_scale", [] { return std::make_unique<TrainableDiagonalScale>(2); }, 0.5,
       [] { return diagonalOnly(2); }},
      {"lu_linear", [] { return std::make_unique<TrainableLuLinear>(2, std::vector<int>{1, 0}); }},
      {"lu_linear_3d", [] { return std::make_unique<TrainableLuLinear>(3, std::vector<int>{2, 0, 1}); }},
      {"maf", [] { return std::make_unique<TrainableAutoregressive>(smallMade(2, false, false)); }, 0.5,
       [] { return autoregressivePattern({0, 1}); }},
      {"maf_reversed", [] { return std::make_unique<TrainableAutoregressive>(smallMade(2, false, true)); }, 0.5,
       [] { return autoregressivePattern({1, 0}); }},
      {"maf_3d", [] { return std::make_unique<TrainableAutoregressive>(smallMade(3, false, true)); }, 0.5,
       [] { return autoregressivePattern({2, 1, 0}); }},
      {"iaf", [] { return std::make_unique<TrainableAutoregressive>(smallMade(2, true, false)); }, 0.5,
       [] { return autoregressivePattern({0, 1}); }},
      {"iaf_3d", [] { return std::make_unique<TrainableAutoregressive>(smallMade(3, true, false)); }, 0.5,
       [] { return autoregressivePattern({0, 1, 2}); }},
      {"planar", [] { return std::make_unique<TrainablePlanar>(2); }, 0.5},
      {"planar_3d", [] { return std::make_unique<TrainablePlanar>(3); }, 0.5},
      {"radial", [] { return std::make_unique<TrainableRadial>(2); }, 0.5},
      {"radial_3d", [] { return std::make_unique<TrainableRadial>(3); }, 0.5},
      {"cnf_segment", [] { return std::make_unique<TrainableCnfSegment>(smallCnfSegment(2)); }, 0.5},
      {"cnf_segment_3d", [] { return std::make_unique<TrainableCnfSegment>(smallCnfSegment(3)); }, 0.5},
  };
}

// A family small enough for finite differences over every weight.
inline FamilyConfig smallFamily(FamilyKind kind) {
  FamilyConfig c;
  c.kind = kind;
  c.layers = 3;
  c.hidden = 6;
  c.depth = 2;
  c.bins = 5;
  c.bound = 3.0;
  c.solverSteps = 8;
  return c;
}

inline const std::vector<FamilyKind>& allFamilies() {
  static const std::vector<FamilyKind> k = {FamilyKind::Nice, FamilyKind::RealNvp, FamilyKind::Glow,
                                            FamilyKind::Maf,  FamilyKind::Iaf,     FamilyKind::Nsf,
                                            FamilyKind::Cnf};
  return k;
}

// init, then U(-a, a) on every weight.
inline std::vector<double> randomWeights(const TrainableLayer& layer, Rng& rng, double a) {
  std::vector<double> p(layer.paramCount());
  layer.init(p.data(), rng);
  for (double& v : p) v += a * (2.0 * rng.uniform() - 1.0);
  return p;
}

inline std::vector<double> randomWeights(const TrainableFlow& flow, Rng& rng, double a) {
  std::vector<double> p(flow.paramCount());
  flow.init(p.data(), rng);
  for (double& v : p) v += a * (2.0 * rng.uniform() - 1.0);
  return p;
}

}  // namespace flowlab::test
