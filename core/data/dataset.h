// A toy 2D dataset in STANDARDIZED coordinates: x_std = (x_raw - mean) / stddev with the
// distribution's own analytic mean and standard deviation per coordinate, so every sample of a
// dataset, whatever its seed, lives in the same coordinates. Carries its entropy floor.
//
// Or the user's OWN points (core/data/point_set.h): standardized by their sample moments, split
// 80/20 by a fixed seed; sample() draws train rows, testSet() is the test split, the floor is a
// k-nearest-neighbour estimate (floorIsEstimate()), and there is no true density (logProb throws).
#pragma once

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "core/data/point_set.h"
#include "core/data/toy_distributions.h"
#include "core/status.h"

namespace flowlab {

struct DatasetSpec {
  DatasetKind kind = DatasetKind::Moons;
  double noise = -1.0;  // σ of the Gaussian noise; < 0: the dataset's default
  // Non-null: the user's own points (kind and noise are then unused; noise is 0). Shared, never
  // copied: a TrainerConfig copy costs a reference count.
  std::shared_ptr<const PointSet> points;
  bool ownData() const { return points != nullptr; }
  // Built-in sets: same kind and noise. Own data: the same PointSet, or equal raw points.
  bool operator==(const DatasetSpec& other) const;
};

// "moons", "circles", "8gaussians", "checkerboard", "pinwheel", "spirals".
const std::vector<std::string>& datasetNames();
std::string datasetName(DatasetKind kind);
// Default σ of the dataset (moons 0.05, circles 0.05, 8gaussians 0.25, spirals 0.1), or 0 when
// the dataset has no noise parameter (checkerboard, pinwheel).
double defaultNoise(DatasetKind kind);
bool hasNoise(DatasetKind kind);

class Dataset {
 public:
  // Validates the name and noise (noise < 0 picks the default; a noise on a dataset without one,
  // or σ outside (0, 1], is an error). Computes (or reuses) the entropy floor.
  static Expected<Dataset> make(const std::string& name, double noise = -1.0);
  // The user's own raw points (N by 2), validated and prepared by makePointSet (its messages:
  // "the points have no spread: every point is (1, 2)", "5 points: training needs at least 10").
  // The result's spec() carries the prepared points into a TrainerConfig.
  static Expected<Dataset> fromPoints(const Batch& raw);
  explicit Dataset(DatasetSpec spec);  // spec must be valid (built-in: as make() checks; own: from fromPoints)
  Dataset() = default;                 // placeholder (moons moments unset, floor 0): assign from make()

  const DatasetSpec& spec() const { return spec_; }  // noise resolved (never < 0; 0 for own data)
  // The built-in set's name, or "points" for own data.
  std::string name() const { return ownData() ? "points" : datasetName(spec_.kind); }
  bool ownData() const { return spec_.ownData(); }
  const Moments& rawMoments() const { return moments_; }

  // N by 2 standardized points: fresh samples, or (own data) train rows drawn with replacement.
  Batch sample(int n, Rng& rng) const;
  // The held-out test set: n fresh samples, or (own data) the whole test split (n and rng unused).
  Batch testSet(int n, Rng& rng) const;
  Batch standardize(const Batch& raw) const;
  Batch unstandardize(const Batch& standardized) const;
  // Whether logProb has a truth to give: false for own data.
  bool hasTrueDensity() const { return !ownData(); }
  // log p(x) of the true distribution at standardized points: log p_raw(x_raw) + Σ log stddev.
  // Own data has no true density: throws std::logic_error (check hasTrueDensity() first).
  Vector logProb(const Batch& standardized) const;
  // Differential entropy in standardized coordinates (nats per point): the lowest expected NLL
  // any model can reach on this dataset. Own data: the k-NN estimate, NaN when it cannot be
  // computed (coinciding points; floorNote() says why): never print or draw it unchecked.
  double entropyFloor() const { return floor_; }
  bool floorIsEstimate() const { return ownData(); }
  bool floorKnown() const { return std::isfinite(floor_); }
  // Standard error of the estimate (own data; NaN when unknown); 0 for the built-in sets, whose
  // floor comes from the exact density (Monte Carlo error below 0.003 nats).
  double floorStdError() const { return ownData() ? spec_.points->floorStdError : 0.0; }
  std::string floorNote() const { return ownData() ? spec_.points->floorNote : std::string(); }

 private:
  DatasetSpec spec_;
  Moments moments_{Eigen::Vector2d::Zero(), Eigen::Vector2d::Ones()};
  double floor_ = 0.0;
};

}  // namespace flowlab
