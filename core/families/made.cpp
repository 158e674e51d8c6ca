#include "core/families/made.h"

#include <algorithm>
#include <stdexcept>

namespace flowlab {

std::vector<Matrix> madeMasks(const MlpShape& shape, const std::vector<int>& order) {
  const int d = shape.in;
  if (int(order.size()) != d || d < 2) throw std::invalid_argument("MADE: order must list D >= 2 variables");
  std::vector<int> degree(d, 0);
  for (int p = 0; p < d; ++p) degree.at(order[p]) = p + 1;
  if (std::count(degree.begin(), degree.end(), 0)) throw std::invalid_argument("MADE: order is not a permutation");
  std::vector<int> hiddenDegree(shape.hidden);
  for (int k = 0; k < shape.hidden; ++k) hiddenDegree[k] = k % (d - 1) + 1;
  std::vector<Matrix> masks;
  for (int l = 0; l < shape.layerCount(); ++l) {
    Matrix m(shape.fanOut(l), shape.fanIn(l));
    for (int r = 0; r < m.rows(); ++r)
      for (int c = 0; c < m.cols(); ++c) {
        if (l == 0 && l < shape.depth) m(r, c) = hiddenDegree[r] >= degree[c];
        else if (l < shape.depth) m(r, c) = hiddenDegree[r] >= hiddenDegree[c];
        else m(r, c) = degree[r % d] > hiddenDegree[c];
      }
    masks.push_back(m);
  }
  return masks;
}

}  // namespace flowlab
