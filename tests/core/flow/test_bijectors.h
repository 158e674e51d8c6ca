// Small bijectors local to the flow/eval/scene tests, so those tests do not depend on how
// core/bijectors implements its classes (the real classes get their own battery).
#pragma once

#include <cmath>
#include <string>

#include "core/bijector.h"

namespace flowlab::test {

// x = a ⊙ z + b elementwise; a, b: D. Valid when every a_j is finite and nonzero.
class ScaleShift : public Bijector {
 public:
  ScaleShift(Vector a, Vector b) : a_(std::move(a)), b_(std::move(b)) {}
  Transformed forward(const Batch& z) const override {
    Batch x = (z.array().rowwise() * a_.transpose().array()).rowwise() + b_.transpose().array();
    return {x, Vector::Constant(z.rows(), a_.array().abs().log().sum())};
  }
  Transformed inverse(const Batch& x) const override {
    Batch z = (x.array().rowwise() - b_.transpose().array()).rowwise() / a_.transpose().array();
    return {z, Vector::Constant(x.rows(), -a_.array().abs().log().sum())};
  }
  int dim() const override { return static_cast<int>(a_.size()); }
  std::string type() const override { return "test_scale_shift"; }
  Status validate() const override {
    if (!a_.allFinite() || !b_.allFinite()) return Status::error("parameter is not finite");
    if ((a_.array() == 0).any()) return Status::error("singular: a scale is 0");
    return Status::okStatus();
  }
  std::vector<Parameter> parameters() const override { return {}; }
  void setParameter(int, double) override {}
  BijectorPtr clone() const override { return std::make_unique<ScaleShift>(*this); }

 private:
  Vector a_, b_;
};

// x_j = z_j + c·tanh(z_j) elementwise: a nonlinear monotone map for c > -1 (folds for c < -1).
class TanhBump : public Bijector {
 public:
  TanhBump(int dim, double c) : dim_(dim), c_(c) {}
  Transformed forward(const Batch& z) const override {
    Batch x = z.array() + c_ * z.array().tanh();
    const Batch d = 1.0 + c_ * (1.0 - z.array().tanh().square());
    return {x, d.array().abs().log().rowwise().sum()};
  }
  Transformed inverse(const Batch& x) const override {
    Batch z = x / (1.0 + std::max(c_, 0.0));
    for (int it = 0; it < 60; ++it) {  // Newton on a monotone map, started inside the bracket
      const Batch t = z.array().tanh();
      const Batch f = z.array() + c_ * t.array() - x.array();
      const Batch d = 1.0 + c_ * (1.0 - t.array().square());
      z = z.array() - f.array() / d.array();
    }
    const Batch d = 1.0 + c_ * (1.0 - z.array().tanh().square());
    return {z, -d.array().log().rowwise().sum()};
  }
  int dim() const override { return dim_; }
  std::string type() const override { return "test_tanh_bump"; }
  Status validate() const override {
    if (!std::isfinite(c_)) return Status::error("c is not finite");
    if (c_ <= -1) return Status::error("not invertible: c <= -1");
    return Status::okStatus();
  }
  std::vector<Parameter> parameters() const override { return {Parameter{"c", c_, -3.0, 3.0, ""}}; }
  void setParameter(int, double v) override { c_ = v; }
  BijectorPtr clone() const override { return std::make_unique<TanhBump>(*this); }

 private:
  int dim_;
  double c_;
};

}  // namespace flowlab::test
