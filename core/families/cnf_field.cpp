#include "core/families/cnf_field.h"

#include <cmath>
#include <type_traits>

namespace flowlab {

namespace {

// The five parameter blocks of the flat array, as views (const for values, mutable for gradients).
template <class Ptr>
struct Blocks {
  using Mat = std::conditional_t<std::is_const_v<std::remove_pointer_t<Ptr>>, Eigen::Map<const Matrix>,
                                 Eigen::Map<Matrix>>;
  using Vec = std::conditional_t<std::is_const_v<std::remove_pointer_t<Ptr>>, Eigen::Map<const Vector>,
                                 Eigen::Map<Vector>>;
  Blocks(Ptr p, int d, int h)
      : w1(p, h, d), u(p + h * d, h), b1(p + h * d + h, h), w2(p + h * d + 2 * h, d, h), b2(p + 2 * h * d + 2 * h, d) {}
  Mat w1;
  Vec u, b1;
  Mat w2;
  Vec b2;
};

// c_h = Σ_i W2[i,h]·W1[h,i]: the divergence's weight on unit h's slope 1 − a_h².
template <class B>
Vector traceWeights(const B& b) {
  return (b.w1.array() * b.w2.transpose().array()).rowwise().sum().matrix();
}

}  // namespace

void CnfField::init(double* params, Rng& rng) const {
  Blocks<double*> b(params, dim_, hidden_);
  const double first = 1.0 / std::sqrt(double(dim_ + 1)), second = 0.01 / std::sqrt(double(hidden_));
  auto uniform = [&rng](double bound) { return bound * (2.0 * rng.uniform() - 1.0); };
  for (Eigen::Index k = 0; k < b.w1.size(); ++k) b.w1.data()[k] = uniform(first);
  for (int h = 0; h < hidden_; ++h) b.u(h) = uniform(first);
  for (int h = 0; h < hidden_; ++h) b.b1(h) = uniform(first);
  for (Eigen::Index k = 0; k < b.w2.size(); ++k) b.w2.data()[k] = uniform(second);
  b.b2.setZero();
}

void CnfField::eval(const double* params, const Batch& y, double t, CnfFieldEval& out) const {
  const Blocks<const double*> b(params, dim_, hidden_);
  out.a.noalias() = y * b.w1.transpose();
  out.a.rowwise() += (t * b.u + b.b1).transpose();
  // tanh(x) = 1 − 2/(1 + e^{2x}) (±1 at overflow, NaN kept): Eigen 3.4 vectorises exp but not a
  // double tanh, and the scalar tanh was most of a training step (measured 18 vs 2.5 ns per
  // entry); the error is ~3e-16 absolute.
  out.a = (1.0 - 2.0 / (1.0 + (2.0 * out.a.array()).exp())).matrix();
  out.g.noalias() = out.a * b.w2.transpose();
  out.g.rowwise() += b.b2.transpose();
  out.div.noalias() = (1.0 - out.a.array().square()).matrix() * traceWeights(b);
}

void CnfField::backward(const double* params, const Batch& y, double t, const CnfFieldEval& e, const Batch& v,
                        const Vector& s, double* grad, Batch& dy) const {
  const Blocks<const double*> b(params, dim_, hidden_);
  Blocks<double*> gb(grad, dim_, hidden_);
  const Vector c = traceWeights(b);
  const Eigen::ArrayXXd slope = 1.0 - e.a.array().square();  // tanh' = 1 − a²
  // Through g = W2 a + b2.
  gb.w2.noalias() += v.transpose() * e.a;
  gb.b2 += v.colwise().sum().transpose();
  Matrix da = v * b.w2;
  // Through div = Σ_h (1 − a_h²) c_h: d/da_h = −2 a_h c_h, and c's own weights.
  da.array() -= ((e.a.array().rowwise() * (2.0 * c).transpose().array()).colwise() * s.array());
  const Vector dc = slope.matrix().transpose() * s;
  gb.w2 += (b.w1.array().colwise() * dc.array()).matrix().transpose();
  gb.w1 += (b.w2.transpose().array().colwise() * dc.array()).matrix();
  // Through a = tanh(W1 y + u t + b1).
  const Matrix dPre = (da.array() * slope).matrix();
  gb.w1.noalias() += dPre.transpose() * y;
  const Vector unitSums = dPre.colwise().sum().transpose();
  gb.u += t * unitSums;
  gb.b1 += unitSums;
  dy.noalias() = dPre * b.w1;
}

}  // namespace flowlab
