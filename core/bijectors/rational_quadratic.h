// Monotone rational-quadratic spline math (Durkan et al. 2019, "Neural Spline Flows", §3.1),
// on plain knot arrays so the 1D bijector and a future d-dim spline coupling (knots produced per
// point by a Conditioner) share one implementation.
#pragma once

#include <span>

namespace flowlab {

// K+1 knots (z_k, x_k) strictly increasing in both coordinates, with derivatives d_k > 0.
// Outside [z_0, z_K] the spline continues as straight lines with slopes d_0 and d_K (linear tails).
struct RqKnots {
  std::span<const double> z;
  std::span<const double> x;
  std::span<const double> d;
};

// Durkan et al. eq. 4: in bin k with ξ = (z - z_k)/w_k, s_k = h_k/w_k,
//   x = x_k + h_k [s_k ξ² + d_k ξ(1-ξ)] / [s_k + (d_{k+1} + d_k - 2 s_k) ξ(1-ξ)]. Writes log f'(z).
double rqForward(const RqKnots& knots, double z, double& logAbsDet);
// Durkan et al. eq. 6-8: ξ is the stable root 2c / (-b - sqrt(b² - 4ac)) of a quadratic.
// Writes log (f^-1)'(x) = -log f'(z).
double rqInverse(const RqKnots& knots, double x, double& logAbsDet);
// Durkan et al. eq. 5: f'(z) = s² [d_{k+1} ξ² + 2 s ξ(1-ξ) + d_k (1-ξ)²] / [s + (d_{k+1} + d_k - 2s) ξ(1-ξ)]².
double rqDerivative(const RqKnots& knots, double z);

}  // namespace flowlab
