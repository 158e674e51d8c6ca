// Point files for the command line: one point per line, D comma-separated numbers (1D: one number).
#pragma once

#include <cstdio>
#include <string>

#include "core/status.h"
#include "core/types.h"

namespace flowlab {

// Parses CSV text into an N by dim batch. Lines end in "\n", "\r\n" or "\r"; a field may be quoted
// ("1","2"). Blank lines, lines starting with '#' and a first line of column names ("x,y") are
// skipped; any other line that is not exactly dim finite numbers is an error "source:line: reason"
// (a long field is quoted by its first 40 characters). NUL bytes are refused. maxPoints >= 0: a
// point beyond that many is an error at its line ("source:1000001: more than 1000000 points"),
// found before the rest of the file is parsed.
Expected<Batch> parsePointsCsv(const std::string& text, int dim, const std::string& sourceName,
                               long long maxPoints = -1);
// Reads a file (core/io/read_file.h: "path: cannot read file", directories and files over 256 MiB refused).
Expected<Batch> loadPointsCsv(const std::string& path, int dim, long long maxPoints = -1);

// Writes one row per line, columns separated by ',', each number as %.17g (round-trips a double),
// and flushes. false when a write failed (e.g. stdout is /dev/full or a closed pipe).
bool writePointsCsv(std::FILE* out, const Batch& points);

}  // namespace flowlab
