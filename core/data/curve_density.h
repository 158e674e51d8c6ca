// Density of an equal-weight isotropic Gaussian mixture; with the nodes of a midpoint rule over a
// curve's parameter it is the quadrature of  p(x) = ∫ N(x; c(u), σ²I) du  (noisy curves).
#pragma once

#include "core/types.h"

namespace flowlab {

// log( (1/K) Σ_k N(x_i; centres_k, σ² I) ) for each row x_i of x; centres: K by 2, x: N by 2.
Vector gaussianMixtureLogProb(const Batch& centres, double sigma, const Batch& x);

}  // namespace flowlab
