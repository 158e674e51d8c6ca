// A hand-set conditioner with five sliders, for the 2D coupling lab (no network).
#pragma once

#include "core/bijectors/conditioner.h"

namespace flowlab {

// ParametricConditioner (1 -> 1): for the kept coordinate a,
//   logScale(a) = s0 + s1 tanh(a),   shift(a) = t0 + t1 a + t2 a².
// tanh keeps the scale within exp(s0 ± |s1|), so a coupling built on it never overflows.
// Constant s0, t0 reproduce the textbook RealNVP step (s = 0.5, t = 2 maps (1, 3) to (1, 6.946));
// t2 != 0 bends the plane into a banana.
class ParametricConditioner : public Conditioner {
 public:
  ParametricConditioner(double s0 = 0.0, double s1 = 0.0, double t0 = 0.0, double t1 = 0.0, double t2 = 0.0)
      : s0_(s0), s1_(s1), t0_(t0), t1_(t1), t2_(t2) {}

  void compute(const Batch& kept, Batch& logScale, Batch& shift) const override;  // kept: N by 1
  int inDim() const override { return 1; }
  int outDim() const override { return 1; }
  std::string type() const override { return "parametric"; }
  Status validate() const override;
  std::vector<Parameter> parameters() const override;
  void setParameter(int index, double value) override;
  std::unique_ptr<Conditioner> clone() const override { return std::make_unique<ParametricConditioner>(*this); }

 private:
  double s0_, s1_, t0_, t1_, t2_;
};

}  // namespace flowlab
