// Scene codec of the "mlp" coupling conditioner (learned weights). Declared here so the
// conditioner table can list it; defined by the training area in mlp_conditioner_codec.cpp.
#pragma once

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "core/bijectors/conditioner.h"
#include "core/status.h"

namespace flowlab {

// Reads an {"type": "mlp", ...} object; errors follow core/scene/json_read.h ("<pointer>: reason"),
// with `where` the object's JSON pointer.
Expected<std::unique_ptr<Conditioner>> readMlpConditioner(const nlohmann::json& conditioner, const std::string& where);
// The object's fields (the caller adds "type": "mlp").
nlohmann::json writeMlpConditioner(const Conditioner& conditioner);

}  // namespace flowlab
