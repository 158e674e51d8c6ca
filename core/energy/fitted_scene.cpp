#include "core/energy/fitted_scene.h"

#include "core/bijectors/planar.h"
#include "core/bijectors/radial.h"
#include "core/energy/target_json.h"
#include "core/families/residual_layers.h"
#include "core/scene/family_layers.h"

namespace flowlab {

SceneFile fittedFlowScene(ReverseKlTrainer& trainer, const ReverseKlEstimate& estimate) {
  const ReverseKlConfig& c = trainer.config();
  TrainableFlow& stack = trainer.flow();
  const double* p = trainer.params().data();
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
    scene = reversedFamilyScene(f, trainer.params());
  }
  scene.name = c.flow + " fitted to " + trainer.target().name() + " by reverse KL";
  scene.extras["target"] = targetJson(trainer.target());
  scene.extras["objective"] = "reverse_kl";
  Json fit{{"flow", c.flow},
           {"layers", c.knobs.layers},
           {"steps", trainer.stepCount()},
           {"seed", c.seed},
           {"anneal_steps", c.annealSteps},
           {"reverse_kl", estimate.reverseKl},
           {"log_z", estimate.importance.logZ},
           {"log_z_stderr", estimate.importance.logZStderr},
           {"ess", estimate.importance.ess},
           {"samples", estimate.importance.samples}};
  if (const auto z = trainer.target().knownLogZ()) fit["log_z_true"] = *z;
  scene.extras["fit"] = fit;
  return scene;
}

}  // namespace flowlab
