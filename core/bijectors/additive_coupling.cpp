#include "core/bijectors/additive_coupling.h"

#include "core/bijectors/checks.h"

namespace flowlab {

Transformed AdditiveCoupling::shifted(const Batch& in, double sign) const {
  detail::requireColumns(in, dim(), "additive_coupling");
  Batch logScale, shift;
  condition(in, logScale, shift);
  Transformed out{in, Vector::Zero(in.rows())};
  for (std::size_t k = 0; k < rest().size(); ++k)
    out.value.col(rest()[k]) += sign * shift.col(static_cast<Eigen::Index>(k));
  return out;
}

Transformed AdditiveCoupling::forward(const Batch& z) const { return shifted(z, 1.0); }

Transformed AdditiveCoupling::inverse(const Batch& x) const { return shifted(x, -1.0); }

}  // namespace flowlab
