#include "core/train/training_points.h"

#include <cmath>

#include "core/data/point_set.h"
#include "core/scene/points_csv.h"

namespace flowlab {

Expected<Dataset> loadTrainingPointsCsv(const std::string& path) {
  const Expected<Batch> raw = loadPointsCsv(path, 2, kMaxOwnPoints);
  if (!raw.ok()) return {raw.status, Dataset()};
  Expected<Dataset> data = Dataset::fromPoints(raw.value);
  if (!data.ok()) data.status = data.status.withContext(path);
  return data;
}

Json trainingPointsToJson(const Batch& raw) {
  Json a = Json::array();
  for (Eigen::Index i = 0; i < raw.rows(); ++i) a.push_back(Json::array({raw(i, 0), raw(i, 1)}));
  return a;
}

Expected<Batch> trainingPointsFromJson(const Json& points, const std::string& where) {
  auto fail = [](const std::string& m) { return Expected<Batch>{Status::error(m), Batch()}; };
  if (!points.is_array()) return fail(where + ": must be an array of [x, y] pairs");
  if (points.size() > std::size_t(kMaxOwnPoints))
    return fail(where + ": " + std::to_string(points.size()) + " points: more than the " +
                std::to_string(kMaxOwnPoints) + " a run can hold");
  Batch raw(Eigen::Index(points.size()), 2);
  for (std::size_t i = 0; i < points.size(); ++i) {
    const Json& p = points[i];
    const std::string at = where + "/" + std::to_string(i);
    if (!p.is_array() || p.size() != 2 || !p[0].is_number() || !p[1].is_number())
      return fail(at + ": expected 2 numbers");
    for (int j = 0; j < 2; ++j) {
      const double v = p[std::size_t(j)].get<double>();
      if (!std::isfinite(v)) return fail(at + "/" + std::to_string(j) + ": " + p[std::size_t(j)].dump() + " is not a finite number");
      raw(Eigen::Index(i), j) = v;
    }
  }
  return {Status::okStatus(), std::move(raw)};
}

}  // namespace flowlab
