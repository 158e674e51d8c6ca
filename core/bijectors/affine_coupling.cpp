#include "core/bijectors/affine_coupling.h"

#include "core/bijectors/checks.h"

namespace flowlab {

Transformed AffineCoupling::forward(const Batch& z) const {
  detail::requireColumns(z, dim(), "affine_coupling");
  Batch logScale, shift;
  condition(z, logScale, shift);
  Transformed out{z, logScale.rowwise().sum()};
  for (std::size_t k = 0; k < rest().size(); ++k) {
    const auto c = static_cast<Eigen::Index>(k);
    out.value.col(rest()[k]) = (z.col(rest()[k]).array() * logScale.col(c).array().exp() + shift.col(c).array()).matrix();
  }
  return out;
}

Transformed AffineCoupling::inverse(const Batch& x) const {
  detail::requireColumns(x, dim(), "affine_coupling");
  Batch logScale, shift;
  condition(x, logScale, shift);  // x_kept = z_kept, so the conditioner sees the same input
  Transformed out{x, -logScale.rowwise().sum()};
  for (std::size_t k = 0; k < rest().size(); ++k) {
    const auto c = static_cast<Eigen::Index>(k);
    out.value.col(rest()[k]) = ((x.col(rest()[k]).array() - shift.col(c).array()) * (-logScale.col(c).array()).exp()).matrix();
  }
  return out;
}

}  // namespace flowlab
