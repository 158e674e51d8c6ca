// A trainer saved as a scene file (docs/scene-format.md): the flow's layers with their weights
// (affine couplings with "mlp" conditioners, modelling STANDARDIZED data coordinates) plus the
// top-level extras a scene keeps verbatim:
//   "step": t,
//   "optimizer": {"type": "adam", "beta1", "beta2", "epsilon", "clip_norm", "lr_scale",
//                 "non_finite_events", "train_nll_ema", "m": [...], "v": [...]},
//   "training":  {"dataset", "noise", "batch", "learning_rate", "schedule", "warmup_steps",
//                 "schedule_steps", "final_lr_fraction", "test_size", "seed", "threads", "smoothing"}
//                (own points: "dataset": "points" and "points": [[x, y], ...] raw, no "noise";
//                core/train/training_points.h).
// Floats are stored as exact decimals, so a loaded trainer gives bit-identical log p and, from
// the same step, the identical training curve.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "core/scene/scene_file.h"
#include "core/families/family_trainer.h"
#include "core/train/trainer.h"

namespace flowlab {

Expected<SceneFile> checkpointScene(const Trainer& trainer);
// The checkpoint as the text saveCheckpoint writes (for callers that write it themselves).
Expected<std::string> checkpointText(const Trainer& trainer);
// Written atomically (core/io/atomic_write.h): a failed or interrupted save keeps the old file.
Status saveCheckpoint(const Trainer& trainer, const std::string& path);

// A RealNVP of the fast path (config.model, state), or with `family` a model of any flow family
// (core/train/family_checkpoint.h): config holds the shared settings (data, batch, optimizer,
// schedule, seed; config.model unused), familyState the stack's parameters and Adam state.
struct Checkpoint {
  TrainerConfig config;
  TrainerState state;
  std::optional<FamilyConfig> family = std::nullopt;
  FamilyTrainerState familyState = {};
};

// The same scene from a checkpoint's parts (config.data's noise should be resolved, as read).
Expected<SceneFile> checkpointScene(const Checkpoint& cp);

// From a parsed scene (a family model's too: family_checkpoint.h); errors name the offending field ("optimizer/m: expected 26508 numbers",
// "optimizer/lr_scale: -1 is out of range (must be in (0, 1])"). Every field is range-checked
// before conversion; a field present with the wrong type is an error, not a silent default.
Expected<Checkpoint> readCheckpoint(const SceneFile& scene);
// A Trainer built from cp.config and restored to cp.state.
Expected<std::unique_ptr<Trainer>> trainerFromCheckpoint(const Checkpoint& cp);
// The settings blocks shared by checkpoints and training scenes (core/train/training_scene.h):
// "training" (dataset, noise, batch, learning rate, schedule, test size, seed, threads, smoothing)
// and the Adam hyper-parameters of "optimizer" (beta1, beta2, epsilon, clip_norm). Absent fields
// keep c's values; errors name the field ("training/batch: must be an integer, got 2.5"). The
// architecture (c.model) is not read: it comes from the layers or the scene's "architecture".
Status readTrainingSettings(const Json& extras, TrainerConfig& c);
Json trainingJson(const TrainerConfig& c);
Json optimizerSettingsJson(const AdamConfig& adam);
// loadSceneFile + readCheckpoint + a Trainer restored to the saved state.
Expected<std::unique_ptr<Trainer>> loadCheckpoint(const std::string& path);

}  // namespace flowlab
