#include "tests/core/bijectors/random_bijectors.h"

#include <Eigen/SVD>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>

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

namespace flowlab::test {
namespace {

double uniform(Rng& rng, double lo, double hi) { return lo + (hi - lo) * rng.uniform(); }
double randomSign(Rng& rng) { return rng.uniform() < 0.5 ? -1.0 : 1.0; }
int randomInt(Rng& rng, int lo, int hi) { return lo + static_cast<int>(rng.uniform() * (hi - lo + 1)); }
Vector normalVector(Rng& rng, int n, double scale = 1.0) { return rng.normalBatch(n, 1).col(0) * scale; }

// Increasing knots starting near `start`, with random positive gaps.
std::vector<double> increasing(Rng& rng, int count, double start, double meanGap) {
  std::vector<double> knots(count);
  knots[0] = start;
  for (int k = 1; k < count; ++k) knots[k] = knots[k - 1] + meanGap * std::exp(0.5 * rng.normal());
  return knots;
}

// A random split of 0..dim-1 into kept (1..dim-1 coordinates) and rest.
std::vector<int> randomKept(Rng& rng, int dim) {
  std::vector<int> order(dim);
  std::iota(order.begin(), order.end(), 0);
  for (int i = dim - 1; i > 0; --i) std::swap(order[i], order[randomInt(rng, 0, i)]);
  order.resize(randomInt(rng, 1, dim - 1));
  std::sort(order.begin(), order.end());
  return order;
}

}  // namespace

BijectorPtr randomAffine1D(Rng& rng) {
  return std::make_unique<Affine1D>(randomSign(rng) * uniform(rng, 0.2, 3.0), 2.0 * rng.normal());
}

BijectorPtr randomSine1D(Rng& rng) {
  const double omega = uniform(rng, 0.1, 3.0);
  return std::make_unique<Sine1D>(randomSign(rng) * uniform(rng, 0.0, 0.9) / omega, omega,
                                  uniform(rng, -std::numbers::pi, std::numbers::pi));
}

BijectorPtr randomSinhArcsinh1D(Rng& rng) {
  return std::make_unique<SinhArcsinh1D>(uniform(rng, -1.5, 1.5), uniform(rng, 0.4, 2.5));
}

BijectorPtr randomLeakyRelu1D(Rng& rng) { return std::make_unique<LeakyRelu1D>(uniform(rng, 0.1, 3.0)); }

BijectorPtr randomSpline1D(Rng& rng) {
  const int bins = randomInt(rng, 2, 8);
  std::vector<double> d(bins + 1);
  for (double& v : d) v = std::exp(0.7 * rng.normal());
  return std::make_unique<RationalQuadraticSpline1D>(increasing(rng, bins + 1, uniform(rng, -3.5, -2.5), 6.0 / bins),
                                                     increasing(rng, bins + 1, uniform(rng, -3.5, -2.5), 6.0 / bins), d);
}

BijectorPtr randomScalar(Rng& rng) {
  switch (randomInt(rng, 0, 4)) {
    case 0: return randomAffine1D(rng);
    case 1: return randomSine1D(rng);
    case 2: return randomSinhArcsinh1D(rng);
    case 3: return randomLeakyRelu1D(rng);
    default: return randomSpline1D(rng);
  }
}

BijectorPtr randomLinear(Rng& rng, int dim) {
  for (;;) {
    const Matrix A = rng.normalBatch(dim, dim);
    const Vector sv = Eigen::JacobiSVD<Matrix>(A).singularValues();
    if (sv(0) <= 20.0 * sv(dim - 1)) return std::make_unique<Linear>(A, normalVector(rng, dim));
  }
}

BijectorPtr randomLuLinear(Rng& rng, int dim) {
  std::vector<int> permutation(dim);
  std::iota(permutation.begin(), permutation.end(), 0);
  for (int i = dim - 1; i > 0; --i) std::swap(permutation[i], permutation[randomInt(rng, 0, i)]);
  Matrix lower = Matrix::Identity(dim, dim), upper = Matrix::Zero(dim, dim);
  for (int i = 0; i < dim; ++i) {
    for (int j = 0; j < i; ++j) lower(i, j) = 0.5 * rng.normal();
    upper(i, i) = randomSign(rng) * std::exp(0.5 * rng.normal());
    for (int j = i + 1; j < dim; ++j) upper(i, j) = 0.5 * rng.normal();
  }
  return std::make_unique<LuLinear>(permutation, lower, upper, normalVector(rng, dim));
}

BijectorPtr randomElementwise(Rng& rng, int dim) {
  std::vector<BijectorPtr> maps;
  for (int j = 0; j < dim; ++j) maps.push_back(randomScalar(rng));
  return std::make_unique<Elementwise>(std::move(maps));
}

BijectorPtr randomPlanar(Rng& rng, int dim) {
  const Vector w = normalVector(rng, dim);
  Vector u = normalVector(rng, dim);
  while (w.dot(u) < -0.8) u = normalVector(rng, dim);
  return std::make_unique<Planar>(u, w, rng.normal());
}

BijectorPtr randomRadial(Rng& rng, int dim) {
  const double alpha = std::exp(uniform(rng, -1.5, 1.0));
  return std::make_unique<Radial>(normalVector(rng, dim), alpha, uniform(rng, -0.9 * alpha, 3.0));
}

BijectorPtr randomAffineCoupling2D(Rng& rng) {
  auto c = std::make_unique<ParametricConditioner>(uniform(rng, -1, 1), uniform(rng, -1, 1), rng.normal(), rng.normal(),
                                                   uniform(rng, -1, 1));
  return std::make_unique<AffineCoupling>(2, std::vector<int>{randomInt(rng, 0, 1)}, std::move(c));
}

BijectorPtr randomAdditiveCoupling2D(Rng& rng) {
  auto c = std::make_unique<ParametricConditioner>(0.0, 0.0, rng.normal(), rng.normal(), uniform(rng, -1, 1));
  return std::make_unique<AdditiveCoupling>(2, std::vector<int>{randomInt(rng, 0, 1)}, std::move(c));
}

BijectorPtr randomAffineCoupling(Rng& rng, int dim) {
  std::vector<int> kept = randomKept(rng, dim);
  const int k = static_cast<int>(kept.size());
  return std::make_unique<AffineCoupling>(dim, std::move(kept), TanhLinearConditioner::random(rng, k, dim - k));
}

BijectorPtr randomAdditiveCoupling(Rng& rng, int dim) {
  std::vector<int> kept = randomKept(rng, dim);
  const int k = static_cast<int>(kept.size());
  return std::make_unique<AdditiveCoupling>(dim, std::move(kept), TanhLinearConditioner::random(rng, k, dim - k));
}

std::vector<BijectorCase> engineBijectorCases() {
  const auto kept = [](const Bijector& b) { return dynamic_cast<const CouplingLayer&>(b).kept(); };
  const JacobianPattern coupling = [kept](const Bijector& b) { return couplingPattern(b.dim(), kept(b)); };
  const JacobianPattern diagonal = [](const Bijector& b) { return diagonalPattern(b.dim()); };
  const JacobianPattern swap = [](const Bijector& b) { return Matrix(Matrix::Identity(b.dim(), b.dim()).rowwise().reverse()); };
  return {
      {"Affine1D", randomAffine1D},
      {"Sine1D", randomSine1D},
      {"SinhArcsinh1D", randomSinhArcsinh1D},
      {"LeakyRelu1D", randomLeakyRelu1D},
      {"RationalQuadraticSpline1D", randomSpline1D},
      {"Linear2D", [](Rng& r) { return randomLinear(r, 2); }},
      {"Linear4D", [](Rng& r) { return randomLinear(r, 4); }},
      {"LuLinear3D", [](Rng& r) { return randomLuLinear(r, 3); }},
      {"Elementwise2D", [](Rng& r) { return randomElementwise(r, 2); }, diagonal},
      {"Elementwise3D", [](Rng& r) { return randomElementwise(r, 3); }, diagonal},
      {"Planar2D", [](Rng& r) { return randomPlanar(r, 2); }},
      {"Planar3D", [](Rng& r) { return randomPlanar(r, 3); }},
      {"Radial2D", [](Rng& r) { return randomRadial(r, 2); }},
      {"Radial3D", [](Rng& r) { return randomRadial(r, 3); }},
      {"AffineCoupling2D", randomAffineCoupling2D, coupling},
      {"AffineCoupling4D", [](Rng& r) { return randomAffineCoupling(r, 4); }, coupling},
      {"AdditiveCoupling2D", randomAdditiveCoupling2D, coupling},
      {"AdditiveCoupling3D", [](Rng& r) { return randomAdditiveCoupling(r, 3); }, coupling},
      {"Swap2D", [](Rng&) { return std::make_unique<Swap>(2); }, swap},
      {"Swap3D", [](Rng&) { return std::make_unique<Swap>(3); }, swap},
  };
}

}  // namespace flowlab::test
