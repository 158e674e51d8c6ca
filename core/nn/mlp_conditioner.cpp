#include "core/nn/mlp_conditioner.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace flowlab {

MlpConditioner::MlpConditioner(const MlpShape& shape, std::vector<double> weights, double logScaleBound)
    : shape_(shape), weights_(std::move(weights)), bound_(logScaleBound) {
  if (shape_.in < 1 || shape_.out < 2 || shape_.out % 2 != 0 || shape_.depth < 0 || shape_.hidden < 1)
    throw std::invalid_argument("MlpConditioner: need in >= 1, hidden >= 1 and an even out >= 2");
  if (int(weights_.size()) != shape_.paramCount())
    throw std::invalid_argument("MlpConditioner: expected " + std::to_string(shape_.paramCount()) +
                                " weights, got " + std::to_string(weights_.size()));
}

void MlpConditioner::compute(const Batch& kept, Batch& logScale, Batch& shift) const {
  const int n = int(kept.rows()), d = outDim();
  const MatrixT<double> x = kept.transpose();  // feature-major for the MLP
  MlpWorkspace<double> ws;  // local: compute() is const and may run on several threads
  mlpForward(shape_, weights_.data(), x.data(), n, ws);
  const MatrixT<double>& out = ws.act.back();
  logScale = (bound_ * (out.topRows(d).transpose().array() / bound_).tanh()).matrix();
  shift = out.bottomRows(d).transpose();
}

Status MlpConditioner::validate() const {
  if (!(bound_ > 0.0) || !std::isfinite(bound_))
    return Status::error("log-scale bound must be a positive number, got " + std::to_string(bound_));
  for (std::size_t i = 0; i < weights_.size(); ++i)
    if (!std::isfinite(weights_[i])) return Status::error("weight " + std::to_string(i) + " is not finite");
  return Status::okStatus();
}

}  // namespace flowlab
