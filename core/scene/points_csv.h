// Point files for the command line: one point per line, D comma-separated numbers (1D: one number).
#pragma once

#include <cstdio>
#include <string>

#include "core/status.h"
#include "core/types.h"

namespace flowlab {

// Parses CSV text into an N by dim batch. Blank lines, lines starting with '#' and a first line of
// column names ("x,y") are skipped; any other line that is not exactly dim finite numbers is an
// error "source:line: reason".
Expected<Batch> parsePointsCsv(const std::string& text, int dim, const std::string& sourceName);
// Reads a file ("path: cannot read file" when it cannot be opened).
Expected<Batch> loadPointsCsv(const std::string& path, int dim);

// Writes one row per line, columns separated by ',', each number as %.17g (round-trips a double).
void writePointsCsv(std::FILE* out, const Batch& points);

}  // namespace flowlab
