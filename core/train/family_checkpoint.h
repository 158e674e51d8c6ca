// A flow-family trainer (core/families/family_trainer.h) saved as a scene file: the model as
// core/scene/family_layers.h writes it ("family" block + one "layers" entry per trainable layer) plus
// the extras a RealNVP checkpoint keeps (core/train/checkpoint.h), in the same fields:
//   "step": t,
//   "optimizer": {"type": "adam", "beta1", "beta2", "epsilon", "clip_norm", "lr_scale",
//                 "non_finite_events", "train_nll_ema", "m": [...], "v": [...]},
//   "training":  {"dataset", "noise", "batch", "learning_rate", "schedule", ...}  (trainingJson)
// Parameters and moments are doubles written as exact decimals: a resumed trainer takes the same
// steps as one never stopped, bit for bit.
#pragma once

#include <memory>

#include "core/train/checkpoint.h"

namespace flowlab {

// The shared settings of a family trainer's config (the inverse of familyTrainerConfig,
// core/train/run_engine.h; config.model keeps its default).
TrainerConfig sharedTrainerConfig(const FamilyTrainerConfig& config);
// The trainer's checkpoint (the data spec as used, never "the default noise").
Checkpoint familyCheckpoint(const FamilyTrainer& trainer);
// The scene of a checkpoint with cp.family (checkpointScene(cp) calls it).
Expected<SceneFile> familyCheckpointScene(const Checkpoint& cp);
Expected<std::string> familyCheckpointText(const FamilyTrainer& trainer);
// From a parsed family scene (readCheckpoint(scene) calls it); errors name the field
// ("optimizer/m: expected an array of 642 numbers"). Without "optimizer" the moments start at 0.
Expected<Checkpoint> readFamilyCheckpoint(const SceneFile& scene);
// A FamilyTrainer built from cp's settings and restored to cp.familyState (cp.family must be set).
Expected<std::unique_ptr<FamilyTrainer>> familyTrainerFromCheckpoint(const Checkpoint& cp);

}  // namespace flowlab
