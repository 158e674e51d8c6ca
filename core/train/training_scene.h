// Training scenes (docs/scene-format.md, "Training scenes"): a scene that says how to train a
// RealNVP (dataset and its noise, architecture, optimizer, schedule, batch, test size, seed), with
// a title, a chapter of the course and a description; optionally with trained weights, in which
// case it is a checkpoint (core/train/checkpoint.h: "layers" + "step" + the optimizer's state).
//
//   {"title": "...", "chapter": 5, "description": "...",
//    "training": {"dataset": "moons", "noise": 0.05, "batch": 256, "learning_rate": 0.006,
//                 "schedule": "cosine", "warmup_steps": 200, "schedule_steps": 2000, "seed": 0, ...,
//                 "architecture": {"layers": 6, "hidden": 64, "depth": 2, "activation": "tanh",
//                                  "log_scale_bound": 2}},
//    "optimizer": {"type": "adam", "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8, "clip_norm": 5}}
//
// A flow family's scene (chapter 6) has a top-level "family" block (core/scene/family_layers.h)
// instead of "architecture", with or without weights.
// Any JSON object with a "training" field is a training scene. Errors are "source:line:col: field:
// reason", at the offending value, as for every scene.
#pragma once

#include <optional>
#include <string>

#include "core/train/checkpoint.h"

namespace flowlab {

struct TrainingScene {
  std::string title;        // "title" (else the scene's "name", as a checkpoint has)
  int chapter = 0;          // "chapter": 1-6 of the course; 0 = none given
  std::string description;  // "description"
  TrainerConfig config;     // architecture, data, optimizer and schedule
  std::optional<FamilyConfig> family;  // a flow family's model ("family" block); empty: RealNVP (config.model)
  std::optional<Checkpoint> weights;  // with weights ("layers"): the saved model to continue; its config == config
};

// An object with a "training" field.
bool isTrainingScene(const Json& root);
// `sourceName` prefixes error messages (a path).
Expected<TrainingScene> parseTrainingScene(const std::string& text, const std::string& sourceName);
Expected<TrainingScene> loadTrainingScene(const std::string& path);

// Without weights: the settings only; with weights: the checkpoint's scene plus title, chapter,
// description and the "architecture" block (so both forms read the same way).
Expected<Json> trainingSceneToJson(const TrainingScene& scene);
Status saveTrainingScene(const TrainingScene& scene, const std::string& path);  // atomic

// One line for `flowlab check`: "moons (noise 0.05); RealNVP 6 layers, 1 → 64 → 64 → 2 tanh, ...".
std::string describeTrainingScene(const TrainingScene& scene);

}  // namespace flowlab
