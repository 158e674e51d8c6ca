#include "core/families/trainable_flow.h"

#include <cmath>
#include <numbers>
#include <stdexcept>

namespace flowlab {

Vector standardNormalLogProb(const Batch& z) {
  const double c = -0.5 * double(z.cols()) * std::log(2.0 * std::numbers::pi);
  return (c - 0.5 * z.rowwise().squaredNorm().array()).matrix();
}

TrainableFlow TrainableFlow::clone() const {
  TrainableFlow copy(dim_);
  for (const auto& l : layers_) copy.append(l->clone());
  return copy;
}

void TrainableFlow::append(TrainableLayerPtr layer) {
  if (!layer) throw std::invalid_argument("TrainableFlow: null layer");
  if (layer->dim() != dim_) throw std::invalid_argument("TrainableFlow: layer dimension differs from the flow's");
  offsets_.push_back(paramCount());
  layers_.push_back(std::move(layer));
}

void TrainableFlow::init(double* params, Rng& rng) const {
  for (int k = 0; k < layerCount(); ++k) layers_[k]->init(params + offsets_[k], rng);
}

void TrainableFlow::initFromData(double* params, const Batch& x) {
  Batch cur = x;
  for (int k = layerCount() - 1; k >= 0; --k) {
    layers_[k]->initFromData(params + offsets_[k], cur);
    cur = layers_[k]->inverse(params + offsets_[k], cur).value;
  }
}

Transformed TrainableFlow::toData(const double* params, const Batch& z) {
  Transformed r{z, Vector::Zero(z.rows())};
  for (int k = 0; k < layerCount(); ++k) {
    Transformed t = layers_[k]->forward(params + offsets_[k], r.value);
    r.value.swap(t.value);
    r.logAbsDet += t.logAbsDet;
  }
  return r;
}

Transformed TrainableFlow::toBase(const double* params, const Batch& x) {
  Transformed r{x, Vector::Zero(x.rows())};
  for (int k = layerCount() - 1; k >= 0; --k) {
    Transformed t = layers_[k]->inverse(params + offsets_[k], r.value);
    r.value.swap(t.value);
    r.logAbsDet += t.logAbsDet;
  }
  return r;
}

Vector TrainableFlow::logProb(const double* params, const Batch& x, int chunk) {
  Vector out(x.rows());
  for (Eigen::Index start = 0; start < x.rows(); start += chunk) {
    const Eigen::Index len = std::min<Eigen::Index>(chunk, x.rows() - start);
    const Transformed t = toBase(params, x.middleRows(start, len));
    out.segment(start, len) = standardNormalLogProb(t.value) + t.logAbsDet;
  }
  return out;
}

Batch TrainableFlow::sample(const double* params, int n, Rng& rng) {
  return toData(params, rng.normalBatch(n, dim_)).value;
}

double TrainableFlow::nllAndGrad(const double* params, const Batch& x, double* grad, Batch* gradX) {
  const int n = int(x.rows());
  std::fill(grad, grad + paramCount(), 0.0);
  const Transformed t = toBase(params, x);
  const double nll = -(standardNormalLogProb(t.value) + t.logAbsDet).mean();
  // NLL_i = ½|z_i|² + const - Σ log det: dL/dz = z/N, dL/d(log det) = -1/N for every layer.
  Batch g = t.value / double(n), gNext;
  const Vector gLogDet = Vector::Constant(n, -1.0 / double(n));
  for (int k = 0; k < layerCount(); ++k) {
    layers_[k]->backward(params + offsets_[k], g, gLogDet, grad + offsets_[k], gNext);
    g.swap(gNext);
  }
  if (gradX) *gradX = g;
  return nll;
}

Batch TrainableFlow::backwardThroughToBase(const double* params, const Batch& gOut, const Vector& gLogDet,
                                           double* grad) {
  Batch g = gOut, gNext;
  for (int k = 0; k < layerCount(); ++k) {
    layers_[k]->backward(params + offsets_[k], g, gLogDet, grad + offsets_[k], gNext);
    g.swap(gNext);
  }
  return g;
}

double invertibilityError(TrainableFlow& flow, const double* params, const Batch& z) {
  if (z.rows() == 0) return 0.0;
  const Batch x = flow.toData(params, z).value;
  return (flow.toBase(params, x).value - z).cwiseAbs().maxCoeff();
}

int TrainableFlow::densityPasses() const {
  int p = 0;
  for (const auto& l : layers_) p += l->inversePasses();
  return p;
}

int TrainableFlow::samplingPasses() const {
  int p = 0;
  for (const auto& l : layers_) p += l->forwardPasses();
  return p;
}

}  // namespace flowlab
