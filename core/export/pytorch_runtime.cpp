#include "core/export/pytorch_runtime.h"

namespace flowlab {
namespace {

const char* kPrelude = R"PY(import math

import torch

_F = torch.float64


def _t(values):
    return torch.tensor(values, dtype=_F)


)PY";

// The flow: the base and the layers from the base outwards, as core/flow/flow.h evaluates them.
const char* kFlow = R"PY(class _Flow(torch.nn.Module):
    """Base N(0, I) and layers listed from the base outwards: x = f_K(...f_1(z))."""

    def __init__(self, dim, layers):
        super().__init__()
        self.dim = dim
        self.layers = torch.nn.ModuleList(layers)

    def log_prob(self, x):
        """log p(x) per row of an N by D float64 tensor."""
        z = torch.as_tensor(x, dtype=_F).reshape(-1, self.dim)
        total = torch.zeros(z.shape[0], dtype=_F)
        for layer in reversed(self.layers):
            z, ld = layer.inverse(z)
            total = total + ld
        return -0.5 * (z * z).sum(dim=1) - 0.5 * self.dim * math.log(2.0 * math.pi) + total

    def sample(self, n, generator=None):
        """n points x = f(z), z ~ N(0, I): n by D float64."""
        x = torch.randn(n, self.dim, dtype=_F, generator=generator)
        for layer in self.layers:
            x, _ = layer.forward(x)
        return x
)PY";

}  // namespace

const std::string& pytorchRuntimeSource() {
  static const std::string source = std::string(kPrelude) + pytorchAnalyticLayerSource() + pytorchFamilyLayerSource() + kFlow;
  return source;
}

}  // namespace flowlab
