// The safeguarded Newton of root_finding.h for many independent scalar problems at once: every
// lane takes exactly the scalar algorithm's decisions (Newton inside the bracket, bisection when
// Newton leaves it or stalls, the same 1e-12 tolerance), while the residual is evaluated for all
// unfinished lanes together, so its transcendentals run in SIMD lanes (vector_math.h).
#pragma once

#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

#include "core/bijectors/root_finding.h"

namespace flowlab {

// Residuals of a batch: g(lanes, z, value, slope, count) writes g_l(z[j]) and g_l'(z[j]) for
// l = lanes[j], j < count. Lanes index the caller's problems (targets, brackets).
// For each lane l: root in [lo[l], hi[l]] written to root[l], or NaN where the bracket fails
// (g(lo), g(hi) not finite or of one sign), as findRoot's error.
// `increasingBracket`: the caller guarantees g(lo) < 0 < g(hi) for every finite lo, hi (the
// sine and planar brackets are built so: |a·sin| < margin, |(w·u)·tanh| < margin), so the two end
// evaluations are skipped; non-finite ends still fail the lane.
template <class G>
void findRootsBatch(const G& g, int n, const double* lo, const double* hi, const double* guess, double* root,
                    const RootOptions& options = {}, bool increasingBracket = false);

template <class G>
void findRootsBatch(const G& g, int n, const double* lo, const double* hi, const double* guess, double* root,
                    const RootOptions& options, bool increasingBracket) {
  // One uninitialized workspace: every entry is written before it is read.
  std::unique_ptr<double[]> work(new double[size_t(n) * 11]);
  double* const zs = work.get();
  double *const values = zs + n, *const slopes = values + n, *const below = slopes + n, *const above = below + n,
                *const step = above + n, *const previous = step + n, *const loV = previous + n, *const hiV = loV + n,
                *const ends = hiV + n, *const unused = ends + n;
  std::vector<int> all(n), active;
  for (int i = 0; i < n; ++i) all[i] = i;
  // Bracket ends, lane by lane: g(lo) for every lane, then g(hi).
  if (increasingBracket) {
    for (int i = 0; i < n; ++i) {
      const bool finite = std::isfinite(lo[i]) && std::isfinite(hi[i]);
      loV[i] = finite ? -1.0 : std::nan("");
      hiV[i] = 1.0;
    }
  } else {
    for (int i = 0; i < n; ++i) ends[i] = std::min(lo[i], hi[i]);
    g(all.data(), ends, loV, unused, n);
    for (int i = 0; i < n; ++i) ends[i] = std::max(lo[i], hi[i]);
    g(all.data(), ends, hiV, unused, n);
  }
  active.reserve(n);
  for (int i = 0; i < n; ++i) {
    const double a = std::min(lo[i], hi[i]), b = std::max(lo[i], hi[i]);
    if (!std::isfinite(loV[i]) || !std::isfinite(hiV[i]) || loV[i] * hiV[i] > 0.0) {
      root[i] = std::nan("");
      continue;
    }
    if (loV[i] == 0.0) {
      root[i] = a;
      continue;
    }
    if (hiV[i] == 0.0) {
      root[i] = b;
      continue;
    }
    below[i] = loV[i] < 0.0 ? a : b;
    above[i] = loV[i] < 0.0 ? b : a;
    root[i] = (options.useGuess && guess[i] > a && guess[i] < b) ? guess[i] : 0.5 * (a + b);
    previous[i] = step[i] = b - a;
    active.push_back(i);
  }
  std::vector<int> next;
  next.reserve(n);
  for (int iteration = 0; iteration < options.maxIterations && !active.empty(); ++iteration) {
    const int m = static_cast<int>(active.size());
    for (int j = 0; j < m; ++j) zs[j] = root[active[j]];
    g(active.data(), zs, values, slopes, m);
    next.clear();
    for (int j = 0; j < m; ++j) {
      const int i = active[j];
      const double v = values[j], s = slopes[j];
      double z = root[i];
      if (v == 0.0 || !std::isfinite(v)) continue;  // done at z
      if (v < 0.0) below[i] = z; else above[i] = z;
      const double scale = std::max(1.0, std::abs(z));
      const double newtonStep = v / s;
      if (std::isfinite(newtonStep) && std::abs(newtonStep) <= options.tolerance * scale) {
        root[i] = z - newtonStep;
        continue;
      }
      const double newton = z - newtonStep;
      const bool inside = std::isfinite(newton) && (newton - below[i]) * (newton - above[i]) < 0.0;
      const bool slow = std::abs(2.0 * v) > std::abs(previous[i] * s);
      previous[i] = step[i];
      if (!inside || slow) {
        const double mid = 0.5 * (below[i] + above[i]);
        step[i] = mid - z;
        z = mid;
      } else {
        step[i] = -newtonStep;
        z = newton;
      }
      root[i] = z;
      if (std::abs(above[i] - below[i]) <= options.tolerance * scale) continue;
      next.push_back(i);
    }
    active.swap(next);
  }
}

}  // namespace flowlab
