// Range-checked readers of checkpoint fields (core/train/checkpoint.h, family_checkpoint.h): a field
// present with the wrong type or out of range is an error naming it ("optimizer/lr_scale: -1 is out
// of range (must be in (0, 1])"), never a silent default; an absent one keeps the caller's value.
#pragma once

#include <cstdint>
#include <string>

#include "core/scene/json_read.h"
#include "core/status.h"

namespace flowlab::checkpoint_fields {

// Largest step a checkpoint may hold: exact in a double, and far from long long's overflow.
constexpr long long kMaxStep = 1LL << 53;

inline std::string fieldName(const std::string& where, const char* key) { return where.empty() ? key : where + "/" + key; }

// A number field with a default (older or hand-written scenes may omit training settings); present
// but not a number with ok(v) is an error naming the field and the allowed range, never a silent default.
template <class Ok>
Status number(const Json& object, const char* key, const std::string& where, Ok ok, const char* range, double& out) {
  if (!object.contains(key)) return Status::okStatus();
  const Json& j = object[key];
  if (!j.is_number()) return Status::error(fieldName(where, key) + ": must be a number");
  const double v = j.get<double>();
  if (!ok(v)) return Status::error(fieldName(where, key) + ": " + j.dump() + " is out of range (must be " + range + ")");
  out = v;
  return Status::okStatus();
}

// An integer field in [lo, hi], hi >= 0 (range-checked before converting: 1e300 or 2^63 never wrap).
template <class Int>
Status integer(const Json& object, const char* key, const std::string& where, long long lo, long long hi, Int& out) {
  if (!object.contains(key)) return Status::okStatus();
  const Json& j = object[key];
  if (!j.is_number_integer()) return Status::error(fieldName(where, key) + ": must be an integer, got " + j.dump());
  long long v = 0;
  bool fits = false;
  if (j.is_number_unsigned()) {
    fits = j.get<std::uint64_t>() <= std::uint64_t(hi);
    if (fits) v = static_cast<long long>(j.get<std::uint64_t>());
  } else {
    v = j.get<std::int64_t>();
    fits = v <= hi;
  }
  if (!fits || v < lo)
    return Status::error(fieldName(where, key) + ": " + j.dump() + " is out of range [" + std::to_string(lo) + ", " +
                         std::to_string(hi) + "]");
  out = static_cast<Int>(v);
  return Status::okStatus();
}


}  // namespace flowlab::checkpoint_fields
