#include "core/families/families.h"

#include <memory>
#include <numeric>

#include "core/families/actnorm.h"
#include "core/families/autoregressive.h"
#include "core/families/cnf_layer.h"
#include "core/families/coupling.h"
#include "core/families/diagonal_scale.h"
#include "core/families/lu_linear_layer.h"

namespace flowlab {

namespace {

struct Entry {
  FamilyKind kind;
  const char* name;
  const char* description;
};

constexpr Entry kFamilies[] = {
    {FamilyKind::Nice, "nice", "additive couplings: shifts only, volume kept until a final diagonal scaling"},
    {FamilyKind::RealNvp, "realnvp", "affine couplings: half the coordinates scale and shift the other half"},
    {FamilyKind::Glow, "glow", "ActNorm, a learned invertible linear map (LU form) and an affine coupling per step"},
    {FamilyKind::Maf, "maf", "masked autoregressive: density in one pass, sampling one coordinate per pass"},
    {FamilyKind::Iaf, "iaf", "inverse autoregressive: sampling in one pass, density one coordinate per pass"},
    {FamilyKind::Nsf, "nsf", "rational-quadratic spline couplings: monotone curves in bins instead of straight lines"},
    {FamilyKind::Cnf, "cnf", "continuous flow: points follow a learned velocity field from t = 0 to 1 (an ODE solved by RK4)"},
};

// Coupling layer j keeps the first half of the coordinates for even j, the second half for odd
// j (in 2D: coordinate j % 2, as the fast RealNVP).
std::vector<int> keptHalf(int dim, int j) {
  const int half = dim / 2;
  std::vector<int> kept(std::size_t(j % 2 == 0 ? half : dim - half));
  std::iota(kept.begin(), kept.end(), j % 2 == 0 ? 0 : half);
  return kept;
}

CouplingSpec couplingSpec(const FamilyConfig& c, int j, CouplingTransform transform) {
  CouplingSpec s;
  s.dim = c.dim;
  s.kept = keptHalf(c.dim, j);
  s.transform = transform;
  s.hidden = c.hidden;
  s.depth = c.depth;
  s.activation = c.activation;
  s.logScaleBound = c.logScaleBound;
  s.spline.bins = c.bins;
  s.spline.bound = c.bound;
  return s;
}

}  // namespace

const std::vector<std::string>& familyNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const Entry& e : kFamilies) v.push_back(e.name);
    return v;
  }();
  return names;
}

std::string familyName(FamilyKind kind) {
  for (const Entry& e : kFamilies)
    if (e.kind == kind) return e.name;
  return "unknown";
}

std::optional<FamilyKind> familyFromName(const std::string& name) {
  for (const Entry& e : kFamilies)
    if (name == e.name) return e.kind;
  return std::nullopt;
}

std::string familyDescription(FamilyKind kind) {
  for (const Entry& e : kFamilies)
    if (e.kind == kind) return e.description;
  return "";
}

double familyDefaultLearningRate(FamilyKind kind) { return kind == FamilyKind::Cnf ? 2e-2 : 6e-3; }

Status validateFamilyConfig(const FamilyConfig& c) {
  if (c.dim < 2 || c.dim > 64) return Status::error("dimension must be in [2, 64]");
  if (c.layers < 1 || c.layers > 64) return Status::error("layers must be in [1, 64]");
  if (c.hidden < 1 || c.hidden > 1024) return Status::error("hidden must be in [1, 1024]");
  if (c.depth < 1 || c.depth > 8) return Status::error("depth must be in [1, 8]");
  if (!(c.logScaleBound > 0.0 && c.logScaleBound <= 20.0)) return Status::error("log-scale bound must be in (0, 20]");
  if (c.kind == FamilyKind::Nsf) {
    if (c.bins < 2 || c.bins > 64) return Status::error("spline bins must be in [2, 64]");
    if (!(c.bound > 0.0 && c.bound <= 100.0)) return Status::error("spline bound must be in (0, 100]");
  }
  if (c.kind == FamilyKind::Cnf) {
    if (c.solverSteps < 1 || c.solverSteps > 256)
      return Status::error("solver steps must be in [1, 256] (RK4 steps per time segment), got " +
                           std::to_string(c.solverSteps));
    if (c.activation != Activation::Tanh)
      return Status::error("the continuous flow's field uses tanh (its exact divergence is written for it)");
  }
  return Status::okStatus();
}

TrainableFlow makeFamilyFlow(const FamilyConfig& c) {
  TrainableFlow flow(c.dim);
  std::vector<int> natural(c.dim), reversed(c.dim);
  std::iota(natural.begin(), natural.end(), 0);
  reversed.assign(natural.rbegin(), natural.rend());
  if (c.kind == FamilyKind::Nice) flow.append(std::make_unique<TrainableDiagonalScale>(c.dim));
  for (int j = 0; j < c.layers; ++j) {
    switch (c.kind) {
      case FamilyKind::Nice:
        flow.append(std::make_unique<TrainableCoupling>(couplingSpec(c, j, CouplingTransform::Additive)));
        break;
      case FamilyKind::RealNvp:
        flow.append(std::make_unique<TrainableCoupling>(couplingSpec(c, j, CouplingTransform::Affine)));
        break;
      case FamilyKind::Nsf:
        flow.append(std::make_unique<TrainableCoupling>(couplingSpec(c, j, CouplingTransform::Spline)));
        break;
      case FamilyKind::Glow:
        // From the base outwards: coupling, linear, ActNorm, so data meet ActNorm first.
        flow.append(std::make_unique<TrainableCoupling>(couplingSpec(c, j, CouplingTransform::Affine)));
        flow.append(std::make_unique<TrainableLuLinear>(c.dim));
        flow.append(std::make_unique<TrainableActNorm>(c.dim));
        break;
      case FamilyKind::Maf:
      case FamilyKind::Iaf: {
        AutoregressiveSpec s;
        s.dim = c.dim;
        s.order = j % 2 == 0 ? natural : reversed;
        s.inverseForm = c.kind == FamilyKind::Iaf;
        s.hidden = c.hidden;
        s.depth = c.depth;
        s.activation = c.activation;
        s.logScaleBound = c.logScaleBound;
        flow.append(std::make_unique<TrainableAutoregressive>(s));
        break;
      }
      case FamilyKind::Cnf: {
        CnfSegmentSpec s;
        s.dim = c.dim;
        s.hidden = c.hidden;
        s.t0 = double(j) / c.layers;
        s.t1 = double(j + 1) / c.layers;
        s.steps = c.solverSteps;
        flow.append(std::make_unique<TrainableCnfSegment>(s));
        break;
      }
    }
  }
  return flow;
}

}  // namespace flowlab
