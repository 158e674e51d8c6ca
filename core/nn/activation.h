// Hidden-layer nonlinearities of the dense MLPs (core/nn/mlp.h).
#pragma once

#include <optional>
#include <string>

namespace flowlab {

enum class Activation { Relu, Tanh };

// "relu" / "tanh"; the inverse of activationFromName.
std::string activationName(Activation a);
std::optional<Activation> activationFromName(const std::string& name);

}  // namespace flowlab
