// Planar and radial layers of Rezende & Mohamed (2015) as trainable layers (trainable_layer.h),
// for reverse-KL fitting (core/energy/reverse_kl.h). Their residual map y = x + ... is the cheap
// direction, and it is the one with a hand-written backward pass, so here it is the layer's
// inverse() (x -> z); forward() undoes it with the solvers of core/bijectors (planar.h: safeguarded
// Newton to 1e-12; radial.h: closed form). Reverse KL runs the stack's inverse pass as its sampler,
// so the residual maps are what push base samples onto the target, as in the paper.
//
// Both keep invertibility by construction (the paper's appendix A):
//   planar  parameters [u (D), w (D), b]; the map uses û = u + (m(wᵀu) − wᵀu)·w/|w|² with
//           m(s) = −1 + softplus(s), so wᵀû > −1;  y = x + û·tanh(wᵀx + b),
//           log|det dy/dx| = log(1 + tanh'(wᵀx + b)·wᵀû).
//   radial  parameters [x0 (D), α̃, β̃]; α = softplus(α̃) > 0, β = −α + softplus(β̃) > −α;
//           y = x + β·(x − x0)/(α + r), r = |x − x0|,
//           log|det dy/dx| = (D − 1)·log(1 + βh) + log(1 + βαh²), h = 1/(α + r).
#pragma once

#include "core/families/trainable_layer.h"

namespace flowlab {

struct PlanarValues {
  Vector u, w;  // û (the invertible one) and w
  double b = 0;
};
struct RadialValues {
  Vector x0;
  double alpha = 1, beta = 0;
};

class TrainablePlanar : public TrainableLayer {
 public:
  explicit TrainablePlanar(int dim) : dim_(dim) {}
  TrainableLayerPtr clone() const override { return std::make_unique<TrainablePlanar>(*this); }
  std::string type() const override { return "planar"; }
  int dim() const override { return dim_; }
  int paramCount() const override { return 2 * dim_ + 1; }
  void init(double* params, Rng& rng) const override;
  Transformed forward(const double* params, const Batch& z) override;
  Transformed inverse(const double* params, const Batch& x) override;
  void backward(const double* params, const Batch& gZ, const Vector& gLogDet, double* grad, Batch& gX) override;
  // The map's values (û, w, b) from the raw parameters.
  PlanarValues values(const double* params) const;

 private:
  int dim_;
  Batch x_;       // last inverse()'s input
  Vector t_;      // tanh(wᵀx + b) per row
};

class TrainableRadial : public TrainableLayer {
 public:
  explicit TrainableRadial(int dim) : dim_(dim) {}
  TrainableLayerPtr clone() const override { return std::make_unique<TrainableRadial>(*this); }
  std::string type() const override { return "radial"; }
  int dim() const override { return dim_; }
  int paramCount() const override { return dim_ + 2; }
  void init(double* params, Rng& rng) const override;
  Transformed forward(const double* params, const Batch& z) override;
  Transformed inverse(const double* params, const Batch& x) override;
  void backward(const double* params, const Batch& gZ, const Vector& gLogDet, double* grad, Batch& gX) override;
  RadialValues values(const double* params) const;

 private:
  int dim_;
  Batch x_;
};

}  // namespace flowlab
