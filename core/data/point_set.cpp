#include "core/data/point_set.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numeric>
#include <vector>

#include "core/data/knn_entropy.h"
#include "core/random.h"

namespace flowlab {
namespace {

// The split's seed is a constant of the format: changing it changes every saved run's test set.
constexpr std::uint64_t kSplitSeed = 0x5B11'7DA7'A000'0001ULL;

std::string shortNumber(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

}  // namespace

std::vector<int> pointSplitOrder(int n) {
  std::vector<int> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), 0);
  Rng rng(kSplitSeed);
  for (int i = n - 1; i > 0; --i) {  // Fisher–Yates with our own uniform draws (portable)
    const int j = std::min(i, static_cast<int>(rng.uniform() * (i + 1)));
    std::swap(order[std::size_t(i)], order[std::size_t(j)]);
  }
  return order;
}

Expected<std::shared_ptr<const PointSet>> makePointSet(const Batch& raw) {
  using Result = Expected<std::shared_ptr<const PointSet>>;
  auto fail = [](const std::string& m) { return Result{Status::error(m), nullptr}; };
  if (raw.cols() != 2) return fail("points must have 2 coordinates, got " + std::to_string(raw.cols()));
  const Eigen::Index n = raw.rows();
  if (n < kMinOwnPoints)
    return fail(std::to_string(n) + " point" + (n == 1 ? "" : "s") + ": training needs at least " +
                std::to_string(kMinOwnPoints));
  if (n > kMaxOwnPoints)
    return fail(std::to_string(n) + " points: more than the " + std::to_string(kMaxOwnPoints) + " a run can hold");
  for (Eigen::Index i = 0; i < n; ++i)
    if (!std::isfinite(raw(i, 0)) || !std::isfinite(raw(i, 1)))
      return fail("point " + std::to_string(i + 1) + " has a non-finite coordinate");

  auto set = std::make_shared<PointSet>();
  set->raw = raw;
  // Moments of raw / scale (scale = the largest |value|, so nothing overflows even near 1e308),
  // then scaled back; the standardized points come from the scaled values directly.
  Batch standardized(n, 2);
  for (int j = 0; j < 2; ++j) {
    const double scale = raw.col(j).cwiseAbs().maxCoeff();
    const Eigen::ArrayXd u = scale > 0.0 ? Eigen::ArrayXd(raw.col(j).array() / scale) : Eigen::ArrayXd::Zero(n);
    const double mean = u.mean();
    const double sd = std::sqrt((u - mean).square().mean());
    set->moments.mean(j) = mean * scale;
    set->moments.stddev(j) = sd * scale;
    // No spread: all values equal, or differing only in their last few bits, where the
    // standardized coordinates would be rounding noise.
    if (!(sd > 8.0 * std::numeric_limits<double>::epsilon())) {
      set->moments.stddev(j) = 0.0;
      continue;
    }
    standardized.col(j) = (u - mean) / sd;
  }
  const bool flatX = set->moments.stddev(0) == 0.0, flatY = set->moments.stddev(1) == 0.0;
  // "every point is (1, 2)" when literally so; otherwise they differ in their last digits only.
  auto same = [&](int j) { return (raw.col(j).array() == raw(0, j)).all(); };
  const std::string exactly = ((!flatX || same(0)) && (!flatY || same(1))) ? "" : " to 15 digits";
  if (flatX && flatY)
    return fail("the points have no spread: every point is (" + shortNumber(raw(0, 0)) + ", " +
                shortNumber(raw(0, 1)) + ")" + exactly);
  if (flatX || flatY) {
    const char* axis = flatX ? "x" : "y";
    return fail(std::string("the points have no spread in ") + axis + ": every point has " + axis + " = " +
                shortNumber(raw(0, flatX ? 0 : 1)) + exactly);
  }

  const std::vector<int> order = pointSplitOrder(int(n));
  const Eigen::Index testRows = n / 5, trainRows = n - testRows;
  set->train.resize(trainRows, 2);
  set->test.resize(testRows, 2);
  for (Eigen::Index r = 0; r < n; ++r) {
    const auto row = standardized.row(order[std::size_t(r)]);
    if (r < trainRows)
      set->train.row(r) = row;
    else
      set->test.row(r - trainRows) = row;
  }

  const Expected<EntropyEstimate> e = knnEntropy(standardized);
  if (e.ok() && std::isfinite(e.value.nats)) {
    set->floor = e.value.nats;
    set->floorStdError = e.value.stderr_;
  } else {
    set->floor = set->floorStdError = std::numeric_limits<double>::quiet_NaN();
    set->floorNote = e.ok() ? "the entropy estimate is not finite" : e.status.message();
  }
  return {Status::okStatus(), std::move(set)};
}

}  // namespace flowlab
