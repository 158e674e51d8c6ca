// The flow families of chapter 6, each a factory building a TrainableFlow for D dimensions
// (D = 2 in FlowLab) from one set of knobs. Stacks are listed from the base outwards.
//   nice     K additive couplings (alternating halves) + NICE's diagonal scaling next to the base
//   realnvp  K affine couplings, tanh-bounded log-scale: the same map and parameter layout as
//            core/train/realnvp.h (layer j keeps coordinate j % 2, MLP j at offset j·P)
//   glow     K steps of ActNorm -> invertible linear (LU) -> affine coupling, in the density direction
//   maf      K MADE affine layers, orders alternating natural / reversed
//   iaf      the same layers in inverse autoregressive form
//   nsf      K rational-quadratic spline couplings, `bins` bins on [-bound, bound], identity tails
//   cnf      a continuous flow dz/dt = g(z, t) on t in [0, 1] cut into K segments [k/K, (k+1)/K],
//            each a layer with its own field (one tanh layer of width `hidden`) and `solverSteps`
//            RK4 steps; segment 0 starts at the base (t = 0), the data sit at t = 1
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/families/trainable_flow.h"
#include "core/nn/activation.h"
#include "core/status.h"

namespace flowlab {

enum class FamilyKind { Nice, RealNvp, Glow, Maf, Iaf, Nsf, Cnf };

struct FamilyConfig {
  FamilyKind kind = FamilyKind::RealNvp;
  int dim = 2;
  int layers = 6;       // K: couplings, Glow steps, autoregressive layers or time segments (cnf)
  int hidden = 64;      // conditioner width (cnf: the velocity field's width)
  int depth = 2;        // conditioner hidden layers (not cnf: its field has one)
  Activation activation = Activation::Tanh;  // cnf: tanh only (its divergence is written for tanh)
  double logScaleBound = 2.0;  // c in s = c·tanh(s̃/c) (realnvp, glow, maf, iaf)
  int bins = 8;                // K of the spline (nsf)
  double bound = 4.0;          // B of the spline (nsf)
  int solverSteps = 8;         // RK4 steps per time segment (cnf)
  bool operator==(const FamilyConfig&) const = default;
};

const std::vector<std::string>& familyNames();  // "nice", "realnvp", "glow", "maf", "iaf", "nsf", "cnf"
std::string familyName(FamilyKind kind);
std::optional<FamilyKind> familyFromName(const std::string& name);
// One line on what the family does, for pickers and help texts.
std::string familyDescription(FamilyKind kind);
// The family's default peak learning rate: 6e-3 (core/train/trainer.h's), 2e-2 for cnf, whose
// small-initialised field learned several times slower at 6e-3 (measured on moons).
double familyDefaultLearningRate(FamilyKind kind);

Status validateFamilyConfig(const FamilyConfig& config);
// config must validate.
TrainableFlow makeFamilyFlow(const FamilyConfig& config);

}  // namespace flowlab
