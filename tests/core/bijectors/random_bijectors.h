// Random valid draws of every engine bijector, for the property battery and for other tests
// (e.g. random chains). Each returns a bijector that passes validate().
#pragma once

#include <vector>

#include "core/bijector.h"
#include "core/bijectors/conditioner.h"
#include "core/random.h"
#include "tests/support/bijector_properties.h"

namespace flowlab::test {

BijectorPtr randomAffine1D(Rng& rng);
BijectorPtr randomSine1D(Rng& rng);          // |a·ω| <= 0.9
BijectorPtr randomSinhArcsinh1D(Rng& rng);
BijectorPtr randomLeakyRelu1D(Rng& rng);
BijectorPtr randomSpline1D(Rng& rng);        // 2 to 8 bins spanning about [-3, 3]
BijectorPtr randomScalar(Rng& rng);          // one of the five above
BijectorPtr randomLinear(Rng& rng, int dim);  // condition number <= 20
BijectorPtr randomLuLinear(Rng& rng, int dim);
BijectorPtr randomElementwise(Rng& rng, int dim);
BijectorPtr randomPlanar(Rng& rng, int dim);  // w·u >= -0.8
BijectorPtr randomRadial(Rng& rng, int dim);  // beta >= -0.9 alpha
BijectorPtr randomAffineCoupling2D(Rng& rng);    // ParametricConditioner, random kept coordinate
BijectorPtr randomAdditiveCoupling2D(Rng& rng);
BijectorPtr randomAffineCoupling(Rng& rng, int dim);    // TanhLinearConditioner, random split
BijectorPtr randomAdditiveCoupling(Rng& rng, int dim);

// A small d-dim conditioner for coupling tests beyond 2D:
// logScale = tanh(W_s a + c_s), shift = W_t a + c_t, with a the kept coordinates.
class TanhLinearConditioner : public Conditioner {
 public:
  TanhLinearConditioner(Matrix scaleWeight, Vector scaleBias, Matrix shiftWeight, Vector shiftBias);
  static std::unique_ptr<TanhLinearConditioner> random(Rng& rng, int inDim, int outDim);

  void compute(const Batch& kept, Batch& logScale, Batch& shift) const override;
  int inDim() const override { return static_cast<int>(scaleWeight_.cols()); }
  int outDim() const override { return static_cast<int>(scaleWeight_.rows()); }
  std::string type() const override { return "tanh_linear"; }
  Status validate() const override;
  std::vector<Parameter> parameters() const override;
  void setParameter(int index, double value) override;
  std::unique_ptr<Conditioner> clone() const override { return std::make_unique<TanhLinearConditioner>(*this); }

 private:
  Matrix scaleWeight_, shiftWeight_;
  Vector scaleBias_, shiftBias_;
};

// Every engine bijector family, in the dims the battery covers.
std::vector<BijectorCase> engineBijectorCases();

}  // namespace flowlab::test
