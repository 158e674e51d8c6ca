#include "core/eval/histogram_1d.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/random.h"

namespace flowlab {

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

  // The bin edges, as histogram1D assigns samples: bin i holds xMin + i·w <= v < xMin + (i+1)·w.
  const double w = (xMax - xMin) / bins;
  Batch edges(bins + 1, 1);
  for (int i = 0; i <= bins; ++i) edges(i, 0) = i == bins ? xMax : xMin + i * w;
  const Expected<Transformed> inv = flow.inverse(edges);
  out.status = inv.status;
  if (!out.ok()) return out;
  const Vector& zEdges = inv.value.value.col(0);
  const bool increasing = zEdges(bins) > zEdges(0);
  const std::vector<double>& z = base.sorted();
  const double n = static_cast<double>(z.size());
  // below(e): the number of samples with f(z) < e.
  auto below = [&](int i) {
    if (increasing) return double(std::lower_bound(z.begin(), z.end(), zEdges(i)) - z.begin());
    return n - double(std::upper_bound(z.begin(), z.end(), zEdges(i)) - z.begin());
  };
  Histogram1D& h = out.value;
  h.xMin = xMin;
  h.xMax = xMax;
  h.total = base.count();
  h.counts = Vector::Zero(bins);
  double previous = below(0);
  for (int i = 0; i < bins; ++i) {
    const double next = below(i + 1);
    h.counts(i) = next - previous;
    previous = next;
  }
  h.density = h.counts / (std::max(1, h.total) * w);
  return out;
}

}  // namespace flowlab
