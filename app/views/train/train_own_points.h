// Your own data in the Training view: points drawn with the draw tool or imported from a CSV file
// (File > Import points..., Ctrl+I) become the dataset of a new run. Core standardizes them,
// splits them into train and test and estimates their entropy floor; a file or a drawing it
// refuses leaves the current data and run as they were, with the reason in the message log.
#pragma once

#include <memory>
#include <string>

#include "core/types.h"

namespace flowlab::app {

struct AppState;
struct TrainState;

// A new run on these raw points (`what` names them in messages: "drawn points", "moons.csv").
// False (with the reason posted) when core refuses them; nothing changes then.
bool setOwnPoints(AppState& app, TrainState& s, std::shared_ptr<const Batch> points, const std::string& what);
// The Import points dialog (a path field); call in the canvas pass.
void drawImportPointsDialog(TrainState& s);
// Reads s.importPath (CSV, two columns) and trains on it; errors name the file and line.
void importPoints(AppState& app, TrainState& s);

}  // namespace flowlab::app
