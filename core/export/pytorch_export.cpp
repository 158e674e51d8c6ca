#include "core/export/pytorch_export.h"

#include "core/export/pytorch_family_layers.h"
#include "core/export/pytorch_layers.h"
#include "core/export/pytorch_runtime.h"

namespace flowlab {
namespace {

// The script's demonstration: log p at the origin and at the unit points of each axis.
std::string mainBlock(int dim) {
  std::string points = "[[" + std::string(dim == 1 ? "0.0" : "0.0, 0.0") + "]";
  for (int j = 0; j < dim; ++j) {
    points += ", [";
    for (int k = 0; k < dim; ++k) points += std::string(k ? ", " : "") + (k == j ? "1.0" : "0.0");
    points += "]";
  }
  points += "]";
  return "\n\nif __name__ == \"__main__\":\n"
         "    _points = torch.tensor(" + points + ", dtype=_F)\n"
         "    for _point, _value in zip(_points.tolist(), flow.log_prob(_points).tolist()):\n"
         "        print(\"log_prob(%s) = %.17g\" % (_point, _value))\n";
}

}  // namespace

Expected<std::string> exportPytorchScript(const SceneFile& scene) {
  const Flow& flow = scene.flow;
  if (Status s = flow.validate(); !s.ok()) return {s, ""};
  // Trained family layers come from the "family" block's stack; the others are read directly.
  const Expected<std::vector<std::string>> trained = pytorchFamilyLayerExpressions(scene);
  if (!trained.ok()) return {trained.status, ""};
  std::string layers;
  for (int i = 0; i < flow.layerCount(); ++i) {
    if (!flow.isEnabled(i)) continue;
    if (i < int(trained.value.size()) && !trained.value[i].empty()) {
      layers += "    " + trained.value[i] + ",\n";
      continue;
    }
    const Expected<std::string> layer = pytorchLayerExpression(flow.layer(i));
    if (!layer.ok()) return {layer.status.withContext(flow.layerLabel(i)), ""};
    layers += "    " + layer.value + ",\n";
  }
  std::string script = "# FlowLab flow";
  if (!scene.name.empty()) {
    std::string name = scene.name;  // one comment line, whatever the name holds
    for (char& c : name)
      if (c == '\n' || c == '\r') c = ' ';
    script += " \"" + name + "\"";
  }
  script += ", exported for PyTorch: `flow.log_prob(x)` (N by D float64 -> N), `flow.sample(n)`.\n";
  script += "# Layers listed from the base outwards; each has forward (z -> x) and inverse (x -> z).\n";
  script += pytorchRuntimeSource();
  script += "\n\nflow = _Flow(" + std::to_string(flow.dim()) + ", [\n" + layers + "])\n";
  script += mainBlock(flow.dim());
  return {Status::okStatus(), script};
}

}  // namespace flowlab
