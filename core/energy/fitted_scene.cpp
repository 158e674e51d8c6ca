#include "core/energy/fitted_scene.h"

#include <algorithm>

#include "core/bijectors/planar.h"
#include "core/bijectors/radial.h"
#include "core/energy/target_json.h"
#include "core/families/residual_layers.h"
#include "core/scene/family_layers.h"

namespace flowlab {

SceneFile fittedFlowScene(ReverseKlTrainer& trainer, const ReverseKlEstimate& estimate) {
  return fittedFlowScene(trainer.config(), trainer.target(), trainer.params(), trainer.stepCount(), estimate);
}

SceneFile fittedFlowScene(const ReverseKlConfig& c, const Target& target, const Vector& params, long long step,
                          const ReverseKlEstimate& estimate) {
  const TrainableFlow stack = makeEnergyFlow(c);
  const double* p = params.data();
  SceneFile scene;
  if (c.flow == "planar" || c.flow == "radial") {
    // The sampler applies layer K-1 first: from the base outwards the flow lists K-1, ..., 0.
    scene.dim = stack.dim();
    scene.flow = Flow(stack.dim());
    for (int k = stack.layerCount() - 1; k >= 0; --k) {
      const double* lp = p + stack.offset(k);
      if (const auto* planar = dynamic_cast<const TrainablePlanar*>(&stack.layer(k))) {
        const PlanarValues v = planar->values(lp);
        scene.flow.append(std::make_unique<Planar>(v.u, v.w, v.b));
      } else {
        const RadialValues v = dynamic_cast<const TrainableRadial&>(stack.layer(k)).values(lp);
        scene.flow.append(std::make_unique<Radial>(v.x0, v.alpha, v.beta));
      }
    }
  } else {
    FamilyConfig f = c.knobs;
    f.kind = *familyFromName(c.flow);
    scene = reversedFamilyScene(f, params);
  }
  scene.name = c.flow + " fitted to " + target.name() + " by reverse KL";
  scene.extras["target"] = targetJson(target);
  scene.extras["objective"] = "reverse_kl";
  Json fit{{"flow", c.flow},
           {"layers", c.knobs.layers},
           {"steps", step},
           {"seed", c.seed},
           {"anneal_steps", c.annealSteps},
           {"reverse_kl", estimate.reverseKl},
           {"log_z", estimate.importance.logZ},
           {"log_z_stderr", estimate.importance.logZStderr},
           {"ess", estimate.importance.ess},
           {"samples", estimate.importance.samples}};
  if (const auto z = target.knownLogZ()) fit["log_z_true"] = *z;
  scene.extras["fit"] = fit;
  return scene;
}

Expected<FitSettings> readFitSettings(const Json& fit, const FitSettings& defaults) {
  Expected<FitSettings> out{Status::okStatus(), defaults};
  if (!fit.is_object()) return out;
  FitSettings& f = out.value;
  if (fit.contains("flow")) {
    const auto& names = energyFlowNames();
    if (!fit["flow"].is_string() || std::find(names.begin(), names.end(), fit["flow"].get<std::string>()) == names.end()) {
      out.status = jsonError("/fit/flow", "unknown flow " + fit["flow"].dump());
      return out;
    }
    f.config.flow = fit["flow"].get<std::string>();
  }
  auto readInt = [&](const char* key, int& into, int lo, int hi) {
    if (!fit.contains(key)) return true;
    const std::optional<int> v = intValue(fit[key]);
    if (!v || *v < lo || *v > hi) {
      out.status = jsonError(std::string("/fit/") + key, std::string("\"") + key + "\" must be an integer in [" +
                                                            std::to_string(lo) + ", " + std::to_string(hi) + "]");
      return false;
    }
    into = *v;
    return true;
  };
  int seed = int(f.config.seed);
  if (!readInt("layers", f.config.knobs.layers, 1, 256) || !readInt("steps", f.steps, 1, 100000000) ||
      !readInt("seed", seed, 0, 1 << 30) || !readInt("anneal_steps", f.config.annealSteps, 0, 100000000))
    return out;
  f.config.seed = std::uint64_t(seed);
  return out;
}

}  // namespace flowlab
