// MADE masks (Germain et al. 2015): a dense MLP becomes autoregressive when each unit gets a
// degree and a weight survives only from lower (or equal, between hidden layers) degrees.
// Variable v has degree order-position(v) + 1 in 1..D; hidden unit k has degree (k mod (D-1)) + 1;
// output row r (μ of variable r for r < D, then the log-scale of variable r - D) connects to hidden
// units of degree strictly below its variable's, so output v depends on x_{<v} in the order only.
#pragma once

#include <vector>

#include "core/nn/mlp.h"
#include "core/types.h"

namespace flowlab {

// order[p] = the variable at position p (a permutation of 0..D-1). One mask per layer of `shape`
// (shape.in = D, shape.out = outputsPerVariable · D, row r belongs to variable r mod D).
std::vector<Matrix> madeMasks(const MlpShape& shape, const std::vector<int>& order);

}  // namespace flowlab
