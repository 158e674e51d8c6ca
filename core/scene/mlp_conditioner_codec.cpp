// Placeholder until the training area provides the MLP conditioner codec (it replaces this file).
#include "core/scene/mlp_conditioner_codec.h"

#include "core/scene/json_read.h"

namespace flowlab {

Expected<std::unique_ptr<Conditioner>> readMlpConditioner(const nlohmann::json&, const std::string& where) {
  return {jsonError(where, "mlp conditioners are not supported yet"), nullptr};
}

nlohmann::json writeMlpConditioner(const Conditioner&) { return nlohmann::json::object(); }

}  // namespace flowlab
