// Writes a new file named stem-0001.ext, stem-0002.ext, ... in a folder without ever replacing an
// existing one, atomically: the bytes go to a temporary file in the same folder, are flushed,
// and the file is then linked under the first free name, so no reader sees a partial file.
#pragma once

#include <string>
#include <vector>

namespace flowlab::app {

struct NumberedWrite {
  std::string path;   // absolute path written, empty on failure
  std::string error;  // one line, naming the folder, on failure
};

NumberedWrite writeNumberedFile(const std::string& folder, const std::string& stem, const std::string& ext,
                                const std::vector<unsigned char>& bytes);

// Where pictures go: $XDG_PICTURES_DIR, else ~/Pictures if it exists, else the working folder;
// always absolute.
std::string picturesFolder();

}  // namespace flowlab::app
