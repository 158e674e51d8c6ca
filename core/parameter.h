// A named scalar parameter of a bijector, as a stack editor shows it.
#pragma once

#include <string>

namespace flowlab {

struct Parameter {
  std::string name;      // short label, e.g. "a", "omega", "A01"
  double value = 0.0;
  double softMin = -3.0;  // slider range; typed values may go outside it
  double softMax = 3.0;
  std::string help;      // one-line tooltip
};

}  // namespace flowlab
