// Reading a whole input file (scene, points CSV, checkpoint) with limits, so an odd path gives a
// clear message instead of a hang or an out-of-memory abort: a directory is refused, /dev/zero or
// an endless pipe stops at the size cap, and a NUL byte (binary data) is refused where it appears.
#pragma once

#include <cstddef>
#include <string>

#include "core/status.h"

namespace flowlab {

// Largest input file FlowLab reads (a default checkpoint is about 1.2 MB).
inline constexpr std::size_t kMaxInputFileBytes = std::size_t(256) << 20;

// The file's bytes. Errors: "path: cannot read file", "path: is a directory, not a file",
// "path: larger than 256 MiB; FlowLab reads input files up to that size",
// "path:line:col: NUL byte: not a text file".
Expected<std::string> readTextFile(const std::string& path, std::size_t maxBytes = kMaxInputFileBytes);

// "path:line:col: NUL byte: not a text file" for the first NUL in text, ok() when there is none.
// (Parsers that stop at a NUL would silently drop everything after it.)
Status refuseNulBytes(const std::string& text, const std::string& sourceName);

}  // namespace flowlab
