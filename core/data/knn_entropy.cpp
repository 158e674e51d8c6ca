#include "core/data/knn_entropy.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>
#include <vector>

namespace flowlab {
namespace {

// ψ(n) for a positive integer: −γ + Σ_{j<n} 1/j below 64, else the asymptotic series.
double digamma(int n) {
  if (n < 64) {
    double s = -0.57721566490153286061;
    for (int j = 1; j < n; ++j) s += 1.0 / j;
    return s;
  }
  const double x = n, x2 = x * x;
  return std::log(x) - 0.5 / x - 1.0 / (12.0 * x2) + 1.0 / (120.0 * x2 * x2) - 1.0 / (252.0 * x2 * x2 * x2);
}

// Points bucketed on a square grid of about two points a cell; rings of cells around a point are
// searched outward until no unvisited cell can hold a closer k-th neighbour.
class Buckets {
 public:
  explicit Buckets(const Batch& p) : p_(p) {
    const int n = static_cast<int>(p.rows());
    x0_ = p.col(0).minCoeff(), y0_ = p.col(1).minCoeff();
    const double w = std::max(p.col(0).maxCoeff() - x0_, 1e-300), h = std::max(p.col(1).maxCoeff() - y0_, 1e-300);
    cell_ = std::sqrt(w * h * 2.0 / n);
    if (!(cell_ > 0.0)) cell_ = std::max(w, h);
    nx_ = std::clamp(static_cast<int>(w / cell_) + 1, 1, 4096);
    ny_ = std::clamp(static_cast<int>(h / cell_) + 1, 1, 4096);
    cell_ = std::max(w / (nx_ - 0.5), h / (ny_ - 0.5));  // every point falls inside the grid
    start_.assign(size_t(nx_) * ny_ + 1, 0);
    for (int i = 0; i < n; ++i) ++start_[index(cellX(p(i, 0)), cellY(p(i, 1))) + 1];
    for (size_t c = 1; c < start_.size(); ++c) start_[c] += start_[c - 1];
    order_.resize(n);
    std::vector<int> fill(start_.begin(), start_.end() - 1);
    for (int i = 0; i < n; ++i) order_[fill[index(cellX(p(i, 0)), cellY(p(i, 1)))]++] = i;
  }

  double kth(int i, int k, std::vector<double>& best) const {
    const double x = p_(i, 0), y = p_(i, 1);
    const int cx = cellX(x), cy = cellY(y);
    best.clear();
    for (int ring = 0;; ++ring) {
      for (int gy = cy - ring; gy <= cy + ring; ++gy)
        for (int gx = cx - ring; gx <= cx + ring; ++gx) {
          if (std::max(std::abs(gx - cx), std::abs(gy - cy)) != ring) continue;  // this ring only
          if (gx < 0 || gy < 0 || gx >= nx_ || gy >= ny_) continue;
          const int c = index(gx, gy);
          for (int j = start_[c]; j < start_[c + 1]; ++j) {
            const int o = order_[j];
            if (o == i) continue;
            const double d2 = (p_(o, 0) - x) * (p_(o, 0) - x) + (p_(o, 1) - y) * (p_(o, 1) - y);
            if (static_cast<int>(best.size()) < k) {
              best.push_back(d2);
              std::push_heap(best.begin(), best.end());
            } else if (d2 < best.front()) {
              std::pop_heap(best.begin(), best.end());
              best.back() = d2;
              std::push_heap(best.begin(), best.end());
            }
          }
        }
      // Cells beyond this ring are at least `ring` cell widths away from the point.
      const double reach = ring * cell_;
      const bool covered = ring >= nx_ && ring >= ny_;
      if ((static_cast<int>(best.size()) == k && best.front() <= reach * reach) || covered)
        return std::sqrt(best.front());
    }
  }

 private:
  int cellX(double x) const { return std::clamp(static_cast<int>((x - x0_) / cell_), 0, nx_ - 1); }
  int cellY(double y) const { return std::clamp(static_cast<int>((y - y0_) / cell_), 0, ny_ - 1); }
  int index(int gx, int gy) const { return gy * nx_ + gx; }
  const Batch& p_;
  double x0_ = 0, y0_ = 0, cell_ = 1;
  int nx_ = 1, ny_ = 1;
  std::vector<int> start_, order_;
};

}  // namespace

Vector kthNeighbourDistances(const Batch& points, int k) {
  const Buckets buckets(points);
  Vector out(points.rows());
  std::vector<double> heap;
  heap.reserve(k);
  for (int i = 0; i < points.rows(); ++i) out(i) = buckets.kth(i, k, heap);
  return out;
}

Expected<EntropyEstimate> knnEntropy(const Batch& points, int k) {
  Expected<EntropyEstimate> out;
  const int n = static_cast<int>(points.rows());
  if (points.cols() != 2) return {Status::error("entropy estimate: needs 2D points"), {}};
  if (k < 1) return {Status::error("entropy estimate: k must be at least 1"), {}};
  if (n <= k + 1) return {Status::error("entropy estimate: needs more than " + std::to_string(k + 1) + " points"), {}};
  if (!points.allFinite()) return {Status::error("entropy estimate: the points have non-finite values"), {}};
  const Vector eps = kthNeighbourDistances(points, k);
  if (eps.minCoeff() <= 0.0)
    return {Status::error("entropy estimate: some point has " + std::to_string(k) +
                              " others at the same position (coinciding points have no density)"),
            {}};
  const Eigen::ArrayXd terms = 2.0 * eps.array().log();
  const double mean = terms.mean();
  const double var = (terms - mean).square().sum() / (n - 1);
  EntropyEstimate& e = out.value;
  e.nats = digamma(n) - digamma(k) + std::log(std::numbers::pi) + mean;
  e.stderr_ = std::sqrt(var / n);
  e.points = n;
  e.neighbours = k;
  return out;
}

}  // namespace flowlab
