#include "core/library/layer_library.h"

#include "core/bijectors/additive_coupling.h"
#include "core/bijectors/affine_1d.h"
#include "core/bijectors/affine_coupling.h"
#include "core/bijectors/elementwise.h"
#include "core/bijectors/leaky_relu_1d.h"
#include "core/bijectors/linear.h"
#include "core/bijectors/lu_linear.h"
#include "core/bijectors/parametric_conditioner.h"
#include "core/bijectors/planar.h"
#include "core/bijectors/radial.h"
#include "core/bijectors/rational_quadratic_spline_1d.h"
#include "core/bijectors/sine_1d.h"
#include "core/bijectors/sinh_arcsinh_1d.h"
#include "core/bijectors/swap.h"

namespace flowlab {

const std::vector<LayerKind>& layerKinds(int dim) {
  static const std::vector<LayerKind> oneD = {
      {"affine", "x = a·z + b", "Shift and scale: a Gaussian stays Gaussian, N(b, a²)"},
      {"sine", "x = z + a·sin(ωz + φ)", "A ripple; invertible while |a·ω| < 1"},
      {"sinh_arcsinh", "x = sinh((asinh z + ε)/δ)", "Skew (ε) and tail weight (δ)"},
      {"leaky_relu", "x = z (z ≥ 0), α·z (z < 0)", "Piecewise linear: a kink at 0"},
      {"spline", "monotone rational-quadratic spline", "Durkan et al. 2019: drag the knots for any shape"},
  };
  static const std::vector<LayerKind> twoD = {
      {"linear", "x = A·z + b", "Rotation, shear and scale; log|det| = log|det A|"},
      {"planar", "x = z + u·tanh(wᵀz + b)", "Rezende & Mohamed 2015: a fold along one direction"},
      {"radial", "x = z + β(z − z₀)/(α + r)", "Contracts or expands around z₀"},
      {"affine_coupling", "x₂ = z₂·exp(s(z₁)) + t(z₁)", "RealNVP: keep one coordinate, scale and shift the other"},
      {"additive_coupling", "x₂ = z₂ + t(z₁)", "NICE: volume preserving, log|det| = 0"},
      {"swap", "(x₁, x₂) = (z₂, z₁)", "Exchange the coordinates between couplings"},
      {"lu_linear", "x = P·L·U·z + b", "Glow's 1×1 convolution in 2D; log|det| = Σ log|Uᵢᵢ|"},
      {"elementwise", "xᵢ = gᵢ(zᵢ)", "A 1D bijector per coordinate"},
  };
  static const std::vector<LayerKind> none;
  return dim == 1 ? oneD : dim == 2 ? twoD : none;
}

BijectorPtr makeDefaultLayer(const std::string& type, int dim) {
  if (dim == 1) {
    if (type == "affine") return std::make_unique<Affine1D>(1.5, 0.5);
    if (type == "sine") return std::make_unique<Sine1D>(0.5, 1.0, 0.0);
    if (type == "sinh_arcsinh") return std::make_unique<SinhArcsinh1D>(0.5, 1.0);
    if (type == "leaky_relu") return std::make_unique<LeakyRelu1D>(0.5);
    if (type == "spline") return std::make_unique<RationalQuadraticSpline1D>(RationalQuadraticSpline1D::identity(4, 3.0));
  } else if (dim == 2) {
    Vector u(2), w(2), z0(2);
    if (type == "linear") return std::make_unique<Linear>(Linear::rotation(0.5));
    if (type == "planar") {
      u << 1.0, 0.0;
      w << 1.0, 2.0;
      return std::make_unique<Planar>(u, w, 0.0);
    }
    if (type == "radial") {
      z0 << 0.0, 0.0;
      return std::make_unique<Radial>(z0, 1.0, 0.5);
    }
    if (type == "affine_coupling")
      return std::make_unique<AffineCoupling>(2, std::vector<int>{0}, std::make_unique<ParametricConditioner>(0.3, 0.0, 0.0, 0.0, 0.5));
    if (type == "additive_coupling")
      return std::make_unique<AdditiveCoupling>(2, std::vector<int>{0}, std::make_unique<ParametricConditioner>(0.0, 0.0, 0.0, 0.0, 0.5));
    if (type == "swap") return std::make_unique<Swap>(2);
    if (type == "lu_linear") return std::make_unique<LuLinear>(LuLinear::identity(2));
    if (type == "elementwise") {
      std::vector<BijectorPtr> parts;
      parts.push_back(std::make_unique<SinhArcsinh1D>(0.5, 1.0));
      parts.push_back(std::make_unique<SinhArcsinh1D>(-0.5, 1.0));
      return std::make_unique<Elementwise>(std::move(parts));
    }
  }
  return nullptr;
}

}  // namespace flowlab
