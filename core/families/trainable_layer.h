// One trainable layer of a flow family (core/families): a bijector whose parameters live in a
// flat array owned by the caller (so Adam, snapshots and rollback are plain array copies) and
// whose density direction has a hand-written backward pass.
//
// Directions follow FlowLab (core/bijector.h): FORWARD is generative, z -> x; INVERSE is the
// density direction, x -> z, and is the one training differentiates. Batches are N by D, one row
// per point (core/types.h); everything is double precision.
//
// Layers are stateless in their parameters but keep the intermediates of their last inverse()
// for backward(): one layer object serves one thread.
#pragma once

#include <memory>
#include <string>

#include "core/random.h"
#include "core/types.h"

namespace flowlab {

class TrainableLayer;
using TrainableLayerPtr = std::unique_ptr<TrainableLayer>;

class TrainableLayer {
 public:
  virtual ~TrainableLayer() = default;
  virtual TrainableLayerPtr clone() const = 0;  // same structure (a copy, caches included)

  virtual std::string type() const = 0;  // "affine_coupling", "actnorm", "made_affine", ...
  virtual int dim() const = 0;
  virtual int paramCount() const = 0;

  // Fills params (paramCount entries) with the layer's initial values from rng.
  virtual void init(double* params, Rng& rng) const = 0;
  // Data-dependent initialisation from the points x reaching the layer from the data side
  // (ActNorm); most layers keep their parameters.
  virtual void initFromData(double* /*params*/, const Batch& /*x*/) const {}

  // z -> x with log|det dx/dz| per row.
  virtual Transformed forward(const double* params, const Batch& z) = 0;
  // x -> z with log|det dz/dx| per row; keeps what backward() needs.
  virtual Transformed inverse(const double* params, const Batch& x) = 0;
  // After inverse(params, x): given gZ = dL/dz (N by D) and gLogDet = dL/d(log|det dz/dx|) (N),
  // ADDS dL/dparams into grad and WRITES dL/dx into gX.
  virtual void backward(const double* params, const Batch& gZ, const Vector& gLogDet, double* grad,
                        Batch& gX) = 0;

  // Sequential conditioner passes per call (1 for couplings; D for the slow direction of an
  // autoregressive layer): what MAF and IAF trade.
  virtual int forwardPasses() const { return 1; }
  virtual int inversePasses() const { return 1; }
};

}  // namespace flowlab
