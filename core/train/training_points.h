// The user's own points for training: read from a CSV file (flowlab train --data, the app's File >
// Import points), and kept in a training block (docs/scene-format.md): "points": [[x, y], ...], raw
// coordinates as exact decimals (nlohmann's shortest round-trip form), so a checkpoint reloads the
// same PointSet bit for bit: same standardization, same split, same batches on resume.
#pragma once

#include <string>

#include "core/data/dataset.h"
#include "core/scene/json_read.h"
#include "core/types.h"

namespace flowlab {

// A CSV of x,y lines (core/scene/points_csv.h) as an own-points Dataset. Errors name the file and,
// where there is one, the line: "p.csv:3: not a number: \"hello\"", "p.csv:1000001: more than
// 1000000 points", "p.csv: 3 points: training needs at least 10", "p.csv: the points have no
// spread: every point is (0.5, -1.25)". Nothing is kept on failure (the caller's data stays).
Expected<Dataset> loadTrainingPointsCsv(const std::string& path);

Json trainingPointsToJson(const Batch& raw);  // raw: N by 2

// `where` names the field in messages ("training/points"). Errors: not an array; an entry that is
// not two numbers ("training/points/3: expected 2 numbers"); a non-finite or out-of-range value
// ("training/points/3/1: 1e400 is not a finite number"); more than kMaxOwnPoints entries. The
// count lower bound, the spread and the rest are makePointSet's to check.
Expected<Batch> trainingPointsFromJson(const Json& points, const std::string& where);

}  // namespace flowlab
