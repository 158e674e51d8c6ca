// A target typed as an expression in x and y, parsed and evaluated by muparser.
#include <cmath>
#include <numbers>
#include <regex>

#include <muParser.h>

#include "core/energy/target.h"

namespace flowlab {
namespace {

class ExpressionTarget : public Target {
 public:
  explicit ExpressionTarget(std::string expression) : expression_(std::move(expression)) {
    parser_.DefineVar("x", &x_);
    parser_.DefineVar("y", &y_);
    parser_.DefineConst("pi", std::numbers::pi);
    parser_.DefineConst("e", std::numbers::e);
    parser_.SetExpr(expression_);
  }
  // A copy owns its parser (muparser's variables are pointers into the object).
  ExpressionTarget(const ExpressionTarget& other) : ExpressionTarget(other.expression_) {}

  // Evaluates once at the origin so that a syntax error surfaces here, not mid-training.
  Status check() const {
    try {
      eval(0.0, 0.0);
      return Status::okStatus();
    } catch (const mu::Parser::exception_type& e) {
      std::string message = "expression \"" + expression_ + "\": ";
      const int pos = e.GetPos();
      if (pos >= 0) message += "column " + std::to_string(pos + 1) + ": ";
      // muparser's own "found at position N" counts from 0; the column above is the one to read.
      static const std::regex position(R"( *(found )?at position \d+\.?)");
      return Status::error(message + std::regex_replace(e.GetMsg(), position, ""));
    }
  }

  TargetPtr clone() const override { return std::make_unique<ExpressionTarget>(*this); }
  std::string name() const override { return expression_; }
  std::string description() const override { return "u(x, y) = " + expression_; }
  bool isPreset() const override { return false; }

  Vector logDensity(const Batch& x) const override {
    Vector u(x.rows());
    for (Eigen::Index i = 0; i < x.rows(); ++i) u(i) = eval(x(i, 0), x(i, 1));
    return u;
  }
  // Central differences with a step scaled to the point: about 1e-10 relative error for smooth u.
  Batch gradient(const Batch& x) const override {
    Batch g(x.rows(), 2);
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
      const double a = x(i, 0), b = x(i, 1);
      const double ha = 1e-5 * std::max(1.0, std::abs(a)), hb = 1e-5 * std::max(1.0, std::abs(b));
      g(i, 0) = (eval(a + ha, b) - eval(a - ha, b)) / (2 * ha);
      g(i, 1) = (eval(a, b + hb) - eval(a, b - hb)) / (2 * hb);
    }
    return g;
  }

 private:
  double eval(double a, double b) const {
    x_ = a;
    y_ = b;
    return parser_.Eval();
  }

  std::string expression_;
  mutable double x_ = 0, y_ = 0;
  mu::Parser parser_;
};

}  // namespace

Expected<TargetPtr> makeExpressionTarget(const std::string& expression) {
  if (expression.find_first_not_of(" \t") == std::string::npos)
    return {Status::error("expression is empty: type u(x, y), e.g. -(x^2 + y^2)/2"), nullptr};
  try {
    auto target = std::make_unique<ExpressionTarget>(expression);
    if (Status s = target->check(); !s.ok()) return {s, nullptr};
    return {Status::okStatus(), std::move(target)};
  } catch (const mu::Parser::exception_type& e) {
    return {Status::error("expression \"" + expression + "\": " + e.GetMsg()), nullptr};
  }
}

}  // namespace flowlab
