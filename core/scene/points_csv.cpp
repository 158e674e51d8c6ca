#include "core/scene/points_csv.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

namespace flowlab {
namespace {

std::string trim(const std::string& s) {
  const std::size_t a = s.find_first_not_of(" \t\r");
  if (a == std::string::npos) return "";
  return s.substr(a, s.find_last_not_of(" \t\r") - a + 1);
}

}  // namespace

Expected<Batch> parsePointsCsv(const std::string& text, int dim, const std::string& sourceName) {
  std::vector<double> values;
  std::istringstream in(text);
  std::string line;
  bool first = true;
  for (int lineNo = 1; std::getline(in, line); ++lineNo) {
    line = trim(line);
    if (line.empty() || line[0] == '#') continue;
    auto fail = [&](const std::string& reason) {
      return Expected<Batch>{Status::error(sourceName + ":" + std::to_string(lineNo) + ": " + reason), Batch()};
    };
    std::vector<std::string> fields;
    std::istringstream cells(line);
    for (std::string cell; std::getline(cells, cell, ',');) fields.push_back(trim(cell));
    if (line.back() == ',') fields.push_back("");
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
    for (const std::string& f : fields) {
      char* end = nullptr;
      const double v = std::strtod(f.c_str(), &end);
      if (f.empty() || end != f.c_str() + f.size()) return fail("not a number: \"" + f + "\"");
      if (!std::isfinite(v)) return fail("not a finite number: \"" + f + "\"");
      values.push_back(v);
    }
  }
  Batch points(static_cast<Eigen::Index>(values.size() / dim), dim);
  for (std::size_t i = 0; i < values.size(); ++i) points(i / dim, i % dim) = values[i];
  return {Status::okStatus(), std::move(points)};
}

Expected<Batch> loadPointsCsv(const std::string& path, int dim) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {Status::error(path + ": cannot read file"), Batch()};
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return parsePointsCsv(buffer.str(), dim, path);
}

void writePointsCsv(std::FILE* out, const Batch& points) {
  for (Eigen::Index i = 0; i < points.rows(); ++i)
    for (Eigen::Index j = 0; j < points.cols(); ++j)
      std::fprintf(out, j + 1 < points.cols() ? "%.17g," : "%.17g\n", points(i, j));
}

}  // namespace flowlab
