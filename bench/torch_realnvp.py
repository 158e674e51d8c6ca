#!/usr/bin/python3
"""PyTorch reference for FlowLab's trainer: the same RealNVP, loss, data and optimiser.

K affine couplings; layer j (from the base) keeps coordinate j % 2; conditioner MLP 1 -> H -> H -> 2
(tanh or relu), log-scale s = c*tanh(s~/c), last layer zero-initialised; moons (sklearn formula,
t ~ U[0, pi], sigma noise) standardized with the same analytic constants as core/data; a fresh batch
every step; Adam (betas 0.9/0.999) with gradient-norm clipping and a warm-up + cosine schedule.

--form matched (default) is the reference above; --form tutorial is the plain loop most tutorials
write: the same model, loss, data and Adam, but a constant learning rate set once and no gradient
clipping (no per-step schedule, no clip pass), which runs faster per step than the matched form.

Prints key=value lines: torch_form, torch_steps_per_sec, torch_train_seconds, torch_test_nll,
torch_grid_points_per_sec (best of one 65,536-point batch and 512-point chunks).
Run with Debian's interpreter: /usr/bin/python3 bench/torch_realnvp.py --threads 1
"""
import argparse
import math
import time

import torch
from torch import nn


def moons(n, noise, gen):
    n_up = n // 2
    t = torch.rand(n, generator=gen) * math.pi
    x = torch.empty(n, 2)
    x[:n_up, 0], x[:n_up, 1] = torch.cos(t[:n_up]), torch.sin(t[:n_up])
    x[n_up:, 0], x[n_up:, 1] = 1 - torch.cos(t[n_up:]), 0.5 - torch.sin(t[n_up:])
    x += noise * torch.randn(n, 2, generator=gen)
    mean = torch.tensor([0.5, 0.25])
    std = torch.tensor([math.sqrt(0.75 + noise**2), math.sqrt(0.5625 - 1 / math.pi + noise**2)])
    return (x - mean) / std


class Coupling(nn.Module):
    def __init__(self, kept, hidden, act, bound):
        super().__init__()
        self.kept, self.rest, self.bound = kept, 1 - kept, bound
        a = nn.Tanh if act == "tanh" else nn.ReLU
        self.net = nn.Sequential(nn.Linear(1, hidden), a(), nn.Linear(hidden, hidden), a(), nn.Linear(hidden, 2))
        nn.init.zeros_(self.net[-1].weight)
        nn.init.zeros_(self.net[-1].bias)

    def inverse(self, x):  # data -> base: z_r = (x_r - t) * exp(-s)
        out = self.net(x[:, self.kept:self.kept + 1])
        s = self.bound * torch.tanh(out[:, 0] / self.bound)
        zr = (x[:, self.rest] - out[:, 1]) * torch.exp(-s)
        z = torch.stack([x[:, 0], zr] if self.kept == 0 else [zr, x[:, 1]], dim=1)
        return z, -s


class RealNVP(nn.Module):
    def __init__(self, layers, hidden, act, bound):
        super().__init__()
        self.layers = nn.ModuleList([Coupling(j % 2, hidden, act, bound) for j in range(layers)])

    def log_prob(self, x):
        logdet = torch.zeros(x.shape[0])
        for layer in reversed(self.layers):
            x, ld = layer.inverse(x)
            logdet = logdet + ld
        return -0.5 * (x * x).sum(1) - math.log(2 * math.pi) + logdet


def lr_at(step, peak, warmup, total, final):
    if step < warmup:
        return peak * (step + 1) / warmup
    p = min(max((step - warmup) / max(1, total - warmup), 0.0), 1.0)
    return peak * (final + (1 - final) * 0.5 * (1 + math.cos(math.pi * p)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--layers", type=int, default=6)
    ap.add_argument("--hidden", type=int, default=64)
    ap.add_argument("--activation", default="tanh")
    ap.add_argument("--bound", type=float, default=2.0)
    ap.add_argument("--batch", type=int, default=256)
    ap.add_argument("--steps", type=int, default=2000)
    ap.add_argument("--lr", type=float, default=6e-3)
    ap.add_argument("--warmup", type=int, default=200)
    ap.add_argument("--final-lr-fraction", type=float, default=0.0)
    ap.add_argument("--clip", type=float, default=5.0)
    ap.add_argument("--noise", type=float, default=0.05)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--grid-repeats", type=int, default=3)
    ap.add_argument("--form", choices=("matched", "tutorial"), default="matched")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    gen = torch.Generator().manual_seed(args.seed)
    model = RealNVP(args.layers, args.hidden, args.activation, args.bound)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)

    matched = args.form == "matched"
    start = time.perf_counter()
    for step in range(args.steps):
        if matched:
            for g in opt.param_groups:
                g["lr"] = lr_at(step, args.lr, args.warmup, args.steps, args.final_lr_fraction)
        x = moons(args.batch, args.noise, gen)
        loss = -model.log_prob(x).mean()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        if matched and args.clip > 0:
            nn.utils.clip_grad_norm_(model.parameters(), args.clip)
        opt.step()
    seconds = time.perf_counter() - start

    with torch.no_grad():
        test = moons(16384, args.noise, torch.Generator().manual_seed(10_000 + args.seed))
        test_nll = -model.log_prob(test).mean().item()
        side = torch.linspace(-3, 3, 256)
        grid = torch.stack(torch.meshgrid(side, side, indexing="xy"), dim=-1).reshape(-1, 2)
        best = float("inf")
        for chunk in (grid.shape[0], 512):
            for _ in range(args.grid_repeats):
                t0 = time.perf_counter()
                for i in range(0, grid.shape[0], chunk):
                    model.log_prob(grid[i:i + chunk])
                best = min(best, time.perf_counter() - t0)
    print(f"torch_form={args.form}")
    print(f"torch_version={torch.__version__}")
    print(f"torch_threads={torch.get_num_threads()}")
    print(f"torch_train_seconds={seconds:.3f}")
    print(f"torch_steps_per_sec={args.steps / seconds:.1f}")
    print(f"torch_test_nll={test_nll:.4f}")
    print(f"torch_grid_points_per_sec={grid.shape[0] / best:.0f}")


if __name__ == "__main__":
    main()
