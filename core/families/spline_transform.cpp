#include "core/families/spline_transform.h"

#include <algorithm>
#include <cmath>

namespace flowlab {
namespace {

double softplus(double a) { return std::max(a, 0.0) + std::log1p(std::exp(-std::abs(a))); }
double sigmoid(double a) { return a >= 0 ? 1.0 / (1.0 + std::exp(-a)) : std::exp(a) / (1.0 + std::exp(a)); }
// σ with softplus(σ) = 1 - m_d, so that d̂ = 0 gives d = 1.
double derivativeShift(double minDerivative) { return std::log(std::expm1(1.0 - minDerivative)); }

void softmax(const double* a, int k, std::vector<double>& out) {
  out.resize(k);
  double top = a[0];
  for (int i = 1; i < k; ++i) top = std::max(top, a[i]);
  double sum = 0.0;
  for (int i = 0; i < k; ++i) sum += (out[i] = std::exp(a[i] - top));
  for (int i = 0; i < k; ++i) out[i] /= sum;
}

// Bin of u as core/bijectors/rational_quadratic.cpp picks it (u = z_K falls in the last bin).
int binOf(const std::vector<double>& c, double u) {
  const int k = int(std::upper_bound(c.begin(), c.end(), u) - c.begin()) - 1;
  return std::clamp(k, 0, int(c.size()) - 2);
}

}  // namespace

void buildSplineKnots(const SplineSpec& spec, const double* raw, SplineKnots& kn) {
  const int k = spec.bins;
  const double b = spec.bound, scale = 2.0 * b * (1.0 - k * spec.minBin);
  softmax(raw, k, kn.wSoft);
  softmax(raw + k, k, kn.hSoft);
  kn.z.resize(k + 1);
  kn.x.resize(k + 1);
  kn.d.resize(k + 1);
  kn.z[0] = kn.x[0] = -b;
  for (int i = 0; i < k; ++i) {
    kn.z[i + 1] = kn.z[i] + 2.0 * b * spec.minBin + scale * kn.wSoft[i];
    kn.x[i + 1] = kn.x[i] + 2.0 * b * spec.minBin + scale * kn.hSoft[i];
  }
  kn.z[k] = kn.x[k] = b;  // exact, whatever the rounding of the sums
  const double shift = derivativeShift(spec.minDerivative);
  kn.d[0] = kn.d[k] = 1.0;
  for (int i = 1; i < k; ++i) kn.d[i] = spec.minDerivative + softplus(raw[2 * k + i - 1] + shift);
}

double splineApply(const SplineKnots& knots, double u, double& logDeriv) { return rqForward(knots.view(), u, logDeriv); }

double splineApplyInverse(const SplineKnots& knots, double v, double& logDeriv) {
  return rqInverse(knots.view(), v, logDeriv);
}

double splineBackward(const SplineSpec& spec, const double* raw, const SplineKnots& kn, double u, double gV, double gL,
                      double* dRaw) {
  const int nb = spec.bins;
  if (u < kn.z[0] || u > kn.z[nb]) return gV;  // identity tail: no knot enters
  const int k = binOf(kn.z, u);
  const double zk = kn.z[k], wk = kn.z[k + 1] - kn.z[k], hk = kn.x[k + 1] - kn.x[k];
  const double d0 = kn.d[k], d1 = kn.d[k + 1];
  const double xi = (u - zk) / wk, s = hk / wk, t = xi * (1.0 - xi), om = 1.0 - xi;
  // v = x_k + h_k A / den,  A = s ξ² + d0 t,  den = s + (d0 + d1 - 2s) t;
  // L = 2 log s + log N - 2 log den,  N = d1 ξ² + 2 s t + d0 (1-ξ)².
  const double a = s * xi * xi + d0 * t, den = s + (d0 + d1 - 2.0 * s) * t;
  const double nn = d1 * xi * xi + 2.0 * s * t + d0 * om * om;
  const double aXi = 2.0 * s * xi + d0 * (1.0 - 2.0 * xi), aS = xi * xi, aD0 = t;
  const double denXi = (d0 + d1 - 2.0 * s) * (1.0 - 2.0 * xi), denS = 1.0 - 2.0 * t, denD0 = t, denD1 = t;
  const double nXi = 2.0 * d1 * xi + 2.0 * s * (1.0 - 2.0 * xi) - 2.0 * d0 * om, nS = 2.0 * t, nD0 = om * om,
               nD1 = xi * xi;
  const double den2 = den * den;
  auto vBy = [&](double aV, double denV) { return hk * (aV * den - a * denV) / den2; };
  auto lBy = [&](double nV, double denV) { return nV / nn - 2.0 * denV / den; };
  // Upstream gradient on ξ, s, h_k, d_k, d_{k+1} (x_k enters v with slope 1).
  const double gXi = gV * vBy(aXi, denXi) + gL * lBy(nXi, denXi);
  const double gS = gV * vBy(aS, denS) + gL * (2.0 / s + lBy(nS, denS));
  const double gD0 = gV * vBy(aD0, denD0) + gL * lBy(nD0, denD0);
  const double gD1 = gV * vBy(0.0, denD1) + gL * lBy(nD1, denD1);
  const double gXk = gV;
  double gHk = gV * a / den + gS / wk;  // s = h/w
  // ξ = (u - z_k)/w_k, s = h_k/w_k.
  const double gU = gXi / wk;
  const double gZk = -gXi / wk;
  const double gWk = -gXi * xi / wk - gS * s / wk;
  // z_k = -B + Σ_{j<k} w_j and w_k itself; x_k = -B + Σ_{j<k} h_j and h_k.
  thread_local std::vector<double> gw, gh;  // no allocation per point
  gw.assign(nb, 0.0);
  gh.assign(nb, 0.0);
  for (int j = 0; j < k; ++j) {
    gw[j] += gZk;
    gh[j] += gXk;
  }
  gw[k] += gWk;
  gh[k] += gHk;
  // w_j = 2B m + 2B (1 - K m) softmax_j: softmax backward  dŵ_j = p_j (g_j - Σ p g).
  const double scale = 2.0 * spec.bound * (1.0 - nb * spec.minBin);
  double dotW = 0.0, dotH = 0.0;
  for (int j = 0; j < nb; ++j) {
    dotW += kn.wSoft[j] * gw[j];
    dotH += kn.hSoft[j] * gh[j];
  }
  for (int j = 0; j < nb; ++j) {
    dRaw[j] += scale * kn.wSoft[j] * (gw[j] - dotW);
    dRaw[nb + j] += scale * kn.hSoft[j] * (gh[j] - dotH);
  }
  // d_i = m_d + softplus(d̂_{i-1} + σ) for interior knots 1..K-1.
  const double shift = derivativeShift(spec.minDerivative);
  if (k >= 1) dRaw[2 * nb + k - 1] += gD0 * sigmoid(raw[2 * nb + k - 1] + shift);
  if (k + 1 <= nb - 1) dRaw[2 * nb + k] += gD1 * sigmoid(raw[2 * nb + k] + shift);
  return gU;
}

}  // namespace flowlab
