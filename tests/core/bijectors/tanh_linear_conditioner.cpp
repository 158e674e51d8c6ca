#include <stdexcept>
#include <string>
#include <utility>

#include "core/bijectors/checks.h"
#include "tests/core/bijectors/random_bijectors.h"

namespace flowlab::test {

TanhLinearConditioner::TanhLinearConditioner(Matrix scaleWeight, Vector scaleBias, Matrix shiftWeight, Vector shiftBias)
    : scaleWeight_(std::move(scaleWeight)), shiftWeight_(std::move(shiftWeight)),
      scaleBias_(std::move(scaleBias)), shiftBias_(std::move(shiftBias)) {
  if (shiftWeight_.rows() != scaleWeight_.rows() || shiftWeight_.cols() != scaleWeight_.cols() ||
      scaleBias_.size() != scaleWeight_.rows() || shiftBias_.size() != scaleWeight_.rows())
    throw std::invalid_argument("tanh_linear: weights must be outDim by inDim and biases of length outDim");
}

std::unique_ptr<TanhLinearConditioner> TanhLinearConditioner::random(Rng& rng, int inDim, int outDim) {
  return std::make_unique<TanhLinearConditioner>(rng.normalBatch(outDim, inDim), rng.normalBatch(outDim, 1).col(0),
                                                 rng.normalBatch(outDim, inDim), rng.normalBatch(outDim, 1).col(0));
}

void TanhLinearConditioner::compute(const Batch& kept, Batch& logScale, Batch& shift) const {
  logScale = ((kept * scaleWeight_.transpose()).rowwise() + scaleBias_.transpose()).array().tanh().matrix();
  shift = (kept * shiftWeight_.transpose()).rowwise() + shiftBias_.transpose();
}

Status TanhLinearConditioner::validate() const { return detail::requireFinite(parameters()); }

std::vector<Parameter> TanhLinearConditioner::parameters() const {
  std::vector<Parameter> out;
  const auto add = [&out](const std::string& prefix, const Matrix& m) {
    for (Eigen::Index i = 0; i < m.size(); ++i) out.push_back({std::string(prefix).append(std::to_string(i)), m.data()[i], -3.0, 3.0, "test weight"});
  };
  add("Ws", scaleWeight_);
  add("cs", scaleBias_);
  add("Wt", shiftWeight_);
  add("ct", shiftBias_);
  return out;
}

void TanhLinearConditioner::setParameter(int index, double value) {
  double* slots[] = {scaleWeight_.data(), scaleBias_.data(), shiftWeight_.data(), shiftBias_.data()};
  const Eigen::Index sizes[] = {scaleWeight_.size(), scaleBias_.size(), shiftWeight_.size(), shiftBias_.size()};
  Eigen::Index offset = index;
  for (int s = 0; s < 4; ++s) {
    if (offset >= 0 && offset < sizes[s]) {
      slots[s][offset] = value;
      return;
    }
    offset -= sizes[s];
  }
  detail::requireParameterIndex(index, static_cast<int>(parameters().size()), "tanh_linear");
}

}  // namespace flowlab::test
