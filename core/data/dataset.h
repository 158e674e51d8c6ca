// A toy 2D dataset in STANDARDIZED coordinates: x_std = (x_raw - mean) / stddev with the
// distribution's own analytic mean and standard deviation per coordinate, so every sample of a
// dataset, whatever its seed, lives in the same coordinates. Carries its entropy floor.
#pragma once

#include <string>
#include <vector>

#include "core/data/toy_distributions.h"
#include "core/status.h"

namespace flowlab {

struct DatasetSpec {
  DatasetKind kind = DatasetKind::Moons;
  double noise = -1.0;  // σ of the Gaussian noise; < 0: the dataset's default
  bool operator==(const DatasetSpec&) const = default;
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
  explicit Dataset(DatasetSpec spec);  // spec must be valid
  Dataset() = default;                 // placeholder (moons moments unset, floor 0): assign from make()

  const DatasetSpec& spec() const { return spec_; }  // noise resolved (never < 0)
  std::string name() const { return datasetName(spec_.kind); }
  const Moments& rawMoments() const { return moments_; }

  // N by 2 standardized points.
  Batch sample(int n, Rng& rng) const;
  Batch standardize(const Batch& raw) const;
  Batch unstandardize(const Batch& standardized) const;
  // log p(x) of the true distribution at standardized points: log p_raw(x_raw) + Σ log stddev.
  Vector logProb(const Batch& standardized) const;
  // Differential entropy in standardized coordinates (nats per point): the lowest expected NLL
  // any model can reach on this dataset.
  double entropyFloor() const { return floor_; }

 private:
  DatasetSpec spec_;
  Moments moments_{Eigen::Vector2d::Zero(), Eigen::Vector2d::Ones()};
  double floor_ = 0.0;
};

}  // namespace flowlab
