// The preset targets of target.h, with analytic gradients.
#include <algorithm>
#include <cmath>
#include <numbers>

#include "core/energy/target.h"

namespace flowlab {
namespace {

constexpr double kPi = std::numbers::pi;

// log(e^a + e^b) and the weight e^a / (e^a + e^b) of its first term.
struct LogAddExp {
  double value, first;
};
LogAddExp logAddExp(double a, double b) {
  const double m = std::max(a, b);
  const double ea = std::exp(a - m), eb = std::exp(b - m);
  return {m + std::log(ea + eb), ea / (ea + eb)};
}

double sigmoid(double t) { return 1.0 / (1.0 + std::exp(-t)); }

// The envelope of U2-U4 (target.h): -(x/4)^8 / 2 and its derivative.
double envelope(double x) { return -0.5 * std::pow(x / 4.0, 8); }
double envelopeSlope(double x) { return -std::pow(x / 4.0, 7); }

// The shared waves of Rezende & Mohamed's table 1 and their derivatives in x.
double w1(double x) { return std::sin(kPi * x / 2.0); }
double w1Slope(double x) { return kPi / 2.0 * std::cos(kPi * x / 2.0); }
double w2(double x) { return 3.0 * std::exp(-0.5 * std::pow((x - 1.0) / 0.6, 2)); }
double w2Slope(double x) { return -w2(x) * (x - 1.0) / 0.36; }
double w3(double x) { return 3.0 * sigmoid((x - 1.0) / 0.3); }
double w3Slope(double x) {
  const double s = sigmoid((x - 1.0) / 0.3);
  return 3.0 * s * (1.0 - s) / 0.3;
}

// A preset as two point functions: u and ∇u at (x, y).
class PresetTarget : public Target {
 public:
  struct Point {
    double u, gx, gy;
  };
  using Eval = Point (*)(double, double);
  using Sampler = void (*)(Rng&, double&, double&);

  PresetTarget(std::string name, std::string description, Eval eval, std::optional<double> logZ, Sampler sampler = nullptr)
      : name_(std::move(name)), description_(std::move(description)), eval_(eval), logZ_(logZ), sampler_(sampler) {}

  bool canSample() const override { return sampler_ != nullptr; }
  Batch sample(int n, Rng& rng) const override {
    Batch x(sampler_ ? n : 0, 2);
    for (int i = 0; i < x.rows(); ++i) sampler_(rng, x(i, 0), x(i, 1));
    return x;
  }

  TargetPtr clone() const override { return std::make_unique<PresetTarget>(*this); }
  std::string name() const override { return name_; }
  std::string description() const override { return description_; }
  bool isPreset() const override { return true; }
  std::optional<double> knownLogZ() const override { return logZ_; }

  Vector logDensity(const Batch& x) const override {
    Vector u(x.rows());
    for (Eigen::Index i = 0; i < x.rows(); ++i) u(i) = eval_(x(i, 0), x(i, 1)).u;
    return u;
  }
  Batch gradient(const Batch& x) const override {
    Batch g(x.rows(), 2);
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
      const Point p = eval_(x(i, 0), x(i, 1));
      g(i, 0) = p.gx;
      g(i, 1) = p.gy;
    }
    return g;
  }

 private:
  std::string name_, description_;
  Eval eval_;
  std::optional<double> logZ_;
  Sampler sampler_;
};

PresetTarget::Point u1(double x, double y) {
  const double r = std::hypot(x, y);
  const double ring = (r - 2.0) / 0.4;
  const LogAddExp halves = logAddExp(-0.5 * std::pow((x - 2.0) / 0.6, 2), -0.5 * std::pow((x + 2.0) / 0.6, 2));
  const double dRing = r > 0 ? -ring / 0.4 / r : 0.0;  // d(-ring²/2)/dr divided by r
  const double dHalves = halves.first * (-(x - 2.0) / 0.36) + (1.0 - halves.first) * (-(x + 2.0) / 0.36);
  return {-0.5 * ring * ring + halves.value, dRing * x + dHalves, dRing * y};
}

PresetTarget::Point u2(double x, double y) {
  const double d = (y - w1(x)) / 0.4;
  return {-0.5 * d * d + envelope(x), d / 0.4 * w1Slope(x) + envelopeSlope(x), -d / 0.4};
}

PresetTarget::Point u3(double x, double y) {
  const double s2 = 0.35 * 0.35;
  const double d1 = y - w1(x), d2 = y - w1(x) + w2(x);
  const LogAddExp l = logAddExp(-0.5 * d1 * d1 / s2, -0.5 * d2 * d2 / s2);
  const double p = l.first, q = 1.0 - p;
  const double gx = p * (d1 / s2) * w1Slope(x) + q * (-d2 / s2) * (w2Slope(x) - w1Slope(x));
  return {l.value + envelope(x), gx + envelopeSlope(x), p * (-d1 / s2) + q * (-d2 / s2)};
}

PresetTarget::Point u4(double x, double y) {
  const double s1 = 0.4 * 0.4, s2 = 0.35 * 0.35;
  const double d1 = y - w1(x), d2 = y - w1(x) + w3(x);
  const LogAddExp l = logAddExp(-0.5 * d1 * d1 / s1, -0.5 * d2 * d2 / s2);
  const double p = l.first, q = 1.0 - p;
  const double gx = p * (d1 / s1) * w1Slope(x) + q * (-d2 / s2) * (w3Slope(x) - w1Slope(x));
  return {l.value + envelope(x), gx + envelopeSlope(x), p * (-d1 / s1) + q * (-d2 / s2)};
}

constexpr double kRingRadius = 2.5, kRingSigma = 0.25;
PresetTarget::Point ring(double x, double y) {
  const double r = std::hypot(x, y);
  const double d = (r - kRingRadius) / kRingSigma;
  const double dr = r > 0 ? -d / kRingSigma / r : 0.0;
  return {-0.5 * d * d, dr * x, dr * y};
}
// ∫ exp(-(r - r0)²/2σ²) 2πr dr over r >= 0, exactly.
double ringLogZ() {
  const double r0 = kRingRadius, s = kRingSigma;
  const double radial = s * s * std::exp(-r0 * r0 / (2 * s * s)) +
                        r0 * s * std::sqrt(kPi / 2) * (1.0 + std::erf(r0 / (s * std::sqrt(2.0))));
  return std::log(2 * kPi * radial);
}

// Radius with density ∝ r·exp(−(r − r0)²/2σ²) (the ring in polar coordinates) by rejection from
// N(r0, σ) with acceptance r / rMax; the angle is uniform.
void sampleRing(Rng& rng, double& x, double& y) {
  const double rMax = kRingRadius + 8 * kRingSigma;
  double r;
  do r = kRingRadius + kRingSigma * rng.normal();
  while (r <= 0 || r >= rMax || rng.uniform() * rMax > r);
  const double t = 2 * kPi * rng.uniform();
  x = r * std::cos(t);
  y = r * std::sin(t);
}

constexpr double kBananaSx = 1.5, kBananaSy = 0.4;
void sampleBanana(Rng& rng, double& x, double& y) {
  x = kBananaSx * rng.normal();
  y = 0.5 * x * x - 2.0 + kBananaSy * rng.normal();
}
// x ~ N(0, 1.5²), y | x ~ N(x²/2 - 2, 0.4²): a shear of a Gaussian, so Z = 2π·1.5·0.4.
PresetTarget::Point banana(double x, double y) {
  const double a = x / kBananaSx, d = (y - 0.5 * x * x + 2.0) / kBananaSy;
  return {-0.5 * a * a - 0.5 * d * d, -a / kBananaSx + d / kBananaSy * x, -d / kBananaSy};
}

constexpr int kMixtureK = 4;
constexpr double kMixtureRadius = 2.5, kMixtureSigma = 0.45;
void sampleMixture(Rng& rng, double& x, double& y) {
  const int k = std::min(kMixtureK - 1, int(rng.uniform() * kMixtureK));
  const double t = 2 * kPi * k / kMixtureK + kPi / 4;
  x = kMixtureRadius * std::cos(t) + kMixtureSigma * rng.normal();
  y = kMixtureRadius * std::sin(t) + kMixtureSigma * rng.normal();
}
// Σ_k exp(-|x - μ_k|²/2σ²), μ_k on a circle: Z = K·2πσ².
PresetTarget::Point mixture(double x, double y) {
  double a[kMixtureK], m = -1e300;
  for (int k = 0; k < kMixtureK; ++k) {
    const double t = 2 * kPi * k / kMixtureK + kPi / 4;
    const double dx = x - kMixtureRadius * std::cos(t), dy = y - kMixtureRadius * std::sin(t);
    a[k] = -0.5 * (dx * dx + dy * dy) / (kMixtureSigma * kMixtureSigma);
    m = std::max(m, a[k]);
  }
  double s = 0, gx = 0, gy = 0;
  for (int k = 0; k < kMixtureK; ++k) {
    const double t = 2 * kPi * k / kMixtureK + kPi / 4;
    const double e = std::exp(a[k] - m);
    s += e;
    gx -= e * (x - kMixtureRadius * std::cos(t));
    gy -= e * (y - kMixtureRadius * std::sin(t));
  }
  const double s2 = kMixtureSigma * kMixtureSigma;
  return {m + std::log(s), gx / (s * s2), gy / (s * s2)};
}

}  // namespace

const std::vector<std::string>& targetPresetNames() {
  static const std::vector<std::string> names = {"u1", "u2", "u3", "u4", "ring", "banana", "mixture"};
  return names;
}

MixtureTargetShape mixtureTargetShape() { return {kMixtureK, kMixtureRadius, kMixtureSigma}; }

TargetPtr makePresetTarget(const std::string& name) {
  auto make = [](std::string n, std::string d, PresetTarget::Eval e, std::optional<double> z,
                 PresetTarget::Sampler sampler = nullptr) {
    return std::make_unique<PresetTarget>(std::move(n), std::move(d), e, z, sampler);
  };
  if (name == "u1") return make(name, "U1 (Rezende & Mohamed 2015): a ring of radius 2 cut into two arcs", u1, {});
  if (name == "u2") return make(name, "U2 (Rezende & Mohamed 2015): a sine wave, y = sin(πx/2)", u2, {});
  if (name == "u3") return make(name, "U3 (Rezende & Mohamed 2015): a sine wave splitting in two near x = 1", u3, {});
  if (name == "u4") return make(name, "U4 (Rezende & Mohamed 2015): a sine wave and a step-shifted copy", u4, {});
  if (name == "ring") return make(name, "a thin ring, radius 2.5 and width σ = 0.25 (log Z known)", ring, ringLogZ(), sampleRing);
  if (name == "banana")
    return make(name, "a banana: x ~ N(0, 1.5²), y ~ N(x²/2 − 2, 0.4²) (log Z known)", banana,
                std::log(2 * kPi * kBananaSx * kBananaSy), sampleBanana);
  if (name == "mixture")
    return make(name, "four Gaussians of σ = 0.45 on a circle of radius 2.5, far apart (log Z known)", mixture,
                std::log(kMixtureK * 2 * kPi * kMixtureSigma * kMixtureSigma), sampleMixture);
  return nullptr;
}

Expected<TargetPtr> makeTarget(const std::string& nameOrExpression) {
  if (TargetPtr preset = makePresetTarget(nameOrExpression)) return {Status::okStatus(), std::move(preset)};
  return makeExpressionTarget(nameOrExpression);
}

}  // namespace flowlab
