#include "core/export/pytorch_runtime.h"

namespace flowlab {

// The trained layers of core/families, each in FlowLab's directions (forward generative), built
// on the classes of pytorchAnalyticLayerSource.
const std::string& pytorchFamilyLayerSource() {
  static const std::string source = R"PY(class _Inverted(torch.nn.Module):
    """A layer run the other way round: forward is the layer's inverse."""

    def __init__(self, layer):
        super().__init__()
        self.layer = layer

    def forward(self, z):
        return self.layer.inverse(z)

    def inverse(self, x):
        return self.layer.forward(x)


def _softplus(a):
    return a.clamp(min=0.0) + torch.log1p(torch.exp(-a.abs()))


def _spline_knots(raw, bins, bound, min_bin, min_derivative):
    """Knots of a spline on [-bound, bound] with identity tails from 3K - 1 raw numbers per row:
    softmax widths and heights above a minimum bin, softplus interior derivatives (1 at raw 0)."""
    n = raw.shape[0]
    scale = 2.0 * bound * (1.0 - bins * min_bin)
    edge = torch.full((n, 1), -bound, dtype=_F)
    widths = 2.0 * bound * min_bin + scale * torch.softmax(raw[:, :bins], dim=1)
    heights = 2.0 * bound * min_bin + scale * torch.softmax(raw[:, bins:2 * bins], dim=1)
    kz = torch.cat([edge, -bound + torch.cumsum(widths, dim=1)], dim=1)
    kx = torch.cat([edge, -bound + torch.cumsum(heights, dim=1)], dim=1)
    kz[:, -1] = bound
    kx[:, -1] = bound
    shift = math.log(math.expm1(1.0 - min_derivative))
    one = torch.ones((n, 1), dtype=_F)
    kd = torch.cat([one, min_derivative + _softplus(raw[:, 2 * bins:] + shift), one], dim=1)
    return kz, kx, kd


class _FamilyCoupling(torch.nn.Module):
    """Trained coupling, written in the density direction: the kept coordinates condition an MLP
    whose rows m*P.. (P per moved coordinate) give z_m from x_m: additive z = x - t; affine
    z = (x - t) exp(-s), s = c tanh(s~/c); spline z = RQ(x) with knots from 3K - 1 numbers."""

    def __init__(self, kept, moved, net, transform, bound=2.0, spline=None):
        super().__init__()
        self.kept, self.moved = list(kept), list(moved)
        self.net = net
        self.transform = transform
        self.bound = bound
        self.spline = spline  # (bins, bound, min_bin, min_derivative)
        self.per = {"additive": 1, "affine": 2}.get(transform, 3 * spline[0] - 1 if spline else 0)

    def _map(self, values, density):
        out = self.net(values[:, self.kept])
        result = values.clone()
        total = torch.zeros(values.shape[0], dtype=_F)
        for m, col in enumerate(self.moved):
            row = m * self.per
            v = values[:, col]
            if self.transform == "additive":
                result[:, col] = v - out[:, row] if density else v + out[:, row]
            elif self.transform == "affine":
                s = self.bound * torch.tanh(out[:, row] / self.bound)
                if density:
                    result[:, col] = (v - out[:, row + 1]) * torch.exp(-s)
                    total = total - s
                else:
                    result[:, col] = v * torch.exp(s) + out[:, row + 1]
                    total = total + s
            else:
                knots = _spline_knots(out[:, row:row + self.per], *self.spline)
                result[:, col], ld = _rq_spline(*knots, v, not density)
                total = total + ld
        return result, total

    def forward(self, z):
        return self._map(z, False)

    def inverse(self, x):
        return self._map(x, True)


class _Autoregressive(torch.nn.Module):
    """MADE affine layer (masked weights given): outputs mu (rows [0, D)) and the raw log-scale
    (rows [D, 2D)), alpha = c tanh(a~/c). MAF conditions on x (density in one pass, sampling in D),
    IAF on z (sampling in one pass, density in D, starting from z = 0)."""

    def __init__(self, net, dim, bound, inverse_form):
        super().__init__()
        self.net, self.dim, self.bound, self.inverse_form = net, dim, bound, inverse_form

    def _params(self, u):
        out = self.net(u)
        return out[:, :self.dim], self.bound * torch.tanh(out[:, self.dim:] / self.bound)

    def forward(self, z):
        if self.inverse_form:
            mu, alpha = self._params(z)
            return z * torch.exp(alpha) + mu, alpha.sum(dim=1)
        x = torch.zeros_like(z)
        for _ in range(self.dim):
            mu, alpha = self._params(x)
            x = z * torch.exp(alpha) + mu
        return x, alpha.sum(dim=1)

    def inverse(self, x):
        if not self.inverse_form:
            mu, alpha = self._params(x)
            return (x - mu) * torch.exp(-alpha), -alpha.sum(dim=1)
        z = torch.zeros_like(x)
        for _ in range(self.dim):
            mu, alpha = self._params(z)
            z = (x - mu) * torch.exp(-alpha)
        return z, -alpha.sum(dim=1)


class _CnfSegment(torch.nn.Module):
    """dz/dt = W2 tanh(W1 z + u t + b1) + b2 on [t0, t1] by fixed-step RK4, with the log-det
    integrated from the exact divergence sum_h (1 - a_h^2) sum_i W2[i,h] W1[h,i], on the same grid
    both ways (the density pass steps back from t1)."""

    _STAGE_TIME = (0.0, 0.5, 0.5, 1.0)
    _WEIGHT = (1.0 / 6.0, 2.0 / 6.0, 2.0 / 6.0, 1.0 / 6.0)

    def __init__(self, w1, u, b1, w2, b2, t0, t1, steps):
        super().__init__()
        self.register_buffer("w1", _t(w1))
        self.register_buffer("u", _t(u))
        self.register_buffer("b1", _t(b1))
        self.register_buffer("w2", _t(w2))
        self.register_buffer("b2", _t(b2))
        self.register_buffer("trace", (self.w2.T * self.w1).sum(dim=1))
        self.t0, self.t1, self.steps = t0, t1, steps

    def _field(self, y, t):
        a = torch.tanh(y @ self.w1.T + (t * self.u + self.b1))
        return a @ self.w2.T + self.b2, (1.0 - a * a) @ self.trace

    def _solve(self, start, first, sign):
        h = (self.t1 - self.t0) / self.steps
        eta = sign * h
        z = start
        total = torch.zeros(start.shape[0], dtype=_F)
        for s in range(self.steps):
            tau = self.t0 + float(first + int(sign) * s) * h
            g = None
            velocities, divergences = [], []
            for k in range(4):
                y = z if k == 0 else z + (eta * self._STAGE_TIME[k]) * g
                g, div = self._field(y, tau + eta * self._STAGE_TIME[k])
                velocities.append(g)
                divergences.append(div)
            for k in range(4):
                z = z + (eta * self._WEIGHT[k]) * velocities[k]
                total = total + (eta * self._WEIGHT[k]) * divergences[k]
        return z, total

    def forward(self, z):
        return self._solve(z, 0, 1.0)

    def inverse(self, x):
        return self._solve(x, self.steps, -1.0)


)PY";
  return source;
}

}  // namespace flowlab
