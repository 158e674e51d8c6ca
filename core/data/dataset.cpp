#include "core/data/dataset.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/data/entropy_floor.h"

namespace flowlab {

const std::vector<std::string>& datasetNames() {
  static const std::vector<std::string> names = {"moons", "circles", "8gaussians",
                                                 "checkerboard", "pinwheel", "spirals"};
  return names;
}

std::string datasetName(DatasetKind kind) { return datasetNames()[int(kind)]; }

double defaultNoise(DatasetKind kind) {
  switch (kind) {
    case DatasetKind::Moons:
    case DatasetKind::Circles:
      return 0.05;
    case DatasetKind::EightGaussians:
      return 0.25;
    case DatasetKind::Spirals:
      return 0.1;
    default:
      return 0.0;
  }
}

bool hasNoise(DatasetKind kind) { return defaultNoise(kind) > 0.0; }

Expected<Dataset> Dataset::make(const std::string& name, double noise) {
  if (std::isnan(noise)) return {Status::error("noise must be a number (got nan)"), Dataset()};
  const auto& names = datasetNames();
  int index = -1;
  for (int i = 0; i < int(names.size()); ++i)
    if (names[i] == name) index = i;
  if (index < 0) {
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
    return {Status::error("unknown dataset '" + name + "' (choose one of: " + list + ")"), Dataset()};
  }
  const auto kind = DatasetKind(index);
  if (noise >= 0.0 && !hasNoise(kind))
    return {Status::error("dataset '" + name + "' has no noise parameter"), Dataset()};
  // Small σ would need ever finer quadrature for the floor; large σ washes the shape out.
  if (noise >= 0.0 && !(noise >= 0.005 && noise <= 1.0))
    return {Status::error("noise must be in [0.005, 1], got " + std::to_string(noise)), Dataset()};
  return {Status::okStatus(), Dataset(DatasetSpec{kind, noise, nullptr})};
}

bool DatasetSpec::operator==(const DatasetSpec& o) const {
  if (ownData() || o.ownData()) {
    if (points == o.points) return true;
    if (!points || !o.points) return false;
    const Batch &a = points->raw, &b = o.points->raw;
    return a.rows() == b.rows() && a.cols() == b.cols() && a == b;
  }
  return kind == o.kind && noise == o.noise;
}

Expected<Dataset> Dataset::fromPoints(const Batch& raw) {
  Expected<std::shared_ptr<const PointSet>> set = makePointSet(raw);
  if (!set.ok()) return {set.status, Dataset()};
  DatasetSpec spec;
  spec.points = std::move(set.value);
  return {Status::okStatus(), Dataset(std::move(spec))};
}

Dataset::Dataset(DatasetSpec spec) : spec_(std::move(spec)) {
  if (spec_.points) {
    spec_.noise = 0.0;
    moments_ = spec_.points->moments;
    floor_ = spec_.points->floor;
    return;
  }
  if (spec_.noise < 0.0) spec_.noise = defaultNoise(spec_.kind);
  moments_ = flowlab::rawMoments(spec_.kind, spec_.noise);
  floor_ = flowlab::entropyFloor(spec_.kind, spec_.noise);
}

Batch Dataset::sample(int n, Rng& rng) const {
  if (!spec_.points) return standardize(sampleRaw(spec_.kind, spec_.noise, n, rng));
  const Batch& train = spec_.points->train;
  const int rows = int(train.rows());
  Batch out(n, 2);
  for (int i = 0; i < n; ++i) out.row(i) = train.row(std::min(rows - 1, int(rng.uniform() * rows)));
  return out;
}

Batch Dataset::testSet(int n, Rng& rng) const { return spec_.points ? spec_.points->test : sample(n, rng); }

Batch Dataset::standardize(const Batch& raw) const {
  Batch out(raw.rows(), 2);
  for (int j = 0; j < 2; ++j) out.col(j) = (raw.col(j).array() - moments_.mean(j)) / moments_.stddev(j);
  return out;
}

Batch Dataset::unstandardize(const Batch& standardized) const {
  Batch out(standardized.rows(), 2);
  for (int j = 0; j < 2; ++j)
    out.col(j) = standardized.col(j).array() * moments_.stddev(j) + moments_.mean(j);
  return out;
}

Vector Dataset::logProb(const Batch& standardized) const {
  if (ownData()) throw std::logic_error("Dataset::logProb: own points have no true density (check hasTrueDensity())");
  const double logJacobian = std::log(moments_.stddev(0)) + std::log(moments_.stddev(1));
  return (logProbRaw(spec_.kind, spec_.noise, unstandardize(standardized)).array() + logJacobian).matrix();
}

}  // namespace flowlab
