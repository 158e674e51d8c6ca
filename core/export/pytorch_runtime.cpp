#include "core/export/pytorch_runtime.h"

namespace flowlab {

// Every layer has forward(z) -> (x, log|det dx/dz|) and inverse(x) -> (z, log|det dz/dx|), on
// N by D float64 tensors, one row per point, exactly as core/bijector.h.
const std::string& pytorchRuntimeSource() {
  static const std::string source = R"PY(import math

import torch

_F = torch.float64


def _t(values):
    return torch.tensor(values, dtype=_F)


def _solve_increasing(f, target, lo, hi):
    """Elementwise root of the increasing f(a) = target in [lo, hi]: Newton steps, replaced by a
    bisection when they leave the bracket, to 1e-12 (at most 200 iterations). f returns (f, f')."""
    a = 0.5 * (lo + hi)
    for _ in range(200):
        value, slope = f(a)
        r = value - target
        lo = torch.where(r < 0, a, lo)
        hi = torch.where(r > 0, a, hi)
        step = a - r / slope
        inside = (step > lo) & (step < hi) & torch.isfinite(step)
        new = torch.where(r == 0, a, torch.where(inside, step, 0.5 * (lo + hi)))
        converged = bool(((new - a).abs() <= 1e-12 * (1.0 + a.abs())).all())
        a = new
        if converged:
            break
    return a


class _Affine1D(torch.nn.Module):
    """x = a z + b."""

    def __init__(self, a, b):
        super().__init__()
        self.a, self.b = a, b

    def forward(self, z):
        return self.a * z + self.b, torch.full_like(z, math.log(abs(self.a)))

    def inverse(self, x):
        return (x - self.b) / self.a, torch.full_like(x, -math.log(abs(self.a)))


class _LeakyRelu1D(torch.nn.Module):
    """x = z (z >= 0), alpha z (z < 0)."""

    def __init__(self, alpha):
        super().__init__()
        self.alpha = alpha

    def forward(self, z):
        neg = z < 0
        return torch.where(neg, self.alpha * z, z), torch.where(neg, torch.full_like(z, math.log(self.alpha)), torch.zeros_like(z))

    def inverse(self, x):
        neg = x < 0
        return torch.where(neg, x / self.alpha, x), torch.where(neg, torch.full_like(x, -math.log(self.alpha)), torch.zeros_like(x))


def _log_cosh(u):
    a = u.abs()
    return a + torch.log1p(torch.exp(-2.0 * a)) - math.log(2.0)


def _half_log1p_square(v):
    return torch.log(torch.hypot(torch.ones_like(v), v))


class _SinhArcsinh1D(torch.nn.Module):
    """x = sinh((asinh z + epsilon) / delta)."""

    def __init__(self, epsilon, delta):
        super().__init__()
        self.epsilon, self.delta = epsilon, delta

    def forward(self, z):
        u = (torch.asinh(z) + self.epsilon) / self.delta
        return torch.sinh(u), _log_cosh(u) - math.log(self.delta) - _half_log1p_square(z)

    def inverse(self, x):
        v = self.delta * torch.asinh(x) - self.epsilon
        return torch.sinh(v), _log_cosh(v) + math.log(self.delta) - _half_log1p_square(x)


class _Sine1D(torch.nn.Module):
    """x = z + a sin(omega z + phi); the inverse by the bracketed Newton on z in [x - |a|, x + |a|]."""

    def __init__(self, a, omega, phi):
        super().__init__()
        self.a, self.omega, self.phi = a, omega, phi

    def _value_slope(self, z):
        angle = self.omega * z + self.phi
        return z + self.a * torch.sin(angle), 1.0 + self.a * self.omega * torch.cos(angle)

    def forward(self, z):
        x, slope = self._value_slope(z)
        return x, torch.log(slope)

    def inverse(self, x):
        width = abs(self.a)
        z = _solve_increasing(self._value_slope, x, x - width, x + width)
        return z, -torch.log(self._value_slope(z)[1])


class _Spline1D(torch.nn.Module):
    """Monotone rational-quadratic spline with linear tails (Durkan et al. 2019)."""

    def __init__(self, knots_z, knots_x, derivatives):
        super().__init__()
        self.register_buffer("kz", _t(knots_z))
        self.register_buffer("kx", _t(knots_x))
        self.register_buffer("kd", _t(derivatives))

    def _bin(self, knots, v):
        k = torch.searchsorted(knots, v.contiguous(), right=True) - 1
        k = k.clamp(0, knots.numel() - 2)
        z0, x0 = self.kz[k], self.kx[k]
        width, height = self.kz[k + 1] - z0, self.kx[k + 1] - x0
        return z0, x0, width, height, height / width, self.kd[k], self.kd[k + 1]

    @staticmethod
    def _slope(s, d0, d1, xi):
        t = xi * (1.0 - xi)
        den = s + (d1 + d0 - 2.0 * s) * t
        return s * s * (d1 * xi * xi + 2.0 * s * t + d0 * (1.0 - xi) ** 2) / (den * den)

    def forward(self, z):
        z0, x0, w, h, s, d0, d1 = self._bin(self.kz, z)
        xi = (z - z0) / w
        t = xi * (1.0 - xi)
        x = x0 + h * (s * xi * xi + d0 * t) / (s + (d1 + d0 - 2.0 * s) * t)
        ld = torch.log(self._slope(s, d0, d1, xi))
        below, above = z < self.kz[0], z > self.kz[-1]
        x = torch.where(below, self.kx[0] + self.kd[0] * (z - self.kz[0]), x)
        x = torch.where(above, self.kx[-1] + self.kd[-1] * (z - self.kz[-1]), x)
        ld = torch.where(below, torch.log(self.kd[0]), torch.where(above, torch.log(self.kd[-1]), ld))
        return x, ld

    def inverse(self, x):
        z0, x0, w, h, s, d0, d1 = self._bin(self.kx, x)
        offset = x - x0
        curvature = d1 + d0 - 2.0 * s
        qa = h * (s - d0) + offset * curvature
        qb = h * d0 - offset * curvature
        qc = -s * offset
        den = -qb - torch.sqrt((qb * qb - 4.0 * qa * qc).clamp(min=0.0))
        xi = torch.where(den == 0, torch.zeros_like(x), (2.0 * qc / torch.where(den == 0, torch.ones_like(den), den)).clamp(0.0, 1.0))
        z = z0 + xi * w
        ld = -torch.log(self._slope(s, d0, d1, xi))
        below, above = x < self.kx[0], x > self.kx[-1]
        z = torch.where(below, self.kz[0] + (x - self.kx[0]) / self.kd[0], z)
        z = torch.where(above, self.kz[-1] + (x - self.kx[-1]) / self.kd[-1], z)
        ld = torch.where(below, -torch.log(self.kd[0]), torch.where(above, -torch.log(self.kd[-1]), ld))
        return z, ld


class _Elementwise(torch.nn.Module):
    """x_j = f_j(z_j), one 1D map per coordinate."""

    def __init__(self, per_coordinate):
        super().__init__()
        self.maps = torch.nn.ModuleList(per_coordinate)

    def _map_columns(self, values, direction):
        columns, total = [], torch.zeros(values.shape[0], dtype=_F)
        for j, f in enumerate(self.maps):
            column, ld = getattr(f, direction)(values[:, j])
            columns.append(column)
            total = total + ld
        return torch.stack(columns, dim=1), total

    def forward(self, z):
        return self._map_columns(z, "forward")

    def inverse(self, x):
        return self._map_columns(x, "inverse")


class _Linear(torch.nn.Module):
    """x = W z + b; log|det| given (sum of log|U_ii| for an LU layer, log|det A| otherwise)."""

    def __init__(self, weight, bias, log_abs_det):
        super().__init__()
        self.register_buffer("weight", _t(weight))
        self.register_buffer("bias", _t(bias))
        self.log_abs_det = log_abs_det

    def forward(self, z):
        return z @ self.weight.T + self.bias, torch.full((z.shape[0],), self.log_abs_det, dtype=_F)

    def inverse(self, x):
        z = torch.linalg.solve(self.weight, (x - self.bias).T).T
        return z, torch.full((x.shape[0],), -self.log_abs_det, dtype=_F)


class _Swap(torch.nn.Module):
    """x_j = z_(d-1-j)."""

    def forward(self, z):
        return z.flip(1), torch.zeros(z.shape[0], dtype=_F)

    def inverse(self, x):
        return x.flip(1), torch.zeros(x.shape[0], dtype=_F)


class _Planar(torch.nn.Module):
    """x = z + u tanh(w.z + b); inverse: a + (w.u) tanh(a) = w.x + b, then z = x - u tanh(a)."""

    def __init__(self, u, w, b):
        super().__init__()
        self.register_buffer("u", _t(u))
        self.register_buffer("w", _t(w))
        self.b = b
        self.wu = float(self.w @ self.u)

    def _log_slope(self, a):
        return torch.log((1.0 + (1.0 - torch.tanh(a) ** 2) * self.wu).abs())

    def forward(self, z):
        a = z @ self.w + self.b
        return z + torch.tanh(a)[:, None] * self.u, self._log_slope(a)

    def inverse(self, x):
        y = x @ self.w + self.b
        width = abs(self.wu)

        def value_slope(a):
            th = torch.tanh(a)
            return a + self.wu * th, 1.0 + self.wu * (1.0 - th * th)

        a = _solve_increasing(value_slope, y, y - width, y + width)
        return x - torch.tanh(a)[:, None] * self.u, -self._log_slope(a)


class _Radial(torch.nn.Module):
    """x = z + beta (z - z0) / (alpha + r), r = |z - z0|."""

    def __init__(self, z0, alpha, beta):
        super().__init__()
        self.register_buffer("z0", _t(z0))
        self.alpha, self.beta = alpha, beta

    def _log_det(self, r):
        h = 1.0 / (self.alpha + r)
        d = self.z0.numel()
        return (d - 1) * torch.log((1.0 + self.beta * h).abs()) + torch.log((1.0 + self.beta * self.alpha * h * h).abs())

    def forward(self, z):
        diff = z - self.z0
        r = torch.linalg.vector_norm(diff, dim=1)
        return z + (self.beta / (self.alpha + r))[:, None] * diff, self._log_det(r)

    def inverse(self, x):
        diff = x - self.z0
        rho = torch.linalg.vector_norm(diff, dim=1)
        # r^2 + B r - alpha rho = 0 with B = alpha + beta - rho: the nonnegative root without cancellation.
        big_b = self.alpha + self.beta - rho
        root = torch.sqrt(big_b * big_b + 4.0 * self.alpha * rho)
        r = torch.where(big_b > 0, 2.0 * self.alpha * rho / (big_b + root), 0.5 * (root - big_b))
        scale = (self.alpha + r) / (self.alpha + self.beta + r)
        return self.z0 + diff * scale[:, None], -self._log_det(r)


class _ParametricConditioner(torch.nn.Module):
    """log-scale s0 + s1 tanh(a), shift t0 + t1 a + t2 a^2 of the one kept coordinate a."""

    def __init__(self, s0, s1, t0, t1, t2):
        super().__init__()
        self.s0, self.s1, self.t0, self.t1, self.t2 = s0, s1, t0, t1, t2

    def forward(self, kept):
        a = kept
        return self.s0 + self.s1 * torch.tanh(a), self.t0 + self.t1 * a + self.t2 * a * a


class _MlpConditioner(torch.nn.Module):
    """Dense MLP; outputs [0, out) are the raw log-scale (bounded as c tanh(s/c)), [out, 2 out) the shift."""

    def __init__(self, layers, activation, bound):
        super().__init__()
        self.weights = [_t(w) for w, _ in layers]
        self.biases = [_t(b) for _, b in layers]
        self.activation = torch.tanh if activation == "tanh" else torch.relu
        self.bound = bound

    def forward(self, kept):
        h = kept
        for i, (w, b) in enumerate(zip(self.weights, self.biases)):
            h = h @ w.T + b
            if i + 1 < len(self.weights):
                h = self.activation(h)
        out = h.shape[1] // 2
        return self.bound * torch.tanh(h[:, :out] / self.bound), h[:, out:]


class _Coupling(torch.nn.Module):
    """x_kept = z_kept; x_rest = z_rest exp(s) + t (affine) or z_rest + t (additive)."""

    def __init__(self, kept, rest, conditioner, additive):
        super().__init__()
        self.kept, self.rest = list(kept), list(rest)
        self.conditioner = conditioner
        self.additive = additive

    def _map(self, values, sign):
        log_scale, shift = self.conditioner(values[:, self.kept])
        if self.additive:
            log_scale = torch.zeros_like(shift)
        out = values.clone()
        if sign > 0:
            out[:, self.rest] = values[:, self.rest] * torch.exp(log_scale) + shift
        else:
            out[:, self.rest] = (values[:, self.rest] - shift) * torch.exp(-log_scale)
        return out, sign * log_scale.sum(dim=1)

    def forward(self, z):
        return self._map(z, 1.0)

    def inverse(self, x):
        return self._map(x, -1.0)


class _Flow(torch.nn.Module):
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
  return source;
}

}  // namespace flowlab
