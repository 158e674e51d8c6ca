#include "core/inspect/mass_gauge.h"

#include <cmath>
#include <functional>

namespace flowlab {
namespace {

// Adaptive Simpson on [a, b] with the classic Richardson correction; f values are cached by the caller.
double adaptiveSimpson(const std::function<double(double)>& f, double a, double b, double fa, double fm, double fb,
                       double whole, double tolerance, int depth) {
  const double m = 0.5 * (a + b);
  const double lm = 0.5 * (a + m), rm = 0.5 * (m + b);
  const double flm = f(lm), frm = f(rm);
  const double left = (m - a) / 6.0 * (fa + 4.0 * flm + fm);
  const double right = (b - m) / 6.0 * (fm + 4.0 * frm + fb);
  const double delta = left + right - whole;
  if (depth <= 0 || std::abs(delta) <= 15.0 * tolerance) return left + right + delta / 15.0;
  return adaptiveSimpson(f, a, m, fa, flm, fm, left, 0.5 * tolerance, depth - 1) +
         adaptiveSimpson(f, m, b, fm, frm, fb, right, 0.5 * tolerance, depth - 1);
}

}  // namespace

Expected<Mass1D> massGauge1D(const Flow& flow, double xMin, double xMax, double tolerance) {
  Expected<Mass1D> out;
  if (flow.dim() != 1) {
    out.status = Status::error("mass gauge: the flow is not 1D");
    return out;
  }
  if (!(xMin < xMax) || !std::isfinite(xMin) || !std::isfinite(xMax)) {
    out.status = Status::error("mass gauge: the window must satisfy xMin < xMax");
    return out;
  }
  if (Status s = flow.validate(); !s.ok()) {
    out.status = s;
    return out;
  }
  Mass1D& m = out.value;
  Status failure;
  auto density = [&](double x) {
    ++m.evaluations;
    Batch p(1, 1);
    p(0, 0) = x;
    const auto lp = flow.logProb(p);
    if (!lp.ok()) {
      failure = lp.status;
      return 0.0;
    }
    return std::exp(lp.value(0));
  };
  // Split the window in 64 panels first, so narrow peaks between coarse nodes are not missed.
  const int panels = 64;
  const double h = (xMax - xMin) / panels;
  for (int i = 0; i < panels && failure.ok(); ++i) {
    const double a = xMin + i * h, b = a + h;
    const double fa = density(a), fm = density(0.5 * (a + b)), fb = density(b);
    const double whole = h / 6.0 * (fa + 4.0 * fm + fb);
    m.visible += adaptiveSimpson(density, a, b, fa, fm, fb, whole, tolerance / panels, 30);
  }
  if (!failure.ok()) {
    out.status = failure;
    return out;
  }
  Batch ends(2, 1);
  ends << xMin, xMax;
  const auto z = flow.inverse(ends);
  if (!z.ok()) {
    out.status = z.status;
    return out;
  }
  m.outside = 1.0 - std::abs(normalCdf(z.value.value(1, 0)) - normalCdf(z.value.value(0, 0)));
  return out;
}

}  // namespace flowlab
