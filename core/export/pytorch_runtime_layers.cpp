#include "core/export/pytorch_runtime.h"

namespace flowlab {

// Every layer has forward(z) -> (x, log|det dx/dz|) and inverse(x) -> (z, log|det dz/dx|), on
// N by D float64 tensors (1D maps: on one column, N), one row per point, exactly as core/bijector.h.
const std::string& pytorchAnalyticLayerSource() {
  static const std::string source = R"PY(def _solve_increasing(f, target, lo, hi):
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


def _rq_spline(kz, kx, kd, v, inverse):
    """Monotone rational-quadratic spline (Durkan et al. 2019) with linear tails, one spline per
    row: knots kz, kx and derivatives kd are N by (K + 1), v has N entries. Returns the image of v
    (x = s(z), or z = s^-1(x) when inverse) and log|d image / d v|."""
    src = kx if inverse else kz
    k = (torch.searchsorted(src.contiguous(), v.contiguous()[:, None], right=True) - 1).clamp(0, kz.shape[1] - 2)
    z0, z1 = kz.gather(1, k)[:, 0], kz.gather(1, k + 1)[:, 0]
    x0, x1 = kx.gather(1, k)[:, 0], kx.gather(1, k + 1)[:, 0]
    d0, d1 = kd.gather(1, k)[:, 0], kd.gather(1, k + 1)[:, 0]
    w, h = z1 - z0, x1 - x0
    s = h / w
    curvature = d1 + d0 - 2.0 * s
    if inverse:
        offset = v - x0
        qa = h * (s - d0) + offset * curvature
        qb = h * d0 - offset * curvature
        qc = -s * offset
        den = -qb - torch.sqrt((qb * qb - 4.0 * qa * qc).clamp(min=0.0))
        safe = torch.where(den == 0, torch.ones_like(den), den)
        xi = torch.where(den == 0, torch.zeros_like(v), (2.0 * qc / safe).clamp(0.0, 1.0))
        out = z0 + xi * w
    else:
        xi = (v - z0) / w
        t = xi * (1.0 - xi)
        out = x0 + h * (s * xi * xi + d0 * t) / (s + curvature * t)
    t = xi * (1.0 - xi)
    den2 = (s + curvature * t) ** 2
    log_slope = torch.log(s * s * (d1 * xi * xi + 2.0 * s * t + d0 * (1.0 - xi) ** 2) / den2)
    sign = -1.0 if inverse else 1.0
    ld = sign * log_slope
    (lo_in, lo_out), (hi_in, hi_out) = ((kx[:, 0], kz[:, 0]), (kx[:, -1], kz[:, -1])) if inverse else \
        ((kz[:, 0], kx[:, 0]), (kz[:, -1], kx[:, -1]))
    slope_lo = 1.0 / kd[:, 0] if inverse else kd[:, 0]
    slope_hi = 1.0 / kd[:, -1] if inverse else kd[:, -1]
    below, above = v < lo_in, v > hi_in
    out = torch.where(below, lo_out + slope_lo * (v - lo_in), torch.where(above, hi_out + slope_hi * (v - hi_in), out))
    ld = torch.where(below, torch.log(slope_lo), torch.where(above, torch.log(slope_hi), ld))
    return out, ld


class _Spline1D(torch.nn.Module):
    """Monotone rational-quadratic spline through fixed knots, with linear tails."""

    def __init__(self, knots_z, knots_x, derivatives):
        super().__init__()
        self.register_buffer("kz", _t(knots_z))
        self.register_buffer("kx", _t(knots_x))
        self.register_buffer("kd", _t(derivatives))

    def _knots(self, n):
        return self.kz.expand(n, -1), self.kx.expand(n, -1), self.kd.expand(n, -1)

    def forward(self, z):
        return _rq_spline(*self._knots(z.shape[0]), z, False)

    def inverse(self, x):
        return _rq_spline(*self._knots(x.shape[0]), x, True)


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


class _Mlp(torch.nn.Module):
    """Dense MLP on row batches (N by in -> N by out); hidden layers tanh or relu, output linear."""

    def __init__(self, layers, activation):
        super().__init__()
        self.weights = [_t(w) for w, _ in layers]
        self.biases = [_t(b) for _, b in layers]
        self.activation = torch.tanh if activation == "tanh" else torch.relu

    def forward(self, h):
        for i, (w, b) in enumerate(zip(self.weights, self.biases)):
            h = h @ w.T + b
            if i + 1 < len(self.weights):
                h = self.activation(h)
        return h


class _ParametricConditioner(torch.nn.Module):
    """log-scale s0 + s1 tanh(a), shift t0 + t1 a + t2 a^2 of the one kept coordinate a."""

    def __init__(self, s0, s1, t0, t1, t2):
        super().__init__()
        self.s0, self.s1, self.t0, self.t1, self.t2 = s0, s1, t0, t1, t2

    def forward(self, kept):
        a = kept
        return self.s0 + self.s1 * torch.tanh(a), self.t0 + self.t1 * a + self.t2 * a * a


class _MlpConditioner(torch.nn.Module):
    """A dense MLP (_Mlp); outputs [0, out) are the raw log-scale (bounded as c tanh(s/c)), [out, 2 out) the shift."""

    def __init__(self, layers, activation, bound):
        super().__init__()
        self.net = _Mlp(layers, activation)
        self.bound = bound

    def forward(self, kept):
        h = self.net(kept)
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


)PY";
  return source;
}

}  // namespace flowlab
