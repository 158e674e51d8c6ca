// The one property battery every bijector must pass (STYLE.md §6; zuko's test_transforms loop as a
// value-parameterised gtest). Use it for any bijector family:
//
//   std::vector<flowlab::test::BijectorCase> myCases() { return {{"mlp_coupling", drawMlpCoupling}}; }
//   FLOWLAB_INSTANTIATE_BIJECTOR_PROPERTIES(MlpCoupling, myCases());
//
// Each test runs `draws` random valid parameter sets from `make`, each on `points` random inputs.
// Tolerances (float64): round trips 1e-9·max(1, |input|); log-dets cancel to 1e-9·max(1, |log-det|);
// log-det vs log|det| of a central-difference Jacobian (h = 1e-6·max(1, |z_j|)) to 1e-6·max(1, |log-det|);
// jacobianAt vs finite differences to 1e-6·max(1, max|J|); structural entries to 1e-9; batches
// equal row-by-row results to 1e-12; NaN/inf rows never throw and leave the other rows bit-identical.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "core/bijector.h"
#include "core/random.h"

namespace flowlab::test {

// Draws a bijector with random VALID parameters; the battery fails if validate() says otherwise.
using BijectorFactory = std::function<BijectorPtr(Rng&)>;
// Known entries of dx/dz for a bijector: a d by d matrix, NaN where the entry is free, otherwise
// the exact value it must take (0 for a structural zero, 1 on an identity block's diagonal).
using JacobianPattern = std::function<Matrix(const Bijector&)>;

struct BijectorCase {
  std::string name;              // gtest name suffix: letters, digits, underscores only
  BijectorFactory make;
  JacobianPattern pattern = {};  // empty: no structure to check
  int draws = 200;
  int points = 8;                // random inputs per draw
  double inputScale = 2.0;       // inputs are N(0, inputScale²) per coordinate
  std::uint64_t seed = 20240603;
};

// Prints the case's name (gtest would otherwise dump its bytes).
void PrintTo(const BijectorCase& c, std::ostream* out);
// Test-name generator for INSTANTIATE_TEST_SUITE_P (the case's name).
std::string bijectorCaseName(const ::testing::TestParamInfo<BijectorCase>& info);

// Central-difference Jacobian of map at `at` (d by d), step h = relativeStep·max(1, |at_j|).
Matrix centralDifferenceJacobian(const std::function<Vector(const Vector&)>& map, const Vector& at,
                                 double relativeStep = 1e-6);
// Patterns for common structures.
Matrix couplingPattern(int dim, const std::vector<int>& kept);  // kept rows e_i, rest-rest diagonal
Matrix diagonalPattern(int dim);                                // elementwise maps

// "planar(u0=1, u1=0, ...)" for failure messages.
std::string describe(const Bijector& bijector);

class BijectorProperties : public ::testing::TestWithParam<BijectorCase> {};

}  // namespace flowlab::test

// Instantiates the battery over a std::vector<BijectorCase>; use at namespace scope. gtest pastes
// the suite name into identifiers, so it must be unqualified: hence the namespace block. Referencing
// bijectorCaseName also makes the linker keep the battery's object file from the static library.
#define FLOWLAB_INSTANTIATE_BIJECTOR_PROPERTIES(prefix, cases)                                             \
  namespace flowlab::test {                                                                                 \
  INSTANTIATE_TEST_SUITE_P(prefix, BijectorProperties, ::testing::ValuesIn(cases), ::flowlab::test::bijectorCaseName); \
  }
