// A coupling layer with an MLP conditioner (Dinh et al. 2014, 2017; Durkan et al. 2019): the kept
// coordinates pass unchanged and condition an element-wise bijection of the moved ones.
//   additive (NICE):   z_r = x_r - t(x_k)
//   affine (RealNVP):  z_r = (x_r - t(x_k)) · exp(-s),  s = c·tanh(s̃(x_k)/c)  (as core/train/realnvp.h)
//   spline (NSF):      z_r = RQ(x_r; θ(x_k))  (core/families/spline_transform.h)
// written in the density direction x -> z; forward (z -> x) inverts the element map.
// The conditioner's output layer starts at zero: every coupling starts as the identity.
// Conditioner output rows per moved coordinate m: a block of P numbers (additive: t; affine: s̃, t;
// spline: 3K - 1), block m at rows m·P.
#pragma once

#include <memory>

#include <vector>

#include "core/families/conditioner_net.h"
#include "core/families/spline_transform.h"
#include "core/families/trainable_layer.h"

namespace flowlab {

enum class CouplingTransform { Additive, Affine, Spline };

struct CouplingSpec {
  int dim = 2;
  std::vector<int> kept;  // coordinates that condition; the others move
  CouplingTransform transform = CouplingTransform::Affine;
  int hidden = 64;
  int depth = 2;
  Activation activation = Activation::Tanh;
  double logScaleBound = 2.0;  // c (affine)
  SplineSpec spline;           // K, B (spline)
};

class TrainableCoupling : public TrainableLayer {
 public:
  explicit TrainableCoupling(const CouplingSpec& spec);

  TrainableLayerPtr clone() const override { return std::make_unique<TrainableCoupling>(*this); }
  std::string type() const override;
  int dim() const override { return spec_.dim; }
  int paramCount() const override { return net_.paramCount(); }
  void init(double* params, Rng& rng) const override { net_.init(params, rng, true); }
  Transformed forward(const double* params, const Batch& z) override;
  Transformed inverse(const double* params, const Batch& x) override;
  void backward(const double* params, const Batch& gZ, const Vector& gLogDet, double* grad, Batch& gX) override;

  const CouplingSpec& spec() const { return spec_; }
  const MlpShape& conditionerShape() const { return net_.shape(); }
  int perCoordinate() const { return per_; }

 private:
  Batch keptColumns(const Batch& b) const;

  CouplingSpec spec_;
  std::vector<int> moved_;
  int per_ = 0;
  ConditionerNet net_;
  ConditionerWorkspace ws_, forwardWs_;  // inverse (kept for backward), forward
  Batch x_, z_;            // the last inverse's input and output
  SplineKnots knots_;
  Matrix dOut_;
};

}  // namespace flowlab
