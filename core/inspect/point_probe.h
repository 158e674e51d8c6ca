// Everything a hover readout shows at one data point x, split into its terms:
//   log p_X(x) = log p_Z(z) − Σ_k log|det J_k(z_{k−1})|,   z = f⁻¹(x).
#pragma once

#include <string>
#include <vector>

#include "core/flow/flow.h"

namespace flowlab {

struct LayerTerm {
  std::string label;  // "layer 2 (sine)"
  int layer = 0;      // its 0-based index in the stack
  double logAbsDet;   // log|det ∂z_k/∂z_{k−1}| of this layer, at the point
  double logAbsDetFd = 0.0;  // the same from central differences of its forward map (evidence.h)
  Matrix jacobian;    // D by D: ∂z_k/∂z_{k−1} of this layer alone, at its own input
  // Analytic minus finite-difference log-det: the check the probe table shows.
  double logAbsDetDifference() const { return logAbsDet - logAbsDetFd; }
  // Whether the two agree as well as central differences can tell: |difference| <= 1e-5·max(1, |log|det J||).
  // The estimate is about 1e-9 accurate for smooth layers (evidence_test), so a formula error of
  // 1e-5 or more stands out; a NaN estimate (no finite forward pass around the point) never agrees.
  bool logAbsDetAgrees() const;
};

struct PointProbe {
  Vector x;                     // D: the probed point (data space)
  Vector z;                     // D: f⁻¹(x) (base space)
  double logPz = 0.0;           // log p_Z(z)
  std::vector<LayerTerm> terms; // one per enabled layer, base outwards
  double logAbsDetTotal = 0.0;  // Σ terms = log|det ∂x/∂z|
  double logPx = 0.0;           // log p_X(x) = logPz − logAbsDetTotal
  double pz = 0.0;              // p_Z(z) = exp(logPz)
  double px = 0.0;              // p_X(x) = exp(logPx)
  double volumeRatio = 0.0;     // |det ∂z/∂x| = exp(−logAbsDetTotal): how much f⁻¹ stretches volume at x
  Matrix jacobian;              // D by D: ∂x/∂z of the whole flow at z
};

// Probes a valid flow at data point x (length dim). Fails with the flow's own Status otherwise.
Expected<PointProbe> probeAtData(const Flow& flow, const Vector& x);
// The same, from a base point z: x = f(z).
Expected<PointProbe> probeAtBase(const Flow& flow, const Vector& z);

}  // namespace flowlab
