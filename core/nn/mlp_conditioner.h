// The learned conditioner of a RealNVP coupling: (s, t) = MLP(x_kept) with the smoothly bounded
// log-scale s = c·tanh(s̃/c), |s| < c (so exp(s) can neither explode nor vanish).
// MLP: inDim → hidden (× depth) → 2·outDim; output rows [0, outDim) are s̃, [outDim, 2·outDim) t.
#pragma once

#include <vector>

#include "core/bijectors/conditioner.h"
#include "core/nn/mlp.h"

namespace flowlab {

class MlpConditioner : public Conditioner {
 public:
  // weights: shape.paramCount() entries in core/nn/mlp.h's flat layout; shape.out must be even.
  // Throws std::invalid_argument on a size mismatch (a contract violation, not bad data).
  MlpConditioner(const MlpShape& shape, std::vector<double> weights, double logScaleBound);

  // kept: N by inDim; logScale, shift: N by outDim.
  void compute(const Batch& kept, Batch& logScale, Batch& shift) const override;

  int inDim() const override { return shape_.in; }
  int outDim() const override { return shape_.out / 2; }
  std::string type() const override { return "mlp"; }
  Status validate() const override;  // finite weights, c > 0
  // Learned weights are not slider parameters: none are exposed.
  std::vector<Parameter> parameters() const override { return {}; }
  void setParameter(int, double) override {}
  std::unique_ptr<Conditioner> clone() const override { return std::make_unique<MlpConditioner>(*this); }

  const MlpShape& shape() const { return shape_; }
  const std::vector<double>& weights() const { return weights_; }
  double logScaleBound() const { return bound_; }

 private:
  MlpShape shape_;
  std::vector<double> weights_;
  double bound_;
};

}  // namespace flowlab
