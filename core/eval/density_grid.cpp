#include "core/eval/density_grid.h"

#include <cmath>
#include <string>
#include <thread>
#include <vector>

namespace flowlab {

Expected<DensityGrid> densityGrid(const Flow& flow, const GridSpec& grid, int maxThreads) {
  Expected<DensityGrid> out;
  if (flow.dim() != 2) out.status = Status::error("density grid needs a 2D flow, got dim " + std::to_string(flow.dim()));
  if (out.ok()) out.status = checkGrid(grid);
  if (out.ok()) out.status = flow.validate();
  if (!out.ok()) return out;
  DensityGrid& d = out.value;
  d.grid = grid;
  d.logProb.resize(grid.size());
  // Chunks are independent: split them between up to two threads (the machines FlowLab targets
  // have two cores), each writing its own rows of logProb. Layers are const and keep no caches.
  const int chunks = (grid.size() + kChunkSize - 1) / kChunkSize;
  const int threads = chunks >= 8 && maxThreads >= 2 ? 2 : 1;
  std::vector<Status> statuses(threads);
  auto work = [&](int part) {
    for (int c = part; c < chunks; c += threads) {
      const int begin = c * kChunkSize, end = std::min(grid.size(), begin + kChunkSize);
      const Expected<Vector> lp = flow.logProb(gridPoints(grid, begin, end));
      if (!lp.ok()) {
        statuses[part] = lp.status;
        return;
      }
      d.logProb.segment(begin, end - begin) = lp.value;
    }
  };
  std::vector<std::thread> pool;
  for (int part = 1; part < threads; ++part) pool.emplace_back(work, part);
  work(0);
  for (auto& t : pool) t.join();
  for (const Status& st : statuses)
    if (!st.ok()) out.status = st;
  if (!out.ok()) return out;
  d.density = d.logProb.array().exp();
  d.maxDensity = d.density.maxCoeff();
  d.mass = d.density.sum() * grid.cellArea();
  return out;
}

namespace {

// Gauss–Kronrod 7/15 on [-1, 1] (QUADPACK qk15): Kronrod nodes ±x[0..6] and 0, weights wk;
// the Gauss rule uses the odd-indexed nodes x[1], x[3], x[5] and 0 with weights wg.
constexpr double kX[8] = {0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
                          0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
                          0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
                          0.207784955007898467600689403773245, 0.0};
constexpr double kWk[8] = {0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
                           0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
                           0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
                           0.204432940075298892414161999234649, 0.209482141084727828012999174891714};
constexpr double kWg[4] = {0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
                           0.381830050505118944950369775488975, 0.417959183673469387755102040816327};

struct Piece {
  double integral = 0, error = 0;
};

Expected<Piece> gaussKronrod(const Flow& flow, double a, double b) {
  const double c = 0.5 * (a + b), h = 0.5 * (b - a);
  Vector x(15);
  for (int i = 0; i < 7; ++i) {
    x(2 * i) = c - h * kX[i];
    x(2 * i + 1) = c + h * kX[i];
  }
  x(14) = c;
  const Expected<Vector> lp = flow.logProb(x);
  if (!lp.ok()) return {lp.status, {}};
  const Vector f = lp.value.array().exp();
  double kronrod = kWk[7] * f(14), gauss = kWg[3] * f(14);
  for (int i = 0; i < 7; ++i) {
    const double pair = f(2 * i) + f(2 * i + 1);
    kronrod += kWk[i] * pair;
    if (i % 2 == 1) gauss += kWg[i / 2] * pair;
  }
  return {Status::okStatus(), {kronrod * h, std::abs(kronrod - gauss) * h}};
}

}  // namespace

Expected<double> mass1D(const Flow& flow, double a, double b, double tol) {
  Expected<double> out;
  if (flow.dim() != 1) out.status = Status::error("mass1D needs a 1D flow, got dim " + std::to_string(flow.dim()));
  else if (!(std::isfinite(a) && std::isfinite(b) && a < b)) out.status = Status::error("empty or non-finite interval");
  if (!out.ok()) return out;
  // Depth-first bisection: each piece must meet its share of the tolerance (by length).
  struct Interval { double a, b; int depth; };
  std::vector<Interval> todo{{a, b, 0}};
  while (!todo.empty()) {
    const Interval in = todo.back();
    todo.pop_back();
    const Expected<Piece> p = gaussKronrod(flow, in.a, in.b);
    if (!p.ok()) return {p.status, 0.0};
    if (p.value.error <= tol * (in.b - in.a) / (b - a) || in.depth >= 40) {
      out.value += p.value.integral;
      continue;
    }
    const double m = 0.5 * (in.a + in.b);
    todo.push_back({in.a, m, in.depth + 1});
    todo.push_back({m, in.b, in.depth + 1});
  }
  return out;
}

}  // namespace flowlab
