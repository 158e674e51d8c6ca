#include "core/bijectors/parametric_conditioner.h"

#include "core/bijectors/checks.h"
#include "core/bijectors/vector_math.h"

namespace flowlab {

void ParametricConditioner::compute(const Batch& kept, Batch& logScale, Batch& shift) const {
  detail::requireColumns(kept, 1, "parametric conditioner");
  const auto a = kept.col(0).array();
  logScale.resize(kept.rows(), 1);
  shift.resize(kept.rows(), 1);
  detail::vectorTanh(kept.data(), logScale.data(), static_cast<int>(kept.rows()));  // tanh in SIMD lanes
  logScale.col(0) = (s0_ + s1_ * logScale.col(0).array()).matrix();
  shift.col(0) = (t0_ + t1_ * a + t2_ * a.square()).matrix();
}

Status ParametricConditioner::validate() const { return detail::requireFinite(parameters()); }

std::vector<Parameter> ParametricConditioner::parameters() const {
  return {{"s0", s0_, -2.0, 2.0, "log-scale offset: the rest coordinate is stretched by exp(s0)"},
          {"s1", s1_, -2.0, 2.0, "log-scale varies as s1·tanh(kept)"},
          {"t0", t0_, -3.0, 3.0, "shift offset"},
          {"t1", t1_, -3.0, 3.0, "shift slope in the kept coordinate (a shear)"},
          {"t2", t2_, -2.0, 2.0, "shift curvature in the kept coordinate (a banana)"}};
}

void ParametricConditioner::setParameter(int index, double value) {
  detail::requireParameterIndex(index, 5, "parametric conditioner");
  double* slots[] = {&s0_, &s1_, &t0_, &t1_, &t2_};
  *slots[index] = value;
}

}  // namespace flowlab
