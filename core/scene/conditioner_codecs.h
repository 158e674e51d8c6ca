// The table that maps a coupling conditioner's "type" to the code that reads and writes it.
// Entries: "parametric" (coupling_codecs.cpp) and "mlp" (mlp_conditioner_codec.h, owned by training).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/bijectors/conditioner.h"
#include "core/scene/json_read.h"

namespace flowlab {

// Reads a conditioner object (its "type" already checked); `where` is its JSON pointer.
using ConditionerReader = Expected<std::unique_ptr<Conditioner>> (*)(const Json& conditioner, const std::string& where);
// Writes a conditioner's fields; the caller sets "type".
using ConditionerWriter = Json (*)(const Conditioner& conditioner);

struct ConditionerCodec {
  std::string type;  // Conditioner::type()
  ConditionerReader read;
  ConditionerWriter write;
};

const std::vector<ConditionerCodec>& conditionerCodecs();

// Reads {"type": ..., fields...}; checks inDim/outDim against the coupling's split.
Expected<std::unique_ptr<Conditioner>> readConditioner(const Json& conditioner, int inDim, int outDim,
                                                       const std::string& where);
// {"type": ..., fields...}.
Expected<Json> writeConditioner(const Conditioner& conditioner);

}  // namespace flowlab
