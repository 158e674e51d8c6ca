#include "core/export/pytorch_literals.h"

#include <cmath>
#include <charconv>

#include "core/nn/mlp.h"

namespace flowlab {

std::string pyNumber(double v) {
  if (!std::isfinite(v)) throw NonFiniteLiteral{};
  // The shortest decimal that reads back as the same double (0.3, not 0.29999999999999999).
  char buffer[40];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, v).ptr;
  return std::string(buffer, end);
}

std::string pyList(const std::vector<double>& values) {
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + pyNumber(values[i]);
  return out + "]";
}

std::string pyList(const std::vector<int>& values) {
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + std::to_string(values[i]);
  return out + "]";
}

std::string pyList(const Vector& values) { return pyList(std::vector<double>(values.data(), values.data() + values.size())); }

std::string pyMatrix(const Matrix& m) {
  std::string out = "[";
  for (Eigen::Index i = 0; i < m.rows(); ++i) out += (i ? ", " : "") + pyList(Vector(m.row(i).transpose()));
  return out + "]";
}

std::string pyMlpLayers(const MlpShape& shape, const double* params, const std::vector<Matrix>& masks) {
  std::string layers = "[";
  for (int l = 0; l < shape.layerCount(); ++l) {
    Matrix w = Eigen::Map<const Matrix>(params + shape.weightOffset(l), shape.fanOut(l), shape.fanIn(l));
    if (!masks.empty()) w = w.cwiseProduct(masks.at(l));
    const Vector b = Eigen::Map<const Vector>(params + shape.biasOffset(l), shape.fanOut(l));
    layers += (l ? ", (" : "(") + pyMatrix(w) + ", " + pyList(b) + ")";
  }
  return layers + "]";
}

}  // namespace flowlab
