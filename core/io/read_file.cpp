#include "core/io/read_file.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace flowlab {
namespace {

// line:col (1-based) of byte `offset`, counting '\n', "\r\n" and '\r' as line ends.
std::string lineColumn(const std::string& text, std::size_t offset) {
  int line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) {
      ++line;
      column = 1;
    } else if (text[i] != '\r' && (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return std::to_string(line) + ":" + std::to_string(column);
}

std::string mebibytes(std::size_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

}  // namespace

Status refuseNulBytes(const std::string& text, const std::string& sourceName) {
  const std::size_t nul = text.find('\0');
  if (nul == std::string::npos) return Status::okStatus();
  return Status::error(sourceName + ":" + lineColumn(text, nul) + ": NUL byte: not a text file");
}

Expected<std::string> readTextFile(const std::string& path, std::size_t maxBytes) {
  Expected<std::string> out;
  struct stat info {};
  if (::stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode)) {
    out.status = Status::error(path + ": is a directory, not a file");
    return out;
  }
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), std::fclose);
  if (!file) {
    out.status = Status::error(path + ": cannot read file");
    return out;
  }
  // Chunked: a NUL (e.g. /dev/zero) or the cap ends the read early, whatever the source.
  char chunk[1 << 16];
  for (std::size_t n; (n = std::fread(chunk, 1, sizeof chunk, file.get())) > 0;) {
    if (std::memchr(chunk, '\0', n)) {
      out.value.append(chunk, n);
      out.status = refuseNulBytes(out.value, path);
      out.value.clear();
      return out;
    }
    if (out.value.size() + n > maxBytes) {
      out.status = Status::error(path + ": larger than " + mebibytes(maxBytes) +
                                 "; FlowLab reads input files up to that size");
      out.value.clear();
      return out;
    }
    out.value.append(chunk, n);
  }
  if (std::ferror(file.get())) {
    out.status = Status::error(path + ": cannot read file (" + std::strerror(errno) + ")");
    out.value.clear();
  }
  return out;
}

}  // namespace flowlab
