// The function (s, t) = NN(x_kept) of a coupling layer (Dinh et al. 2017, eq. 7-8).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/parameter.h"
#include "core/status.h"
#include "core/types.h"

namespace flowlab {

class Conditioner {
 public:
  virtual ~Conditioner() = default;

  // kept: N by inDim. Writes logScale and shift, each N by outDim.
  // Any bound on the log-scale (e.g. c·tanh(s/c)) is applied here, not by the coupling layer.
  virtual void compute(const Batch& kept, Batch& logScale, Batch& shift) const = 0;

  virtual int inDim() const = 0;
  virtual int outDim() const = 0;
  virtual std::string type() const = 0;  // scene name: "parametric", "mlp"
  virtual Status validate() const = 0;   // e.g. a NaN weight
  virtual std::vector<Parameter> parameters() const = 0;
  virtual void setParameter(int index, double value) = 0;
  virtual std::unique_ptr<Conditioner> clone() const = 0;
};

}  // namespace flowlab
