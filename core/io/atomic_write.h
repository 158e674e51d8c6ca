// Writing a file so that it holds either its old content or the complete new one, never a part:
// a crash, a kill, a full disk or a failing writer leaves the previous file intact.
//
// The bytes go to a temporary file in the same folder (".<name>.tmp-XXXXXX", so the final rename
// stays on one filesystem and is atomic), are flushed to disk (fflush + fsync), and the temporary is
// renamed over the target. On any failure the temporary is removed and the target is untouched.
// A target that exists and is not a regular file (a pipe, /dev/stdout, /dev/full) has nothing to
// replace: it is written directly, and a failed write is still reported.
#pragma once

#include <cstdio>
#include <functional>
#include <string>

#include "core/status.h"

namespace flowlab {

class AtomicFile {
 public:
  // Creates the temporary file at once, so an unwritable folder is reported before any work.
  explicit AtomicFile(std::string path);
  ~AtomicFile();  // not committed: removes the temporary; the target is untouched
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  // ok() when the temporary could be created ("path: cannot write file (reason)" otherwise).
  const Status& status() const { return status_; }
  // Where to write; nullptr when status() is an error.
  std::FILE* file() const { return file_; }
  // Flush, fsync, close and rename over the target. Fails (and discards) when any write failed.
  Status commit();
  // Drops the temporary; the target keeps its old content.
  void discard();

  const std::string& path() const { return path_; }
  const std::string& temporaryPath() const { return tmp_; }

 private:
  std::string path_, tmp_;
  std::FILE* file_ = nullptr;
  bool direct_ = false;  // writing straight to a device or pipe
  Status status_;
};

// One-shot: `write` fills the file and returns false on failure (then nothing is replaced).
Status writeFileAtomically(const std::string& path, const std::function<bool(std::FILE*)>& write);
Status writeFileAtomically(const std::string& path, const std::string& content);

}  // namespace flowlab
