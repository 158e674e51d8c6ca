#include "core/families/coupling.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace flowlab {

namespace {
int perCoordinateOf(const CouplingSpec& s) {
  switch (s.transform) {
    case CouplingTransform::Additive: return 1;
    case CouplingTransform::Affine: return 2;
    case CouplingTransform::Spline: return s.spline.paramCount();
  }
  return 0;
}
}  // namespace

TrainableCoupling::TrainableCoupling(const CouplingSpec& spec) : spec_(spec), per_(perCoordinateOf(spec)) {
  std::vector<bool> isKept(spec.dim, false);
  for (int k : spec.kept) {
    if (k < 0 || k >= spec.dim || isKept[k]) throw std::invalid_argument("coupling: bad kept coordinate");
    isKept[k] = true;
  }
  for (int j = 0; j < spec.dim; ++j)
    if (!isKept[j]) moved_.push_back(j);
  if (spec.kept.empty() || moved_.empty()) throw std::invalid_argument("coupling: needs kept and moved coordinates");
  net_ = ConditionerNet(MlpShape{int(spec.kept.size()), spec.hidden, spec.depth, int(moved_.size()) * per_,
                                 spec.activation});
}

std::string TrainableCoupling::type() const {
  switch (spec_.transform) {
    case CouplingTransform::Additive: return "additive_coupling";
    case CouplingTransform::Affine: return "affine_coupling";
    case CouplingTransform::Spline: return "spline_coupling";
  }
  return "coupling";
}

Batch TrainableCoupling::keptColumns(const Batch& b) const {
  Batch k(b.rows(), Eigen::Index(spec_.kept.size()));
  for (std::size_t j = 0; j < spec_.kept.size(); ++j) k.col(Eigen::Index(j)) = b.col(spec_.kept[j]);
  return k;
}

Transformed TrainableCoupling::forward(const double* params, const Batch& z) {
  const Matrix& out = net_.forward(params, keptColumns(z), forwardWs_);
  const Eigen::Index n = z.rows();
  const double c = spec_.logScaleBound;
  Transformed r{z, Vector::Zero(n)};
  for (std::size_t m = 0; m < moved_.size(); ++m) {
    const int col = moved_[m], row = int(m) * per_;
    for (Eigen::Index i = 0; i < n; ++i) {
      const double zi = z(i, col);
      switch (spec_.transform) {
        case CouplingTransform::Additive: r.value(i, col) = zi + out(row, i); break;
        case CouplingTransform::Affine: {
          const double s = c * std::tanh(out(row, i) / c);
          r.value(i, col) = zi * std::exp(s) + out(row + 1, i);
          r.logAbsDet(i) += s;
          break;
        }
        case CouplingTransform::Spline: {
          buildSplineKnots(spec_.spline, &out(row, i), knots_);
          double ld = 0.0;
          r.value(i, col) = splineApplyInverse(knots_, zi, ld);
          r.logAbsDet(i) += ld;
          break;
        }
      }
    }
  }
  return r;
}

Transformed TrainableCoupling::inverse(const double* params, const Batch& x) {
  x_ = x;
  const Matrix& out = net_.forward(params, keptColumns(x), ws_);
  const Eigen::Index n = x.rows();
  const double c = spec_.logScaleBound;
  Transformed r{x, Vector::Zero(n)};
  for (std::size_t m = 0; m < moved_.size(); ++m) {
    const int col = moved_[m], row = int(m) * per_;
    for (Eigen::Index i = 0; i < n; ++i) {
      const double xi = x(i, col);
      switch (spec_.transform) {
        case CouplingTransform::Additive: r.value(i, col) = xi - out(row, i); break;
        case CouplingTransform::Affine: {
          const double s = c * std::tanh(out(row, i) / c);
          r.value(i, col) = (xi - out(row + 1, i)) * std::exp(-s);
          r.logAbsDet(i) -= s;
          break;
        }
        case CouplingTransform::Spline: {
          buildSplineKnots(spec_.spline, &out(row, i), knots_);
          double ld = 0.0;
          r.value(i, col) = splineApply(knots_, xi, ld);
          r.logAbsDet(i) += ld;
          break;
        }
      }
    }
  }
  z_ = r.value;
  return r;
}

void TrainableCoupling::backward(const double* params, const Batch& gZ, const Vector& gLogDet, double* grad,
                                 Batch& gX) {
  const Matrix& out = ws_.mlp.act.back();
  const Eigen::Index n = x_.rows();
  const double c = spec_.logScaleBound;
  gX = gZ;
  dOut_.setZero(out.rows(), n);
  for (std::size_t m = 0; m < moved_.size(); ++m) {
    const int col = moved_[m], row = int(m) * per_;
    for (Eigen::Index i = 0; i < n; ++i) {
      const double g = gZ(i, col);
      switch (spec_.transform) {
        case CouplingTransform::Additive:
          dOut_(row, i) = -g;
          break;
        case CouplingTransform::Affine: {
          // z = (x - t)·e^{-s}: dz/dt = -e^{-s}, dz/ds = -z, dz/dx = e^{-s}; log det = -s.
          const double th = std::tanh(out(row, i) / c), e = std::exp(-c * th);
          dOut_(row, i) = (-g * z_(i, col) - gLogDet(i)) * (1.0 - th * th);
          dOut_(row + 1, i) = -g * e;
          gX(i, col) = g * e;
          break;
        }
        case CouplingTransform::Spline:
          buildSplineKnots(spec_.spline, &out(row, i), knots_);
          gX(i, col) = splineBackward(spec_.spline, &out(row, i), knots_, x_(i, col), g, gLogDet(i), &dOut_(row, i));
          break;
      }
    }
  }
  Batch dKept;
  net_.backward(params, ws_, dOut_, grad, &dKept);
  for (std::size_t j = 0; j < spec_.kept.size(); ++j) gX.col(spec_.kept[j]) += dKept.col(Eigen::Index(j));
}

}  // namespace flowlab
