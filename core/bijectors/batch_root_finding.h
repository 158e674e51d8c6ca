// The safeguarded Newton of root_finding.h for many independent scalar problems at once. Two
// forms, both taking exactly the scalar algorithm's decisions lane by lane (Newton inside the
// bracket, bisection when Newton leaves it or stalls, the same 1e-12 tolerance):
//  - findRootsInLanes: blocks of kRootLanes problems iterate together in fixed-size arrays, every
//    decision a per-lane mask (no branches on values, so the compiler keeps it in SIMD registers);
//    a block stops when all its lanes have. What the numerical inverses use.
//  - findRootsBatch: the earlier form, which gathers the unfinished lanes each iteration and
//    decides lane by lane in scalar code; kept as a baseline for the benches and tests.
#pragma once

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <vector>

#include "core/bijectors/root_finding.h"
#include "core/bijectors/vector_math.h"

namespace flowlab {

inline constexpr int kRootLanes = detail::kMathLanes;  // one SIMD register of doubles
using RootLanes = Eigen::Array<double, kRootLanes, 1>;

// Solves the problems of one block: lanes j < count hold real problems, the rest are padding
// (never iterated; their roots are unspecified). g(z, value, slope) writes g_j(z_j) and g_j'(z_j)
// for every lane j of the block at once (padding lanes included: it must not trap on any z).
// Root of lane j in [lo_j, hi_j] to root_j, NaN where the bracket fails, as in findRootsBatch.
// `increasingBracket`: as in findRootsBatch, g(lo) < 0 < g(hi) is known, so the ends are not evaluated.
// Returns the number of iterations the block took.
template <class G>
int findRootsInLanes(const G& g, int count, const RootLanes& lo, const RootLanes& hi, const RootLanes& guess,
                     RootLanes& root, const RootOptions& options = {}, bool increasingBracket = false);

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

namespace detail {
// kRootLanes doubles as one GCC/Clang vector (one register), and the matching lane mask
// (all ones or zero per lane, what a vector comparison gives).
typedef double LaneVector __attribute__((vector_size(kRootLanes * sizeof(double))));
typedef std::int64_t LaneMask __attribute__((vector_size(kRootLanes * sizeof(double))));
inline LaneVector broadcast(double x) { return LaneVector{} + x; }
inline LaneVector load(const RootLanes& a) {
  LaneVector v;
  std::memcpy(&v, a.data(), sizeof v);
  return v;
}
inline void store(const LaneVector& v, RootLanes& a) { std::memcpy(a.data(), &v, sizeof v); }
inline LaneVector absOf(const LaneVector& v) { return v < 0.0 ? -v : v; }  // NaN stays NaN
inline bool anyOf(const LaneMask& m) {
  std::int64_t any = 0;
  for (int j = 0; j < kRootLanes; ++j) any |= m[j];
  return any != 0;
}
}  // namespace detail

template <class G>
int findRootsInLanes(const G& g, int count, const RootLanes& lo, const RootLanes& hi, const RootLanes& guess,
                     RootLanes& root, const RootOptions& options, bool increasingBracket) {
  constexpr int L = kRootLanes;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  // Ordered ends, swapped as findRoot swaps them (so a NaN end stays and fails the lane).
  RootLanes a, b, loV, hiV, unused;
  for (int j = 0; j < L; ++j) {
    a[j] = lo[j] <= hi[j] ? lo[j] : hi[j];
    b[j] = lo[j] <= hi[j] ? hi[j] : lo[j];
  }
  if (increasingBracket) {
    for (int j = 0; j < L; ++j) {
      loV[j] = std::isfinite(a[j]) && std::isfinite(b[j]) ? -1.0 : nan;
      hiV[j] = 1.0;
    }
  } else {
    g(a, loV, unused);
    g(b, hiV, unused);
  }
  // The lane state of findRoot: z (in root), the oriented bracket, the last two steps, and
  // whether the lane still iterates (all ones or zero, so the selects below stay in registers).
  RootLanes below, above, step, previous;
  alignas(64) std::int64_t active[L];
  for (int j = 0; j < L; ++j) {
    const bool fails = !std::isfinite(loV[j]) || !std::isfinite(hiV[j]) || loV[j] * hiV[j] > 0.0;
    const bool useGuess = options.useGuess && guess[j] > a[j] && guess[j] < b[j];
    below[j] = loV[j] < 0.0 ? a[j] : b[j];
    above[j] = loV[j] < 0.0 ? b[j] : a[j];
    root[j] = fails ? nan : loV[j] == 0.0 ? a[j] : hiV[j] == 0.0 ? b[j] : useGuess ? guess[j] : 0.5 * (a[j] + b[j]);
    previous[j] = step[j] = b[j] - a[j];
    active[j] = (j < count && !fails && loV[j] != 0.0 && hiV[j] != 0.0) ? -1 : 0;
  }
  // The iterations in explicit SIMD vectors (GCC/Clang vector extensions): Eigen 3.4's select()
  // is evaluated one coefficient at a time, and a plain loop of ternaries is not if-converted.
  using detail::LaneMask;
  using detail::LaneVector;
  const LaneVector tolerance = detail::broadcast(options.tolerance), one = detail::broadcast(1.0),
                   half = detail::broadcast(0.5), largest = detail::broadcast(std::numeric_limits<double>::max());
  LaneMask moving;
  for (int j = 0; j < L; ++j) moving[j] = active[j];
  LaneVector z = detail::load(root), lower = detail::load(below), upper = detail::load(above),
             steps = detail::load(step), previousSteps = detail::load(previous);
  RootLanes valueLanes, slopeLanes, zLanes;
  int iteration = 0;
  for (; iteration < options.maxIterations && detail::anyOf(moving); ++iteration) {
    detail::store(z, zLanes);
    g(zLanes, valueLanes, slopeLanes);
    const LaneVector v = detail::load(valueLanes), s = detail::load(slopeLanes);
    // findRoot's loop body, every branch a per-lane select; a finished lane keeps its state.
    const LaneMask stopped = (v == 0.0) | ~(detail::absOf(v) <= largest);  // done at z (0 or not finite)
    const LaneMask negative = v < 0.0;
    const LaneVector newLower = negative ? z : lower, newUpper = negative ? upper : z;
    const LaneVector absZ = detail::absOf(z);
    const LaneVector scale = one < absZ ? absZ : one;  // std::max(1.0, |z|)
    const LaneVector newtonStep = v / s;
    // A Newton step below tolerance means converged (checked before the bracket, as in findRoot).
    const LaneMask converged = detail::absOf(newtonStep) <= tolerance * scale;
    const LaneVector newton = z - newtonStep;
    const LaneMask inside = (newton - newLower) * (newton - newUpper) < 0.0;  // false for NaN, ±inf
    const LaneMask slow = detail::absOf(2.0 * v) > detail::absOf(previousSteps * s);
    const LaneMask bisect = ~inside | slow;
    const LaneVector mid = half * (newLower + newUpper);
    const LaneMask narrow = detail::absOf(newUpper - newLower) <= tolerance * scale;
    const LaneMask moves = moving & ~stopped;
    previousSteps = moves ? steps : previousSteps;
    steps = moves ? (bisect ? mid - z : -newtonStep) : steps;
    lower = moves ? newLower : lower;
    upper = moves ? newUpper : upper;
    z = moves ? ((converged | ~bisect) ? newton : mid) : z;
    moving = moves & ~converged & ~narrow;
  }
  detail::store(z, root);
  return iteration;
}

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
