#include "core/nn/activation.h"

namespace flowlab {

std::string activationName(Activation a) { return a == Activation::Tanh ? "tanh" : "relu"; }

std::optional<Activation> activationFromName(const std::string& name) {
  if (name == "relu") return Activation::Relu;
  if (name == "tanh") return Activation::Tanh;
  return std::nullopt;
}

}  // namespace flowlab
