// Targets of reverse-KL fitting: unnormalized log-densities u(x) on the plane, p(x) = exp(u(x)) / Z.
// The presets are the four energies of Rezende & Mohamed (2015, table 1; u = -U), a ring, a banana
// and a mixture of well-separated Gaussians; a typed expression in x and y is parsed by muparser
// (libmuparser-dev). Ring, banana and mixture know their log Z in closed form, which the tests and
// the plots compare the importance-sampling estimate with.
//
// U2-U4 depend on x only through bounded waves, so exp(-U) does not integrate along x; FlowLab
// multiplies them by the envelope exp(-(x/4)^8 / 2), which leaves the picture in [-4, 4]² that the
// paper shows and makes log Z finite.
//
// A Target may keep scratch state (the expression parser's variables): one object per thread,
// clone() for another.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/random.h"
#include "core/status.h"
#include "core/types.h"

namespace flowlab {

class Target;
using TargetPtr = std::unique_ptr<Target>;

class Target {
 public:
  virtual ~Target() = default;
  virtual TargetPtr clone() const = 0;
  // "u1".."u4", "ring", "banana", "mixture", or the expression as typed.
  virtual std::string name() const = 0;
  // One line for the UI and `flowlab check`: "U1 (Rezende & Mohamed 2015): a ring split in two".
  virtual std::string description() const = 0;
  virtual bool isPreset() const = 0;
  // u(x) per row of an N by 2 batch; NaN where the expression is undefined.
  virtual Vector logDensity(const Batch& x) const = 0;
  // ∇u per row (N by 2). The presets' are analytic; an expression's central differences.
  virtual Batch gradient(const Batch& x) const = 0;
  // log Z = log ∫ exp(u) when known in closed form.
  virtual std::optional<double> knownLogZ() const { return std::nullopt; }
  // Exact samples of p = exp(u)/Z, for the presets built from simple pieces (mixture, banana, ring):
  // what forward KL (maximum likelihood on samples) fits, beside reverse KL.
  virtual bool canSample() const { return false; }
  virtual Batch sample(int /*n*/, Rng& /*rng*/) const { return Batch(0, 2); }
};

const std::vector<std::string>& targetPresetNames();  // u1 u2 u3 u4 ring banana mixture
// A preset by name (nullptr for another name).
TargetPtr makePresetTarget(const std::string& name);
// An expression in x and y ("-(x^2 + y^2)/2"); a malformed one is refused with its position:
// "expression \"x +* y\": column 4: unexpected operator \"*\"".
Expected<TargetPtr> makeExpressionTarget(const std::string& expression);
// A preset's name, else an expression.
Expected<TargetPtr> makeTarget(const std::string& nameOrExpression);

// The mixture preset's components, for the lessons and tests: means on a circle, one σ, equal weights.
struct MixtureTargetShape {
  int components = 0;
  double radius = 0, sigma = 0;
};
MixtureTargetShape mixtureTargetShape();

}  // namespace flowlab
