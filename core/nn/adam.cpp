#include "core/nn/adam.h"

#include <cmath>
#include <limits>

namespace flowlab {

template <class T>
AdamReport adamStep(const AdamConfig& config, double learningRate, const VectorT<T>& params,
                    const AdamState<T>& in, const VectorT<T>& grad, VectorT<T>& outParams, AdamState<T>& out) {
  AdamReport report;
  // Eigen's reductions and array expressions are explicitly vectorized (a plain loop is not:
  // without -ffast-math the compiler keeps FP sums in order and std::sqrt scalar for errno).
  report.gradNorm = std::sqrt(double(grad.squaredNorm()));
  if (!std::isfinite(report.gradNorm)) {
    report.finite = false;
    return report;
  }
  const double scale =
      (config.clipNorm > 0.0 && report.gradNorm > config.clipNorm) ? config.clipNorm / report.gradNorm : 1.0;
  // Saturates instead of overflowing (signed overflow is undefined); 1 - β^t is 1 long before.
  const long long t = in.step < std::numeric_limits<long long>::max() ? in.step + 1 : in.step;
  const double bc1 = 1.0 - std::pow(config.beta1, double(t));
  const double bc2 = 1.0 - std::pow(config.beta2, double(t));
  const T b1 = T(config.beta1), b2 = T(config.beta2);
  const T c1 = T((1.0 - config.beta1) * scale), c2 = T((1.0 - config.beta2) * scale * scale);
  const T stepSize = T(learningRate / bc1), invSqrtBc2 = T(1.0 / std::sqrt(bc2)), eps = T(config.epsilon);
  out.m.resize(params.size());
  out.v.resize(params.size());
  outParams.resize(params.size());
  out.m.array() = b1 * in.m.array() + c1 * grad.array();
  out.v.array() = b2 * in.v.array() + c2 * grad.array().square();
  outParams.array() = params.array() - stepSize * out.m.array() / (out.v.array().sqrt() * invSqrtBc2 + eps);
  out.step = t;
  report.finite = outParams.allFinite() && out.v.allFinite();
  return report;
}

template AdamReport adamStep<float>(const AdamConfig&, double, const VectorT<float>&, const AdamState<float>&,
                                    const VectorT<float>&, VectorT<float>&, AdamState<float>&);
template AdamReport adamStep<double>(const AdamConfig&, double, const VectorT<double>&, const AdamState<double>&,
                                     const VectorT<double>&, VectorT<double>&, AdamState<double>&);

}  // namespace flowlab
