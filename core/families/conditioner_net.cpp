#include "core/families/conditioner_net.h"

#include <stdexcept>

namespace flowlab {

ConditionerNet::ConditionerNet(const MlpShape& shape, std::vector<Matrix> masks)
    : shape_(shape), masks_(std::move(masks)) {
  if (!masks_.empty()) {
    if (int(masks_.size()) != shape_.layerCount()) throw std::invalid_argument("one mask per MLP layer");
    for (int l = 0; l < shape_.layerCount(); ++l)
      if (masks_[l].rows() != shape_.fanOut(l) || masks_[l].cols() != shape_.fanIn(l))
        throw std::invalid_argument("mask shape differs from the MLP layer");
  }
}

void ConditionerNet::init(double* params, Rng& rng, bool zeroLast) const { mlpInit(shape_, params, rng, zeroLast); }

const double* ConditionerNet::effective(const double* params) {
  if (masks_.empty()) return params;
  maskedParams_ = Eigen::Map<const Vector>(params, paramCount());
  for (int l = 0; l < shape_.layerCount(); ++l) {
    Eigen::Map<Matrix> w(maskedParams_.data() + shape_.weightOffset(l), shape_.fanOut(l), shape_.fanIn(l));
    w.array() *= masks_[l].array();
  }
  return maskedParams_.data();
}

const Matrix& ConditionerNet::forward(const double* params, const Batch& input, ConditionerWorkspace& ws) {
  ws.inputT = input.transpose();
  mlpForward(shape_, effective(params), ws.inputT.data(), int(input.rows()), ws.mlp);
  return ws.mlp.act.back();
}

void ConditionerNet::backward(const double* params, ConditionerWorkspace& ws, const Matrix& dOut, double* grad,
                              Batch* dInput) {
  const int n = int(ws.inputT.cols());
  scratchGrad_.resize(paramCount());
  if (dInput) scratchDx_.resize(Eigen::Index(shape_.in) * n);
  // effective() again: forward's masked copy may have been overwritten by another call since.
  mlpBackward(shape_, effective(params), ws.inputT.data(), n, ws.mlp, dOut, scratchGrad_.data(),
              dInput ? scratchDx_.data() : nullptr);
  for (int l = 0; l < shape_.layerCount() && !masks_.empty(); ++l) {
    Eigen::Map<Matrix> g(scratchGrad_.data() + shape_.weightOffset(l), shape_.fanOut(l), shape_.fanIn(l));
    g.array() *= masks_[l].array();
  }
  for (int i = 0; i < paramCount(); ++i) grad[i] += scratchGrad_[i];
  if (dInput) *dInput = Eigen::Map<const Matrix>(scratchDx_.data(), shape_.in, n).transpose();
}

}  // namespace flowlab
