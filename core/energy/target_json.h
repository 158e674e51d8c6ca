// Targets in scene files (docs/scene-format.md, "Targets"): a top-level "target" object,
//   "target": {"preset": "u1"}            one of targetPresetNames()
//   "target": {"expression": "-(x^2 + y^2)/2"}
// Errors follow core/scene/json_read.h ("<pointer>: reason"); a malformed expression's message
// keeps muparser's column.
#pragma once

#include "core/energy/target.h"
#include "core/scene/json_read.h"

namespace flowlab {

Json targetJson(const Target& target);
Expected<TargetPtr> readTargetJson(const Json& block, const std::string& where = "/target");

}  // namespace flowlab
