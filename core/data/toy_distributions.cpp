#include "core/data/toy_distributions.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "core/data/curve_density.h"

namespace flowlab {

namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kCircleInner = 0.5;
constexpr double kGaussRadius = 2.0;
constexpr double kPinRadial = 0.3, kPinTangential = 0.1, kPinRate = 0.25;
constexpr int kPinArms = 5;

// Point on curve `c` of a curve dataset at parameter u ∈ [0, 1] (noise-free).
Eigen::Vector2d curvePoint(DatasetKind kind, int c, double u) {
  switch (kind) {
    case DatasetKind::Moons: {
      const double t = kPi * u;
      return c == 0 ? Eigen::Vector2d(std::cos(t), std::sin(t))
                    : Eigen::Vector2d(1.0 - std::cos(t), 0.5 - std::sin(t));
    }
    case DatasetKind::Circles: {
      const double r = c == 0 ? 1.0 : kCircleInner, t = 2.0 * kPi * u;
      return {r * std::cos(t), r * std::sin(t)};
    }
    default: {  // spirals
      const double t = 3.0 * kPi * std::sqrt(u), sign = c == 0 ? 1.0 : -1.0;
      return {sign * -t * std::cos(t) / 3.0, sign * t * std::sin(t) / 3.0};
    }
  }
}

// Longest curve of each curve dataset, in raw units (sets the quadrature density).
double curveLength(DatasetKind kind) {
  if (kind == DatasetKind::Moons) return kPi;
  if (kind == DatasetKind::Circles) return 2.0 * kPi;
  return 3.0 * kPi * kPi / 2.0 + 4.0;  // spirals: ≈ ∫ t/3 dt plus the slow start near the centre
}

bool isCurve(DatasetKind kind) {
  return kind == DatasetKind::Moons || kind == DatasetKind::Circles || kind == DatasetKind::Spirals;
}

// log p of the pinwheel at x: sum over arms k and over every preimage f of x under
// f ↦ R(ψ(f0)) f, ψ = 2πk/5 + rate·e^{f0}, of N(f) / |det J|, det J = 1 - rate·e^{f0}·f1.
// Since |f| = |x|, f0 ∈ [-|x|, |x|]; the preimages are the roots of h(f0) = f0 - e0·R(-ψ)x,
// bracketed on a grid over the band where N(f0) is not negligible, then bisected.
double pinwheelLogProb(double x0, double x1) {
  const double r = std::hypot(x0, x1);
  const double lo = std::max(-r, 1.0 - 8.0 * kPinRadial), hi = std::min(r, 1.0 + 8.0 * kPinRadial);
  double density = 0.0;
  if (lo >= hi) return std::log(1e-300);
  const int steps = 400;
  for (int k = 0; k < kPinArms; ++k) {
    const double base = 2.0 * kPi * k / kPinArms;
    auto h = [&](double f0) {
      const double psi = base + kPinRate * std::exp(f0);
      return f0 - (std::cos(psi) * x0 + std::sin(psi) * x1);
    };
    double a = lo, ha = h(a);
    for (int i = 1; i <= steps; ++i) {
      const double b = lo + (hi - lo) * i / steps, hb = h(b);
      if ((ha < 0) != (hb < 0) || hb == 0.0) {
        double l = a, u = b, hl = ha;
        for (int it = 0; it < 60; ++it) {
          const double m = 0.5 * (l + u), hm = h(m);
          if ((hm < 0) == (hl < 0)) { l = m; hl = hm; } else { u = m; }
        }
        const double f0 = 0.5 * (l + u);
        const double psi = base + kPinRate * std::exp(f0);
        const double f1 = -std::sin(psi) * x0 + std::cos(psi) * x1;
        const double det = std::abs(1.0 - kPinRate * std::exp(f0) * f1);
        const double z0 = (f0 - 1.0) / kPinRadial, z1 = f1 / kPinTangential;
        density += std::exp(-0.5 * (z0 * z0 + z1 * z1)) / (2.0 * kPi * kPinRadial * kPinTangential * det);
      }
      a = b;
      ha = hb;
    }
  }
  return std::log(std::max(density / kPinArms, 1e-300));
}

}  // namespace

Batch sampleRaw(DatasetKind kind, double noise, int n, Rng& rng) {
  Batch x(n, 2);
  for (int i = 0; i < n; ++i) {
    Eigen::Vector2d p;
    switch (kind) {
      case DatasetKind::Moons:
        p = curvePoint(kind, i < n / 2 ? 0 : 1, rng.uniform());
        break;
      case DatasetKind::Circles:
      case DatasetKind::Spirals:
        p = curvePoint(kind, i % 2, rng.uniform());
        break;
      case DatasetKind::EightGaussians: {
        const double t = kPi / 4.0 * (i % 8);
        p = {kGaussRadius * std::cos(t), kGaussRadius * std::sin(t)};
        break;
      }
      case DatasetKind::Checkerboard: {
        const double a = 4.0 * rng.uniform() - 2.0;
        const double b = rng.uniform() - 2.0 * double(rng.uniform() < 0.5);
        p = {a, b + double(int(std::floor(a)) & 1)};
        break;
      }
      case DatasetKind::Pinwheel: {
        const double f0 = 1.0 + kPinRadial * rng.normal(), f1 = kPinTangential * rng.normal();
        const double psi = 2.0 * kPi * (i % kPinArms) / kPinArms + kPinRate * std::exp(f0);
        p = {std::cos(psi) * f0 - std::sin(psi) * f1, std::sin(psi) * f0 + std::cos(psi) * f1};
        break;
      }
    }
    if (kind != DatasetKind::Checkerboard && kind != DatasetKind::Pinwheel) {
      p.x() += noise * rng.normal();
      p.y() += noise * rng.normal();
    }
    x.row(i) = p.transpose();
  }
  return x;
}

Vector logProbRaw(DatasetKind kind, double noise, const Batch& x) {
  Vector out(x.rows());
  if (isCurve(kind)) {
    const int perCurve = std::clamp(int(std::ceil(8.0 * curveLength(kind) / noise)), 512, 16384);
    Batch nodes(2 * perCurve, 2);
    for (int c = 0; c < 2; ++c)
      for (int i = 0; i < perCurve; ++i)
        nodes.row(c * perCurve + i) = curvePoint(kind, c, (i + 0.5) / perCurve).transpose();
    return gaussianMixtureLogProb(nodes, noise, x);
  }
  if (kind == DatasetKind::EightGaussians) {
    Batch centres(8, 2);
    for (int k = 0; k < 8; ++k)
      centres.row(k) << kGaussRadius * std::cos(kPi / 4.0 * k), kGaussRadius * std::sin(kPi / 4.0 * k);
    return gaussianMixtureLogProb(centres, noise, x);
  }
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    if (kind == DatasetKind::Pinwheel) {
      out(i) = pinwheelLogProb(x(i, 0), x(i, 1));
    } else {  // checkerboard: 1/8 on the black squares, where floor(x) + floor(y) is even
      const double a = x(i, 0), b = x(i, 1);
      const bool inside = std::abs(a) <= 2.0 && std::abs(b) <= 2.0 &&
                          ((int(std::floor(a)) + int(std::floor(b))) & 1) == 0;
      out(i) = inside ? std::log(1.0 / 8.0) : -std::numeric_limits<double>::infinity();
    }
  }
  return out;
}

Moments rawMoments(DatasetKind kind, double noise) {
  const double s2 = noise * noise;
  Moments m{Eigen::Vector2d::Zero(), Eigen::Vector2d::Zero()};
  switch (kind) {
    case DatasetKind::Moons:  // E over t ~ U[0, π]: E cos = 0, E sin = 2/π, E cos² = E sin² = 1/2
      m.mean << 0.5, 0.25;
      m.stddev << std::sqrt(0.75 + s2), std::sqrt(0.5625 - 1.0 / kPi + s2);
      break;
    case DatasetKind::Circles:
      m.stddev.setConstant(std::sqrt((1.0 + kCircleInner * kCircleInner) / 4.0 + s2));
      break;
    case DatasetKind::EightGaussians:
      m.stddev.setConstant(std::sqrt(kGaussRadius * kGaussRadius / 2.0 + s2));
      break;
    case DatasetKind::Checkerboard:  // both marginals are U[-2, 2]
      m.stddev.setConstant(std::sqrt(4.0 / 3.0));
      break;
    case DatasetKind::Pinwheel:  // 5-fold symmetry: isotropic, E|x|² = E|f|² = 1 + 0.3² + 0.1²
      m.stddev.setConstant(std::sqrt((1.0 + kPinRadial * kPinRadial + kPinTangential * kPinTangential) / 2.0));
      break;
    case DatasetKind::Spirals:  // E[t² cos² t]/9 = π²/4 + 1/12 and E[t² sin² t]/9 = π²/4 - 1/12
      m.stddev << std::sqrt(kPi * kPi / 4.0 + 1.0 / 12.0 + s2), std::sqrt(kPi * kPi / 4.0 - 1.0 / 12.0 + s2);
      break;
  }
  return m;
}

}  // namespace flowlab
