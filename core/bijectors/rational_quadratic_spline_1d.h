// Monotone rational-quadratic spline with linear tails (Durkan et al. 2019, "Neural Spline Flows").
#pragma once

#include <vector>

#include "core/bijectors/bijector_1d.h"
#include "core/bijectors/rational_quadratic.h"

namespace flowlab {

// RationalQuadraticSpline1D: through K+1 knots (z_k, x_k), strictly increasing in both
// coordinates, with derivatives d_k > 0 at the knots; outside [z_0, z_K] it is linear with slopes
// d_0 and d_K. Formulas in core/bijectors/rational_quadratic.h; the inverse is analytic.
// Parameters are exposed per knot as "z0", "x0", "d0", "z1", "x1", "d1", ...
class RationalQuadraticSpline1D : public Bijector1D {
 public:
  // Throws std::invalid_argument unless the three vectors have the same size >= 2.
  RationalQuadraticSpline1D(std::vector<double> knotsZ, std::vector<double> knotsX, std::vector<double> derivatives);
  // The identity on [-bound, bound] with `bins` equal bins (a starting point for editing).
  static RationalQuadraticSpline1D identity(int bins = 4, double bound = 3.0);

  double forwardScalar(double z, double& logAbsDet) const override;
  double inverseScalar(double x, double& logAbsDet) const override;
  double derivativeScalar(double z) const override;

  int knotCount() const { return static_cast<int>(knotsZ_.size()); }
  const std::vector<double>& knotsZ() const { return knotsZ_; }
  const std::vector<double>& knotsX() const { return knotsX_; }
  const std::vector<double>& derivatives() const { return derivatives_; }

  std::string type() const override { return "spline"; }
  std::string name() const override { return "rational-quadratic spline"; }
  Status validate() const override;
  std::vector<Parameter> parameters() const override;
  void setParameter(int index, double value) override;
  std::unique_ptr<Bijector> clone() const override { return std::make_unique<RationalQuadraticSpline1D>(*this); }

 private:
  RqKnots knots() const { return {knotsZ_, knotsX_, derivatives_}; }
  std::vector<double> knotsZ_, knotsX_, derivatives_;
};

}  // namespace flowlab
