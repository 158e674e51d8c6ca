#include "core/eval/histogram_1d.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/random.h"

namespace flowlab {
namespace {

// The bin histogram1D puts value v in: -1 below xMin, `bins` at or above xMax, and -2 for NaN
// (in no bin; below every edge, so it drops out of every count).
int binOf(double v, double xMin, double xMax, double w, int bins) {
  if (std::isnan(v)) return -2;
  if (v < xMin) return -1;
  if (!(v < xMax)) return bins;
  return std::min(bins - 1, static_cast<int>((v - xMin) / w));
}

}  // namespace

SortedBaseSamples::SortedBaseSamples(int n, std::uint64_t seed) : seed_(seed) {
  Rng rng(seed);
  const Batch z = StandardNormal(1).sample(std::max(0, n), rng);  // exactly Flow::sample's draws
  z_.assign(z.data(), z.data() + z.rows());
  std::sort(z_.begin(), z_.end());
}

Expected<Histogram1D> pushedHistogram1D(const Flow& flow, const SortedBaseSamples& base, double xMin, double xMax,
                                        int bins) {
  Expected<Histogram1D> out;
  if (flow.dim() != 1) out.status = Status::error("the 1D view needs a 1D flow, got dim " + std::to_string(flow.dim()));
  else if (!(std::isfinite(xMin) && std::isfinite(xMax) && xMin < xMax))
    out.status = Status::error("empty or non-finite interval");
  else if (bins < 1)
    out.status = Status::error("bins must be >= 1");
  else
    out.status = flow.validate();
  if (!out.ok()) return out;

  // Edge i (xMin + i·w, and xMax for i = bins) splits the sorted draws where histogram1D's bin
  // of f(z) reaches i. Its inverse gives the split to within round-off; the draws in a window
  // around it are pushed through f and binned exactly as histogram1D bins them, and the window
  // grows until its two end draws lie clearly on their sides of the edge (f is monotone, and its
  // rounding is far below the margin), so every draw outside it is counted right unseen.
  const double w = (xMax - xMin) / bins;
  Batch edges(bins + 1, 1);
  for (int i = 0; i <= bins; ++i) edges(i, 0) = i == bins ? xMax : xMin + i * w;
  const Expected<Transformed> inv = flow.inverse(edges);
  out.status = inv.status;
  if (!out.ok()) return out;
  const Vector& zEdges = inv.value.value.col(0);
  const bool increasing = zEdges(bins) > zEdges(0);
  const std::vector<double>& z = base.sorted();
  const int n = base.count();
  // Where edge i's inverse falls among the draws (the first index of the "right" side).
  std::vector<int> split(bins + 1);
  for (int i = 0; i <= bins; ++i) {
    const double* at = increasing ? std::lower_bound(z.data(), z.data() + n, zEdges(i))
                                  : std::upper_bound(z.data(), z.data() + n, zEdges(i));
    split[i] = static_cast<int>(at - z.data());
  }
  // below[i]: the draws whose bin is < i (a NaN value, which no bin holds, counts as below all).
  std::vector<double> below(bins + 1, n > 0 ? -1.0 : 0.0);
  for (int half = 4; std::count(below.begin(), below.end(), -1.0) > 0; half *= 4) {
    std::vector<int> begins, ends;
    int points = 0;
    for (int i = 0; i <= bins; ++i) {
      const int b = below[i] < 0 ? std::max(0, split[i] - half) : 0, e = below[i] < 0 ? std::min(n, split[i] + half) : 0;
      begins.push_back(b);
      ends.push_back(e);
      points += e - b;
    }
    Batch window(points, 1);
    for (int i = 0, row = 0; i <= bins; ++i)
      for (int k = begins[i]; k < ends[i]; ++k) window(row++, 0) = z[k];
    const Expected<Transformed> fwd = flow.forward(window);
    out.status = fwd.status;
    if (!out.ok()) return out;
    const Vector& x = fwd.value.value.col(0);
    for (int i = 0, row = 0; i <= bins; ++i) {
      const int b = begins[i], e = ends[i];
      if (b == e) continue;
      const double edge = edges(i, 0), margin = 1e-9 * (std::abs(edge) + w);
      // The draws left of the window lie below the edge for an increasing f (above it for a
      // decreasing one), those right of it the other way; their end draws must show it clearly.
      const double first = x(row), last = x(row + e - b - 1);
      const bool leftClear = b == 0 || (increasing ? first < edge - margin : first > edge + margin);
      const bool rightClear = e == n || (increasing ? last > edge + margin : last < edge - margin);
      if (leftClear && rightClear) {
        int count = increasing ? b : n - e;
        for (int k = 0; k < e - b; ++k) count += binOf(x(row + k), xMin, xMax, w, bins) < i;
        below[i] = count;
      }
      row += e - b;
    }
  }
  Histogram1D& h = out.value;
  h.xMin = xMin;
  h.xMax = xMax;
  h.total = n;
  h.counts = Vector::Zero(bins);
  for (int i = 0; i < bins; ++i) h.counts(i) = below[i + 1] - below[i];
  h.density = h.counts / (std::max(1, h.total) * w);
  return out;
}

}  // namespace flowlab
