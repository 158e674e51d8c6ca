// The toy 2D distributions in their raw (unstandardized) coordinates: samplers, exact densities
// (closed form, or quadrature over the curve parameter), and exact first two moments.
//
//   moons        sklearn make_moons: upper arc (cos t, sin t), lower arc (1 - cos t, 1 - sin t - 0.5),
//                t ~ U[0, π], + N(0, σ²I); σ = 0.05 by default.
//   circles      sklearn make_circles: radius 1 and 0.5, angle ~ U[0, 2π), + N(0, σ²I); σ = 0.05.
//   8gaussians   8 equal components N(2(cos kπ/4, sin kπ/4), σ²I); σ = 0.25.
//   checkerboard uniform on the 8 black squares of a 4×4 board over [-2, 2]² (FFJORD's).
//   pinwheel     5 arms: f ~ N((1, 0), diag(0.3², 0.1²)), x = R(2πk/5 + 0.25·e^{f0}) f (FFJORD's).
//   spirals      2 arms ±(-t cos t, t sin t)/3, t = 3π√u, u ~ U[0, 1], + N(0, σ²I); σ = 0.1.
#pragma once

#include <Eigen/Core>

#include "core/random.h"
#include "core/types.h"

namespace flowlab {

enum class DatasetKind { Moons, Circles, EightGaussians, Checkerboard, Pinwheel, Spirals };

struct Moments {
  Eigen::Vector2d mean;
  Eigen::Vector2d stddev;
};

// N by 2 raw points; components are assigned round-robin (moons: first half upper arc, as sklearn),
// so a batch is always balanced.
Batch sampleRaw(DatasetKind kind, double noise, int n, Rng& rng);

// log p(x) of the raw distribution at each row of x (N by 2).
Vector logProbRaw(DatasetKind kind, double noise, const Batch& x);

// Per-coordinate mean and standard deviation of the raw distribution, analytically.
Moments rawMoments(DatasetKind kind, double noise);

}  // namespace flowlab
