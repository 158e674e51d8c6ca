#include "app/platform/numbered_file.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <unistd.h>

namespace flowlab::app {
namespace fs = std::filesystem;

NumberedWrite writeNumberedFile(const std::string& folder, const std::string& stem, const std::string& ext,
                                const std::vector<unsigned char>& bytes) {
  NumberedWrite r;
  std::string tmp = (fs::path(folder) / ("." + stem + "-XXXXXX")).string();
  const int fd = mkstemp(tmp.data());
  if (fd < 0) {
    r.error = "cannot write in " + folder + ": " + std::strerror(errno);
    return r;
  }
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  const bool written = done == bytes.size() && ::fsync(fd) == 0;
  const int writeErrno = errno;
  ::close(fd);
  if (!written) {
    ::unlink(tmp.c_str());
    r.error = "cannot write in " + folder + ": " + std::strerror(writeErrno ? writeErrno : EIO);
    return r;
  }
  // link() fails with EEXIST instead of replacing: the first free number wins, even against
  // another FlowLab saving into the same folder at the same moment.
  for (int n = 1; n < 100000; ++n) {
    char name[64];
    std::snprintf(name, sizeof name, "%s-%04d%s", stem.c_str(), n, ext.c_str());
    const std::string target = (fs::absolute(fs::path(folder)) / name).string();
    if (::link(tmp.c_str(), target.c_str()) == 0) {
      r.path = target;
      break;
    }
    if (errno != EEXIST) {
      r.error = "cannot create " + target + ": " + std::strerror(errno);
      break;
    }
  }
  ::unlink(tmp.c_str());
  if (r.path.empty() && r.error.empty()) r.error = "no free file name left in " + folder;
  return r;
}

std::string picturesFolder() {
  std::error_code ec;
  if (const char* xdg = std::getenv("XDG_PICTURES_DIR"); xdg && *xdg && fs::is_directory(xdg, ec))
    return fs::absolute(xdg, ec).string();
  if (const char* home = std::getenv("HOME"); home && *home) {
    const fs::path pictures = fs::path(home) / "Pictures";
    if (fs::is_directory(pictures, ec)) return pictures.string();
  }
  return fs::current_path(ec).string();
}

}  // namespace flowlab::app
