#include "core/scene/json_position.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace flowlab {
namespace {

// A minimal scanner over text already accepted by nlohmann-json: it only skips and descends.
class Scanner {
 public:
  explicit Scanner(const std::string& text) : s_(text) {}

  std::optional<std::size_t> find(std::size_t pos, const std::vector<std::string>& path, std::size_t depth) {
    pos = skipSpace(pos);
    if (depth == path.size()) return pos;
    if (pos >= s_.size()) return std::nullopt;
    if (s_[pos] == '{') {
      pos = skipSpace(pos + 1);
      while (pos < s_.size() && s_[pos] == '"') {
        const std::size_t keyEnd = skipString(pos);
        const bool match = s_.compare(pos + 1, keyEnd - pos - 2, path[depth]) == 0;
        pos = skipSpace(keyEnd);
        pos = skipSpace(pos + 1);  // ':'
        if (match) return find(pos, path, depth + 1);
        pos = skipSpace(skipValue(pos));
        if (pos < s_.size() && s_[pos] == ',') pos = skipSpace(pos + 1);
      }
      return std::nullopt;
    }
    if (s_[pos] == '[') {
      const std::string& token = path[depth];
      // An index is digits that fit a size_t; anything else (a key, 99999999999999999999) names
      // no element. Never std::stol: it throws on overflow.
      std::size_t wanted = 0;
      const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), wanted);
      if (token.empty() || ec != std::errc() || end != token.data() + token.size()) return std::nullopt;
      pos = skipSpace(pos + 1);
      for (std::size_t i = 0; pos < s_.size() && s_[pos] != ']'; ++i) {
        if (i == wanted) return find(pos, path, depth + 1);
        pos = skipSpace(skipValue(pos));
        if (pos < s_.size() && s_[pos] == ',') pos = skipSpace(pos + 1);
      }
    }
    return std::nullopt;
  }

 private:
  std::size_t skipSpace(std::size_t pos) const {
    while (pos < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos]))) ++pos;
    return pos;
  }
  // pos at the opening quote; returns one past the closing quote.
  std::size_t skipString(std::size_t pos) const {
    for (++pos; pos < s_.size(); ++pos) {
      if (s_[pos] == '\\') ++pos;
      else if (s_[pos] == '"') return pos + 1;
    }
    return pos;
  }
  std::size_t skipValue(std::size_t pos) const {
    if (pos >= s_.size()) return pos;
    if (s_[pos] == '"') return skipString(pos);
    if (s_[pos] == '{' || s_[pos] == '[') {
      int depth = 0;
      while (pos < s_.size()) {
        const char c = s_[pos];
        if (c == '"') {
          pos = skipString(pos);
          continue;
        }
        if (c == '{' || c == '[') ++depth;
        if ((c == '}' || c == ']') && --depth == 0) return pos + 1;
        ++pos;
      }
      return pos;
    }
    while (pos < s_.size() && s_[pos] != ',' && s_[pos] != '}' && s_[pos] != ']' &&
           !std::isspace(static_cast<unsigned char>(s_[pos])))
      ++pos;
    return pos;
  }

  const std::string& s_;
};

// RFC 6901: "~1" is "/", "~0" is "~" (childPointer escapes keys that way).
std::string unescapeToken(const std::string& token) {
  std::string out;
  for (std::size_t i = 0; i < token.size(); ++i) {
    if (token[i] == '~' && i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1')) {
      out += token[i + 1] == '0' ? '~' : '/';
      ++i;
    } else {
      out += token[i];
    }
  }
  return out;
}

}  // namespace

TextPosition positionOfOffset(const std::string& text, std::size_t offset) {
  TextPosition p;
  if (offset > text.size()) offset = text.size();
  for (std::size_t i = 0; i < offset; ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++p.line;
      p.column = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++p.column;
    }
  }
  return p;
}

std::optional<std::size_t> offsetOfPointer(const std::string& text, const std::string& pointer) {
  std::vector<std::string> path;
  std::size_t start = 0;
  if (!pointer.empty()) {
    if (pointer[0] != '/') return std::nullopt;
    start = 1;
    while (true) {
      const std::size_t slash = pointer.find('/', start);
      path.push_back(unescapeToken(pointer.substr(start, slash == std::string::npos ? std::string::npos : slash - start)));
      if (slash == std::string::npos) break;
      start = slash + 1;
    }
  }
  return Scanner(text).find(0, path, 0);
}

std::optional<std::size_t> offsetOfOverflowingNumber(const std::string& text) {
  bool inString = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (inString) {
      if (c == '\\') ++i;
      else if (c == '"') inString = false;
      continue;
    }
    if (c == '"') {
      inString = true;
    } else if (c == '-' || std::isdigit(static_cast<unsigned char>(c))) {
      std::size_t end = i;
      while (end < text.size() && text[end] != '\0' && std::strchr("+-0123456789.eE", text[end])) ++end;
      if (!std::isfinite(std::strtod(text.substr(i, end - i).c_str(), nullptr))) return i;
      i = end - 1;
    }
  }
  return std::nullopt;
}

}  // namespace flowlab
