// The element transform of a neural spline coupling (Durkan et al. 2019): a monotone
// rational-quadratic spline with K bins on [-B, B] and identity tails, its knots built from
// 3K - 1 unconstrained numbers a conditioner predicts:
//   widths  w = 2B (m + (1 - K m) softmax(ŵ)),  heights likewise from ĥ  (m = minimum bin size),
//   interior derivatives  d_k = m_d + softplus(d̂_k + σ),  σ chosen so that d̂ = 0 gives d = 1;
//   d_0 = d_K = 1 match the identity tails. All zero gives the identity map.
// Values come from core/bijectors/rational_quadratic (the hand-set spline's math); the gradient
// with respect to the input and the 3K - 1 numbers is written out here.
#pragma once

#include <vector>

#include "core/bijectors/rational_quadratic.h"

namespace flowlab {

struct SplineSpec {
  int bins = 8;        // K
  double bound = 4.0;  // B
  double minBin = 1e-3;
  double minDerivative = 1e-3;
  int paramCount() const { return 3 * bins - 1; }
};

// Knots of one spline, rebuilt per point.
struct SplineKnots {
  std::vector<double> z, x, d;  // K + 1 each: input knots, output knots, derivatives
  std::vector<double> wSoft, hSoft;  // K each: softmax(ŵ), softmax(ĥ)
  RqKnots view() const { return {z, x, d}; }
};

void buildSplineKnots(const SplineSpec& spec, const double* raw, SplineKnots& knots);

// Density direction: v = s(u) with log s'(u).
double splineApply(const SplineKnots& knots, double u, double& logDeriv);
// Generative direction: u = s^-1(v) with log (s^-1)'(v).
double splineApplyInverse(const SplineKnots& knots, double v, double& logDeriv);

// After buildSplineKnots(raw): for v = s(u), L(u) = log s'(u) and upstream gV = dLoss/dv,
// gL = dLoss/dL, ADDS dLoss/draw into dRaw (3K - 1) and returns dLoss/du.
double splineBackward(const SplineSpec& spec, const double* raw, const SplineKnots& knots, double u, double gV,
                      double gL, double* dRaw);

}  // namespace flowlab
