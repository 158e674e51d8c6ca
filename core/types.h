// Shapes and result types shared by the whole engine.
//
// Layout convention: a batch of points is an N by D matrix with ONE ROW PER POINT
// (column j holds coordinate j of every point). 1D flows use D = 1.
#pragma once

#include <Eigen/Core>

namespace flowlab {

using Scalar = double;
using Batch = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;  // N by D, one row per point
using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;              // N (or a parameter vector)
using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;  // general dense matrix

// What a bijector returns in either direction.
struct Transformed {
  Batch value;       // N by D: row i is the image of input row i
  Vector logAbsDet;  // N: log|det J| of the map that was applied, at input row i
};

}  // namespace flowlab
