#include "core/io/atomic_write.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace flowlab {
namespace {

std::string folderOf(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
}

std::string nameOf(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
  struct stat info {};
  if (path_.empty() || (::stat(path_.c_str(), &info) == 0 && S_ISDIR(info.st_mode))) {
    status_ = Status::error(path_ + ": cannot write file (it is a directory)");
    return;
  }
  if (::stat(path_.c_str(), &info) == 0 && !S_ISREG(info.st_mode)) {
    direct_ = true;
    file_ = std::fopen(path_.c_str(), "wb");
    if (!file_) status_ = Status::error(path_ + ": cannot write file (" + std::strerror(errno) + ")");
    return;
  }
  const std::string folder = folderOf(path_);
  std::string pattern = (folder == "." && path_.find('/') == std::string::npos ? "" : folder + "/") + "." +
                        nameOf(path_) + ".tmp-XXXXXX";
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  const int fd = ::mkstemp(buffer.data());
  if (fd < 0) {
    status_ = Status::error(path_ + ": cannot write file (" + std::strerror(errno) + ")");
    return;
  }
  tmp_ = buffer.data();
  // mkstemp makes the file 0600; a saved scene should get the usual permissions (umask applies).
  const mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd, 0666 & ~mask);
  file_ = ::fdopen(fd, "wb");
  if (!file_) {
    ::close(fd);
    ::unlink(tmp_.c_str());
    tmp_.clear();
    status_ = Status::error(path_ + ": cannot write file");
  }
}

AtomicFile::~AtomicFile() { discard(); }

void AtomicFile::discard() {
  if (file_) std::fclose(file_);
  file_ = nullptr;
  if (!tmp_.empty() && !direct_) ::unlink(tmp_.c_str());
  tmp_.clear();
}

Status AtomicFile::commit() {
  if (!status_.ok()) return status_;
  if (!file_) return Status::error(path_ + ": already written");
  errno = 0;
  bool ok = std::fflush(file_) == 0 && !std::ferror(file_);
  int err = ok ? 0 : errno;
  if (direct_) {
    if (std::fclose(file_) != 0 && ok) {
      ok = false;
      err = errno;
    }
    file_ = nullptr;
    if (ok) return Status::okStatus();
    return Status::error(path_ + ": write failed" + (err ? std::string(" (") + std::strerror(err) + ")" : std::string()));
  }
  if (ok && ::fsync(::fileno(file_)) != 0) {
    ok = false;
    err = errno;
  }
  if (std::fclose(file_) != 0 && ok) {
    ok = false;
    err = errno;
  }
  file_ = nullptr;
  if (ok && ::rename(tmp_.c_str(), path_.c_str()) != 0) {
    ok = false;
    err = errno;
  }
  if (!ok) {
    ::unlink(tmp_.c_str());
    tmp_.clear();
    return Status::error(path_ + ": write failed" + (err ? std::string(" (") + std::strerror(err) + ")" : std::string()) +
                         "; the previous file is unchanged");
  }
  tmp_.clear();
  // The rename itself is durable once the folder's entry is on disk.
  const int dir = ::open(folderOf(path_).c_str(), O_RDONLY | O_DIRECTORY);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return Status::okStatus();
}

Status writeFileAtomically(const std::string& path, const std::function<bool(std::FILE*)>& write) {
  AtomicFile out(path);
  if (!out.status().ok()) return out.status();
  if (!write(out.file())) {
    out.discard();
    return Status::error(path + ": write failed; the previous file is unchanged");
  }
  return out.commit();
}

Status writeFileAtomically(const std::string& path, const std::string& content) {
  return writeFileAtomically(path, [&content](std::FILE* f) {
    return std::fwrite(content.data(), 1, content.size(), f) == content.size();
  });
}

}  // namespace flowlab
