// Small checked readers for scene JSON, shared by every layer and conditioner codec.
//
// Error convention: a reader's Status message is "<json pointer>: <reason>", e.g.
// "/layers/1/omega: \"omega\" must be a number, got string". The pointer names the offending value
// (or, for a missing field, the object that lacks it); the scene loader turns it into line:column.
// `where` is always the JSON pointer of the object being read ("" for the root).
#pragma once

#include <initializer_list>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "core/types.h"

namespace flowlab {

using Json = nlohmann::json;

// Status with the message "<pointer>: <reason>".
Status jsonError(const std::string& pointer, const std::string& reason);
// Splits such a message back into {pointer, reason}; pointer is "" (root) when there is none.
std::pair<std::string, std::string> splitJsonError(const std::string& message);
// where + "/" + key (the key escaped as RFC 6901 says: "~" as "~0", "/" as "~1"), where + "/" + index.
std::string childPointer(const std::string& where, const std::string& key);
std::string childPointer(const std::string& where, int index);

// ok() when j is an object; `what` names it in the message ("a layer").
Status requireObject(const Json& j, const std::string& where, const std::string& what);
// Rejects keys outside `allowed` (catches typos such as "omgea").
Status checkKeys(const Json& object, std::initializer_list<const char*> allowed, const std::string& where);

// Required fields of `object` (an object). A number may be any JSON number; out-of-range literals
// such as 1e999 read as ±inf and are left for validate() to reject.
Expected<double> readNumber(const Json& object, const std::string& key, const std::string& where);
// Optional: `fallback` when the key is absent.
Expected<double> readNumber(const Json& object, const std::string& key, const std::string& where, double fallback);
// Any integer field in range of int; out-of-range values (4294967297, -1e30 as an integer literal)
// and non-integers give nullopt, never a wrapped value.
std::optional<int> intValue(const Json& j);
// Integers out of range of int are refused ("out of range"), never wrapped.
Expected<int> readInt(const Json& object, const std::string& key, const std::string& where);
Expected<bool> readBool(const Json& object, const std::string& key, const std::string& where, bool fallback);
// An array of numbers; size -1 accepts any non-empty length.
Expected<Vector> readVector(const Json& object, const std::string& key, const std::string& where, int size);
// An array of `rows` arrays of `cols` numbers (row-major, as written in the file).
Expected<Matrix> readMatrix(const Json& object, const std::string& key, const std::string& where, int rows,
                            int cols);

Json vectorToJson(const Vector& v);  // [v0, v1, ...]
Json matrixToJson(const Matrix& m);  // [[row 0], [row 1], ...]

}  // namespace flowlab
