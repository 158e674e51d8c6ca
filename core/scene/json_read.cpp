#include "core/scene/json_read.h"

#include <cstdint>
#include <limits>

namespace flowlab {
namespace {

std::string typeName(const Json& j) {
  if (j.is_number()) return "number";
  return j.type_name();
}

Status numberAt(const Json& j, const std::string& pointer, const std::string& label, double& out) {
  if (!j.is_number()) return jsonError(pointer, label + " must be a number, got " + typeName(j));
  out = j.get<double>();
  return Status::okStatus();
}

}  // namespace

std::optional<int> intValue(const Json& j) {
  // Range-checked before converting: get<int>() would wrap 4294967297 to 1.
  if (j.is_number_unsigned()) {
    const std::uint64_t u = j.get<std::uint64_t>();
    if (u > std::uint64_t(std::numeric_limits<int>::max())) return std::nullopt;
    return int(u);
  }
  if (j.is_number_integer()) {
    const std::int64_t v = j.get<std::int64_t>();
    if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max()) return std::nullopt;
    return int(v);
  }
  return std::nullopt;
}

Status jsonError(const std::string& pointer, const std::string& reason) {
  return Status::error(pointer + ": " + reason);
}

std::pair<std::string, std::string> splitJsonError(const std::string& message) {
  if (message.rfind(": ", 0) == 0) return {"", message.substr(2)};  // the root's pointer is ""
  if (message.empty() || message[0] != '/') return {"", message};
  const std::size_t colon = message.find(": ");
  if (colon == std::string::npos) return {"", message};
  return {message.substr(0, colon), message.substr(colon + 2)};
}

std::string childPointer(const std::string& where, const std::string& key) {
  // RFC 6901 escaping, so a key holding "/" or "~" stays one token of the pointer.
  std::string escaped;
  for (const char c : key) {
    if (c == '~') escaped += "~0";
    else if (c == '/') escaped += "~1";
    else escaped += c;
  }
  return where + "/" + escaped;
}
std::string childPointer(const std::string& where, int index) { return where + "/" + std::to_string(index); }

Status requireObject(const Json& j, const std::string& where, const std::string& what) {
  if (j.is_object()) return Status::okStatus();
  return jsonError(where, what + " must be a JSON object, got " + typeName(j));
}

Status checkKeys(const Json& object, std::initializer_list<const char*> allowed, const std::string& where) {
  for (auto it = object.begin(); it != object.end(); ++it) {
    bool known = false;
    for (const char* a : allowed) known = known || it.key() == a;
    if (known) continue;
    std::string list;
    for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
    return jsonError(childPointer(where, it.key()), "unknown field \"" + it.key() + "\" (expected: " + list + ")");
  }
  return Status::okStatus();
}

Expected<double> readNumber(const Json& object, const std::string& key, const std::string& where) {
  Expected<double> out;
  if (!object.contains(key)) {
    out.status = jsonError(where, "missing field \"" + key + "\"");
    return out;
  }
  out.status = numberAt(object[key], childPointer(where, key), "\"" + key + "\"", out.value);
  return out;
}

Expected<double> readNumber(const Json& object, const std::string& key, const std::string& where, double fallback) {
  if (!object.contains(key)) return {Status::okStatus(), fallback};
  return readNumber(object, key, where);
}

Expected<int> readInt(const Json& object, const std::string& key, const std::string& where) {
  Expected<int> out;
  if (!object.contains(key)) {
    out.status = jsonError(where, "missing field \"" + key + "\"");
    return out;
  }
  const Json& j = object[key];
  const std::optional<int> v = intValue(j);
  if (!j.is_number_integer())
    out.status = jsonError(childPointer(where, key), "\"" + key + "\" must be an integer, got " + typeName(j));
  else if (!v)
    out.status = jsonError(childPointer(where, key), "\"" + key + "\" is out of range (" + j.dump() + ")");
  else
    out.value = *v;
  return out;
}

Expected<bool> readBool(const Json& object, const std::string& key, const std::string& where, bool fallback) {
  Expected<bool> out{Status::okStatus(), fallback};
  if (!object.contains(key)) return out;
  const Json& j = object[key];
  if (!j.is_boolean())
    out.status = jsonError(childPointer(where, key), "\"" + key + "\" must be true or false, got " + typeName(j));
  else
    out.value = j.get<bool>();
  return out;
}

Expected<Vector> readVector(const Json& object, const std::string& key, const std::string& where, int size) {
  Expected<Vector> out;
  if (!object.contains(key)) {
    out.status = jsonError(where, "missing field \"" + key + "\"");
    return out;
  }
  const Json& j = object[key];
  const std::string pointer = childPointer(where, key);
  const std::string expect = size > 0 ? std::to_string(size) + " numbers" : "numbers";
  if (!j.is_array() || j.empty() || (size > 0 && static_cast<int>(j.size()) != size)) {
    const std::string got = j.is_array() ? std::to_string(j.size()) + " entries" : typeName(j);
    out.status = jsonError(pointer, "\"" + key + "\" must be an array of " + expect + ", got " + got);
    return out;
  }
  out.value.resize(static_cast<Eigen::Index>(j.size()));
  for (std::size_t i = 0; i < j.size() && out.ok(); ++i)
    out.status = numberAt(j[i], childPointer(pointer, static_cast<int>(i)),
                          "\"" + key + "\"[" + std::to_string(i) + "]", out.value(static_cast<Eigen::Index>(i)));
  return out;
}

Expected<Matrix> readMatrix(const Json& object, const std::string& key, const std::string& where, int rows,
                            int cols) {
  Expected<Matrix> out;
  if (!object.contains(key)) {
    out.status = jsonError(where, "missing field \"" + key + "\"");
    return out;
  }
  const Json& j = object[key];
  const std::string pointer = childPointer(where, key);
  const std::string shape = std::to_string(rows) + " rows of " + std::to_string(cols) + " numbers";
  if (!j.is_array() || static_cast<int>(j.size()) != rows) {
    out.status = jsonError(pointer, "\"" + key + "\" must be an array of " + shape);
    return out;
  }
  out.value.resize(rows, cols);
  for (int r = 0; r < rows; ++r) {
    const Json& row = j[r];
    const std::string rowPointer = childPointer(pointer, r);
    if (!row.is_array() || static_cast<int>(row.size()) != cols) {
      out.status = jsonError(rowPointer, "\"" + key + "\" must be an array of " + shape);
      return out;
    }
    for (int c = 0; c < cols; ++c) {
      out.status = numberAt(row[c], childPointer(rowPointer, c),
                            "\"" + key + "\"[" + std::to_string(r) + "][" + std::to_string(c) + "]", out.value(r, c));
      if (!out.ok()) return out;
    }
  }
  return out;
}

Json vectorToJson(const Vector& v) {
  Json j = Json::array();
  for (Eigen::Index i = 0; i < v.size(); ++i) j.push_back(v(i));
  return j;
}

Json matrixToJson(const Matrix& m) {
  Json j = Json::array();
  for (Eigen::Index r = 0; r < m.rows(); ++r) j.push_back(vectorToJson(m.row(r).transpose()));
  return j;
}

}  // namespace flowlab
