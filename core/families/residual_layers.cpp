#include "core/families/residual_layers.h"

#include <cmath>

#include "core/bijectors/planar.h"
#include "core/bijectors/radial.h"

namespace flowlab {
namespace {

double softplus(double s) { return s > 0 ? s + std::log1p(std::exp(-s)) : std::log1p(std::exp(s)); }
double sigmoid(double s) { return 1.0 / (1.0 + std::exp(-s)); }
const double kSoftplusOne = std::log(std::exp(1.0) - 1.0);  // softplus(kSoftplusOne) = 1

Eigen::Map<const Vector> slice(const double* p, int start, int len) { return {p + start, len}; }

}  // namespace

// ---- planar ----

PlanarValues TrainablePlanar::values(const double* params) const {
  const auto u = slice(params, 0, dim_), w = slice(params, dim_, dim_);
  const double s = w.dot(u), ww = w.squaredNorm();
  const double c = ww > 0 ? (-1.0 + softplus(s) - s) / ww : 0.0;
  return {u + c * w, w, params[2 * dim_]};
}

void TrainablePlanar::init(double* params, Rng& rng) const {
  for (int j = 0; j < dim_; ++j) params[j] = 0.1 * rng.normal();
  for (int j = 0; j < dim_; ++j) params[dim_ + j] = 0.5 * rng.normal();
  params[2 * dim_] = 0.1 * rng.normal();
}

Transformed TrainablePlanar::forward(const double* params, const Batch& z) {
  const PlanarValues v = values(params);
  return Planar(v.u, v.w, v.b).inverse(z);
}

Transformed TrainablePlanar::inverse(const double* params, const Batch& x) {
  const PlanarValues v = values(params);
  const double m = v.w.dot(v.u);
  x_ = x;
  t_ = ((x * v.w).array() + v.b).tanh().matrix();
  Transformed r{x + t_ * v.u.transpose(), Vector(x.rows())};
  r.logAbsDet = (1.0 + (1.0 - t_.array().square()) * m).log().matrix();
  return r;
}

void TrainablePlanar::backward(const double* params, const Batch& gZ, const Vector& gLogDet, double* grad,
                               Batch& gX) {
  const PlanarValues v = values(params);
  const double m = v.w.dot(v.u);
  const Eigen::ArrayXd h1 = 1.0 - t_.array().square();        // tanh'
  const Eigen::ArrayXd h2 = -2.0 * t_.array() * h1;           // tanh''
  const Eigen::ArrayXd phi = 1.0 + h1 * m;                    // 1 + tanh'·wᵀû
  const Eigen::ArrayXd gOverPhi = gLogDet.array() * h1 / phi;  // dL/dm per row
  const Vector ga = ((gZ * v.u).array() * h1 + gLogDet.array() * h2 * m / phi).matrix();  // dL/da
  gX = gZ + ga * v.w.transpose();
  const double gm = gOverPhi.sum();
  // Gradients in (û, w, b) with û free ...
  const Vector gu = gZ.transpose() * t_ + gm * v.w;
  const Vector gwDirect = x_.transpose() * ga + gm * v.u;
  // ... then through û = u + c·w, c = (m(s) − s)/|w|², s = wᵀu.
  const auto uRaw = slice(params, 0, dim_);
  const double s = v.w.dot(uRaw), ww = v.w.squaredNorm();
  const double c = ww > 0 ? (-1.0 + softplus(s) - s) / ww : 0.0;
  const double dcds = ww > 0 ? (sigmoid(s) - 1.0) / ww : 0.0;
  const double guw = gu.dot(v.w);
  Eigen::Map<Vector> gUraw(grad, dim_), gW(grad + dim_, dim_);
  gUraw += gu + guw * dcds * v.w;
  gW += gwDirect + c * gu + guw * (dcds * uRaw + (ww > 0 ? -2.0 * c / ww : 0.0) * v.w);
  grad[2 * dim_] += ga.sum();
}

// ---- radial ----

RadialValues TrainableRadial::values(const double* params) const {
  const double alpha = softplus(params[dim_]);
  return {slice(params, 0, dim_), alpha, -alpha + softplus(params[dim_ + 1])};
}

void TrainableRadial::init(double* params, Rng& rng) const {
  for (int j = 0; j < dim_; ++j) params[j] = rng.normal();
  params[dim_] = kSoftplusOne + 0.1 * rng.normal();      // α ≈ 1
  params[dim_ + 1] = kSoftplusOne + 0.1 * rng.normal();  // β ≈ 0
}

Transformed TrainableRadial::forward(const double* params, const Batch& z) {
  const RadialValues v = values(params);
  return Radial(v.x0, v.alpha, v.beta).inverse(z);
}

Transformed TrainableRadial::inverse(const double* params, const Batch& x) {
  const RadialValues v = values(params);
  x_ = x;
  const Batch d = x.rowwise() - v.x0.transpose();
  const Eigen::ArrayXd r = d.rowwise().norm().array();
  const Eigen::ArrayXd h = 1.0 / (v.alpha + r);
  Transformed out{x + (d.array().colwise() * (v.beta * h)).matrix(), Vector(x.rows())};
  out.logAbsDet = (double(dim_ - 1) * (1.0 + v.beta * h).log() + (1.0 + v.beta * v.alpha * h.square()).log()).matrix();
  return out;
}

void TrainableRadial::backward(const double* params, const Batch& gZ, const Vector& gLogDet, double* grad,
                               Batch& gX) {
  const RadialValues v = values(params);
  const double a = v.alpha, b = v.beta, dm1 = dim_ - 1;
  const Batch d = x_.rowwise() - v.x0.transpose();
  gX.resize(d.rows(), dim_);
  double gAlpha = 0, gBeta = 0;
  Vector gx0 = Vector::Zero(dim_);
  for (Eigen::Index i = 0; i < d.rows(); ++i) {
    const double r = d.row(i).norm(), invR = r > 0 ? 1.0 / r : 0.0;
    const double h = 1.0 / (a + r), h2 = h * h;
    const double A = 1.0 + b * h, B = 1.0 + b * a * h2;
    const double gyv = gZ.row(i).dot(d.row(i)), gl = gLogDet(i);
    // dL/dr of the log-det, and of y through h(r).
    const double dLogDetDr = dm1 * (-b * h2) / A + (-2.0 * b * a * h2 * h) / B;
    const double radialPart = (-b * h2 * gyv + gl * dLogDetDr) * invR;
    const Eigen::RowVectorXd gv = b * h * gZ.row(i) + radialPart * d.row(i);
    gX.row(i) = gZ.row(i) + gv;
    gx0 -= gv.transpose();
    gAlpha += -b * h2 * gyv + gl * (dm1 * (-b * h2) / A + (b * h2 - 2.0 * b * a * h2 * h) / B);
    gBeta += h * gyv + gl * (dm1 * h / A + a * h2 / B);
  }
  for (int j = 0; j < dim_; ++j) grad[j] += gx0(j);
  grad[dim_] += (gAlpha - gBeta) * sigmoid(params[dim_]);
  grad[dim_ + 1] += gBeta * sigmoid(params[dim_ + 1]);
}

}  // namespace flowlab
