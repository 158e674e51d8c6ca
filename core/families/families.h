// The flow families of chapter 6, each a factory building a TrainableFlow for D dimensions
// (D = 2 in FlowLab) from one set of knobs. Stacks are listed from the base outwards.
//   nice     K additive couplings (alternating halves) + NICE's diagonal scaling next to the base
//   realnvp  K affine couplings, tanh-bounded log-scale: the same map and parameter layout as
//            core/train/realnvp.h (layer j keeps coordinate j % 2, MLP j at offset j·P)
//   glow     K steps of ActNorm -> invertible linear (LU) -> affine coupling, in the density direction
//   maf      K MADE affine layers, orders alternating natural / reversed
//   iaf      the same layers in inverse autoregressive form
//   nsf      K rational-quadratic spline couplings, `bins` bins on [-bound, bound], identity tails
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/families/trainable_flow.h"
#include "core/nn/activation.h"
#include "core/status.h"

namespace flowlab {

enum class FamilyKind { Nice, RealNvp, Glow, Maf, Iaf, Nsf };

struct FamilyConfig {
  FamilyKind kind = FamilyKind::RealNvp;
  int dim = 2;
  int layers = 6;       // K: couplings, Glow steps or autoregressive layers
  int hidden = 64;      // conditioner width
  int depth = 2;        // conditioner hidden layers
  Activation activation = Activation::Tanh;
  double logScaleBound = 2.0;  // c in s = c·tanh(s̃/c) (realnvp, glow, maf, iaf)
  int bins = 8;                // K of the spline (nsf)
  double bound = 4.0;          // B of the spline (nsf)
  bool operator==(const FamilyConfig&) const = default;
};

const std::vector<std::string>& familyNames();  // "nice", "realnvp", "glow", "maf", "iaf", "nsf"
std::string familyName(FamilyKind kind);
std::optional<FamilyKind> familyFromName(const std::string& name);
// One line on what the family does, for pickers and help texts.
std::string familyDescription(FamilyKind kind);

Status validateFamilyConfig(const FamilyConfig& config);
// config must validate.
TrainableFlow makeFamilyFlow(const FamilyConfig& config);

}  // namespace flowlab
