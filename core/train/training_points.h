// The user's own points in a training block (docs/scene-format.md): "points": [[x, y], ...], raw
// coordinates as exact decimals (nlohmann's shortest round-trip form), so a checkpoint reloads the
// same PointSet bit for bit: same standardization, same split, same batches on resume.
#pragma once

#include <string>

#include "core/scene/json_read.h"
#include "core/types.h"

namespace flowlab {

Json trainingPointsToJson(const Batch& raw);  // raw: N by 2

// `where` names the field in messages ("training/points"). Errors: not an array; an entry that is
// not two numbers ("training/points/3: expected 2 numbers"); a non-finite or out-of-range value
// ("training/points/3/1: 1e400 is not a finite number"); more than kMaxOwnPoints entries. The
// count lower bound, the spread and the rest are makePointSet's to check.
Expected<Batch> trainingPointsFromJson(const Json& points, const std::string& where);

}  // namespace flowlab
