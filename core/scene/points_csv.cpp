#include "core/scene/points_csv.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <vector>

#include "core/io/read_file.h"

namespace flowlab {
namespace {

// Longest field quoted back in an error message; a 10 MB field is shown as its start and length.
constexpr std::size_t kMaxEchoedField = 40;

std::string trim(const std::string& s) {
  const std::size_t a = s.find_first_not_of(" \t\r");
  if (a == std::string::npos) return "";
  return s.substr(a, s.find_last_not_of(" \t\r") - a + 1);
}

// CSV quoting ("1","2" as some spreadsheets write): a field wholly in double quotes is its inside.
std::string unquote(const std::string& f) {
  if (f.size() >= 2 && f.front() == '"' && f.back() == '"') return trim(f.substr(1, f.size() - 2));
  return f;
}

std::string echo(const std::string& f) {
  std::string out = "\"";
  out.append(f, 0, std::min(f.size(), kMaxEchoedField));
  if (f.size() <= kMaxEchoedField) return out.append("\"");
  return out.append("...\" (").append(std::to_string(f.size())).append(" characters)");
}

// Lines ending in "\n", "\r\n" or a lone "\r" (old Mac files), one at a time (a 10^7-line file is
// never held as 10^7 strings).
class LineReader {
 public:
  explicit LineReader(const std::string& text) : text_(text) {}
  bool next(std::string& line) {
    if (pos_ >= text_.size()) return false;
    std::size_t end = pos_;
    while (end < text_.size() && text_[end] != '\n' && text_[end] != '\r') ++end;
    line.assign(text_, pos_, end - pos_);
    if (end < text_.size() && text_[end] == '\r' && end + 1 < text_.size() && text_[end + 1] == '\n') ++end;
    pos_ = end + 1;
    return true;
  }

 private:
  const std::string& text_;
  std::size_t pos_ = 0;
};

}  // namespace

Expected<Batch> parsePointsCsv(const std::string& text, int dim, const std::string& sourceName, long long maxPoints) {
  if (Status s = refuseNulBytes(text, sourceName); !s.ok()) return {s, Batch()};
  std::vector<double> values;
  bool first = true;
  LineReader reader(text);
  std::string rawLine;
  for (std::size_t lineNo = 1; reader.next(rawLine); ++lineNo) {
    const std::string line = trim(rawLine);
    if (line.empty() || line[0] == '#') continue;
    auto fail = [&](const std::string& reason) {
      return Expected<Batch>{Status::error(sourceName + ":" + std::to_string(lineNo) + ": " + reason), Batch()};
    };
    std::vector<std::string> fields;
    std::size_t start = 0;
    for (std::size_t comma; (comma = line.find(',', start)) != std::string::npos; start = comma + 1)
      fields.push_back(unquote(trim(line.substr(start, comma - start))));
    fields.push_back(unquote(trim(line.substr(start))));
    if (static_cast<int>(fields.size()) != dim)
      return fail("expected " + std::to_string(dim) + " number" + (dim == 1 ? "" : "s") + " per line, got " +
                  std::to_string(fields.size()) + " fields");
    // A first line of names only ("x,y", as pandas writes) is a header, not a point.
    const bool header = first && std::all_of(fields.begin(), fields.end(), [](const std::string& f) {
      char* end = nullptr;
      std::strtod(f.c_str(), &end);
      return !f.empty() && end == f.c_str();  // not even a prefix parses as a number ("nan", "inf" do)
    });
    first = false;
    if (header) continue;
    if (maxPoints >= 0 && (long long)(values.size() / std::size_t(dim)) >= maxPoints)
      return fail("more than " + std::to_string(maxPoints) + " points");
    for (const std::string& f : fields) {
      char* end = nullptr;
      const double v = std::strtod(f.c_str(), &end);
      if (f.empty() || end != f.c_str() + f.size()) return fail("not a number: " + echo(f));
      if (!std::isfinite(v)) return fail("not a finite number: " + echo(f));
      values.push_back(v);
    }
  }
  Batch points(static_cast<Eigen::Index>(values.size() / dim), dim);
  for (std::size_t i = 0; i < values.size(); ++i) points(i / dim, i % dim) = values[i];
  return {Status::okStatus(), std::move(points)};
}

Expected<Batch> loadPointsCsv(const std::string& path, int dim, long long maxPoints) {
  const Expected<std::string> text = readTextFile(path);
  if (!text.ok()) return {text.status, Batch()};
  return parsePointsCsv(text.value, dim, path, maxPoints);
}

bool writePointsCsv(std::FILE* out, const Batch& points) {
  for (Eigen::Index i = 0; i < points.rows(); ++i)
    for (Eigen::Index j = 0; j < points.cols(); ++j)
      if (std::fprintf(out, j + 1 < points.cols() ? "%.17g," : "%.17g\n", points(i, j)) < 0) return false;
  return std::fflush(out) == 0 && !std::ferror(out);
}

}  // namespace flowlab
